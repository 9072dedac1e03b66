import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Actor } from '../../domain/organisation/roles';
import { AuthErrors } from './auth.errors';

/** The request as the auth guard leaves it. */
export interface AuthenticatedRequest {
  actor?: Actor;
}

/** The actor of the request, from its verified token (never from the body). */
export const CurrentActor = createParamDecorator((_data: unknown, context: ExecutionContext): Actor => {
  const actor = context.switchToHttp().getRequest<AuthenticatedRequest>().actor;
  if (!actor) throw AuthErrors.unauthorized('token-missing', 'this route needs a bearer token');
  return actor;
});
