import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Actor } from '../../domain/organisation/roles';
import type { RosterEntry } from '../../persistence/repositories/roster.repository';
import type { SessionMethod } from '../../persistence/repositories/sessions.repository';
import { AuthErrors } from './auth.errors';

/** Who a request acts as, and how it proved it. */
export interface Principal {
  actor: Actor;
  /** The roster's row the actor was built from (unit name and kind, grid). */
  entry: RosterEntry;
  via: 'bearer' | 'session';
  session?: { id: string; method: SessionMethod; expiresAt: Date };
  mustChangePassword: boolean;
}

/** The request as the auth guard leaves it. */
export interface AuthenticatedRequest {
  actor?: Actor;
  principal?: Principal;
}

/** The actor of the request, from the roster entry its session or token names (never from the body). */
export const CurrentActor = createParamDecorator((_data: unknown, context: ExecutionContext): Actor => {
  const actor = context.switchToHttp().getRequest<AuthenticatedRequest>().actor;
  if (!actor) throw AuthErrors.unauthorized('token-missing');
  return actor;
});

export const CurrentPrincipal = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Principal => {
    const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().principal;
    if (!principal) throw AuthErrors.unauthorized('token-missing');
    return principal;
  },
);
