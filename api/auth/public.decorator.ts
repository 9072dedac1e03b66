import { SetMetadata, type ExecutionContext } from '@nestjs/common';

export const IS_PUBLIC = 'eco-grid:public';
export const ALLOWS_PENDING_PASSWORD_CHANGE = 'eco-grid:allows-pending-password-change';

/** Marks a route that answers without a token (health, OpenAPI, process definitions, public listings). */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);

/** Marks a route a member may use before setting the new password their first sign-in or a reset asks for. */
export const AllowsPendingPasswordChange = (): MethodDecorator & ClassDecorator =>
  SetMetadata(ALLOWS_PENDING_PASSWORD_CHANGE, true);

/** The throttler that counts public writes (PUBLIC_WRITES_PER_HOUR). */
export const PUBLIC_WRITES = 'public-writes';
const IS_PUBLIC_WRITE = 'eco-grid:public-write';

/** Marks a route that anyone may write to without a login (public reports, 公示 objections): rate-limited per hour. */
export const PublicWrite = (): MethodDecorator => SetMetadata(IS_PUBLIC_WRITE, true);

export function isPublicWrite(context: ExecutionContext): boolean {
  return Reflect.getMetadata(IS_PUBLIC_WRITE, context.getHandler()) === true;
}
