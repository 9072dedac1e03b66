import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'eco-grid:public';
export const ALLOWS_PENDING_PASSWORD_CHANGE = 'eco-grid:allows-pending-password-change';

/** Marks a route that answers without a token (health, OpenAPI, process definitions, public listings). */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);

/** Marks a route a member may use before setting the new password their first sign-in or a reset asks for. */
export const AllowsPendingPasswordChange = (): MethodDecorator & ClassDecorator =>
  SetMetadata(ALLOWS_PENDING_PASSWORD_CHANGE, true);
