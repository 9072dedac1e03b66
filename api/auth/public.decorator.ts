import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'eco-grid:public';

/** Marks a route that answers without a token (health, OpenAPI, process definitions, public listings). */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);
