import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import type { AuthenticatedRequest } from './current-actor.decorator';
import { AuthErrors } from './auth.errors';
import { JwtVerifier, TokenError } from './jwt.verifier';
import { IS_PUBLIC } from './public.decorator';

const BEARER = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*)$/;

/** Authenticates every route not marked @Public(): a valid bearer token or 401 problem+json. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: JwtVerifier,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const isPublic = this.reflector.getAllAndOverride<boolean | undefined>(IS_PUBLIC, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (isPublic) return true;
    const request = context.switchToHttp().getRequest<Request & AuthenticatedRequest>();
    const response = context.switchToHttp().getResponse<Response>();
    const header = request.headers.authorization;
    try {
      if (!header)
        throw new TokenError('token-missing', 'this route needs an Authorization: Bearer <token> header');
      const match = BEARER.exec(header.trim());
      if (!match) throw new TokenError('token-invalid', 'the Authorization header is not "Bearer <JWT>"');
      request.actor = this.verifier.verify(match[1]);
      return true;
    } catch (error) {
      if (!(error instanceof TokenError)) throw error;
      response.setHeader(
        'WWW-Authenticate',
        error.code === 'token-missing'
          ? 'Bearer realm="eco-grid"'
          : `Bearer realm="eco-grid", error="invalid_token", error_description="${error.code}"`,
      );
      throw AuthErrors.unauthorized(error.code, error.message);
    }
  }
}
