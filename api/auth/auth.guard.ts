import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { DataSource } from 'typeorm';
import type { Actor } from '../../domain/organisation/roles';
import { findRosterEntry, type RosterEntry } from '../../persistence/repositories/roster.repository';
import { AuthErrors } from './auth.errors';
import type { AuthenticatedRequest, Principal } from './current-actor.decorator';
import { JwtVerifier, TokenError } from './jwt.verifier';
import { ALLOWS_PENDING_PASSWORD_CHANGE, IS_PUBLIC } from './public.decorator';
import { SessionManager } from './sessions';

const BEARER = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*)$/;
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export const actorOf = (entry: RosterEntry): Actor => ({
  id: entry.id,
  name: entry.name,
  unitCode: entry.unitCode,
  roles: [...entry.roles],
});

/**
 * Authenticates every route not marked @Public(): the session cookie (with its CSRF header on unsafe methods)
 * or a bearer token, then the roster's current row for who they name — the token's own claims of unit and roles
 * are never used. 401 problem+json otherwise; 403 while a member must still set a new password.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: JwtVerifier,
    private readonly sessions: SessionManager,
    private readonly dataSource: DataSource,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean | undefined>(IS_PUBLIC, targets)) return true;
    const request = context.switchToHttp().getRequest<Request & AuthenticatedRequest>();
    const response = context.switchToHttp().getResponse<Response>();
    let principal: Principal;
    try {
      principal = request.headers.authorization
        ? await this.fromBearer(request.headers.authorization)
        : await this.fromSession(request, response);
    } catch (error) {
      if (!(error instanceof TokenError)) throw error;
      if (error.code === 'session-expired') this.sessions.clearCookies(request, response);
      else
        response.setHeader(
          'WWW-Authenticate',
          error.code === 'token-missing'
            ? 'Bearer realm="eco-grid"'
            : `Bearer realm="eco-grid", error="invalid_token", error_description="${error.code}"`,
        );
      throw AuthErrors.unauthorized(error.code, error.message);
    }
    if (
      principal.mustChangePassword &&
      !this.reflector.getAllAndOverride<boolean | undefined>(ALLOWS_PENDING_PASSWORD_CHANGE, targets)
    ) {
      throw AuthErrors.passwordChangeRequired();
    }
    request.principal = principal;
    request.actor = principal.actor;
    return true;
  }

  private async fromBearer(header: string): Promise<Principal> {
    const match = BEARER.exec(header.trim());
    if (!match) throw new TokenError('token-invalid', 'the Authorization header is not "Bearer <JWT>"');
    const claimed = this.verifier.verify(match[1]);
    const entry = await findRosterEntry(this.dataSource, claimed.id);
    if (!entry)
      throw new TokenError('actor-not-in-roster', 'the token names no active member or service account');
    return { actor: actorOf(entry), entry, via: 'bearer', mustChangePassword: false };
  }

  private async fromSession(request: Request, response: Response): Promise<Principal> {
    const resumed = await this.sessions.resume(request);
    if (!resumed) {
      throw new TokenError(
        'token-missing',
        'this route needs a signed-in session or an Authorization: Bearer <token> header',
      );
    }
    const { session, exp } = resumed;
    // Checked before renewal: a forged cross-site request must not even slide the session on.
    if (!SAFE_METHODS.has(request.method) && !this.sessions.csrfValid(request, session.id)) {
      throw AuthErrors.csrfInvalid();
    }
    const expiresAt = await this.sessions.renewIfDue(request, response, session, exp);
    return {
      actor: actorOf(session.member),
      entry: session.member,
      via: 'session',
      session: { id: session.id, method: session.method, expiresAt },
      mustChangePassword: session.method === 'password' && session.mustChangePassword,
    };
  }
}
