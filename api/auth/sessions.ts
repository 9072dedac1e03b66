import { Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DataSource } from 'typeorm';
import { Configuration, sessionKey } from '../../config/configuration';
import {
  createSession,
  deleteEndedSessions,
  findOpenSession,
  renewSession,
  revokeSession,
  type OpenSession,
  type SessionMethod,
} from '../../persistence/repositories/sessions.repository';
import {
  clearSessionCookies,
  cookieSecure,
  CSRF_COOKIE,
  CSRF_HEADER,
  requestCookie,
  SESSION_COOKIE,
  setSessionCookies,
} from './cookies';
import { TokenError } from './jwt.verifier';
import { SessionTokens } from './session-tokens';

/**
 * The console's sessions: a row in auth_sessions per sign-in (so logout and a password change end it in every
 * API process) and a short signed token in an HttpOnly cookie that names it, renewed as it is used.
 */
@Injectable()
export class SessionManager {
  private readonly tokens: SessionTokens | null;
  private readonly idleSeconds: number;
  private readonly maxSeconds: number;
  private readonly forceSecure: boolean;

  constructor(
    private readonly dataSource: DataSource,
    config: Configuration,
  ) {
    const key = sessionKey(config);
    this.tokens = key ? new SessionTokens(key, config.JWT_ISSUER, config.JWT_AUDIENCE) : null;
    this.maxSeconds = config.SESSION_MAX_HOURS * 3600;
    this.idleSeconds = Math.min(config.SESSION_IDLE_MINUTES * 60, this.maxSeconds);
    this.forceSecure = config.COOKIE_SECURE === 'true';
  }

  /** Whether sessions can be signed at all (a session key is configured). */
  get enabled(): boolean {
    return this.tokens !== null;
  }

  /** Opens a session for the member and sets its two cookies. */
  async start(request: Request, response: Response, memberId: string, method: SessionMethod): Promise<void> {
    const tokens = this.required();
    const sid = SessionTokens.newSessionId();
    const expiresAt = await createSession(this.dataSource, {
      id: sid,
      memberId,
      method,
      idleSeconds: this.idleSeconds,
      address: request.ip ?? null,
    });
    this.setCookies(request, response, tokens, sid, memberId, expiresAt);
    // Ended sessions are few and harmless; a sign-in now and then is often enough to sweep them.
    if (Math.random() < 0.05) await deleteEndedSessions(this.dataSource);
  }

  /** The member a validly signed session cookie names, without asking the database whether it is still open. */
  signedMember(request: Request): string | undefined {
    const token = requestCookie(request, SESSION_COOKIE);
    if (!token || !this.tokens) return undefined;
    try {
      return this.tokens.verify(token).sub;
    } catch {
      return undefined;
    }
  }

  /** The session the request's cookie names, or null without a cookie; 401 (TokenError) for an ended one. */
  async resume(request: Request): Promise<{ session: OpenSession; exp: number } | null> {
    const token = requestCookie(request, SESSION_COOKIE);
    if (!token || !this.tokens) return null;
    let claims;
    try {
      claims = this.tokens.verify(token);
    } catch {
      throw new TokenError('session-expired', 'the session cookie is expired or not valid');
    }
    const session = await findOpenSession(this.dataSource, claims.sid, claims.sub);
    if (!session) throw new TokenError('session-expired', 'the session has ended');
    return { session, exp: claims.exp };
  }

  /** Slides the session on when half of its idle time is used, with a new cookie. */
  async renewIfDue(request: Request, response: Response, session: OpenSession, exp: number): Promise<Date> {
    const tokens = this.required();
    if (exp * 1000 - Date.now() > (this.idleSeconds * 1000) / 2) return session.expiresAt;
    const expiresAt = await renewSession(this.dataSource, session.id, this.idleSeconds, this.maxSeconds);
    if (!expiresAt) throw new TokenError('session-expired', 'the session has ended');
    this.setCookies(request, response, tokens, session.id, session.member.id, expiresAt);
    return expiresAt;
  }

  /** Whether an unsafe request carries this session's CSRF token in its header and its cookie. */
  csrfValid(request: Request, sid: string): boolean {
    const header = request.headers[CSRF_HEADER];
    return this.required().csrfMatches(
      sid,
      Array.isArray(header) ? header[0] : header,
      requestCookie(request, CSRF_COOKIE),
    );
  }

  /** Re-issues the cookies of a session that stays open (after its member changed the password). */
  async reissue(request: Request, response: Response, sid: string, memberId: string): Promise<void> {
    const expiresAt = await renewSession(this.dataSource, sid, this.idleSeconds, this.maxSeconds);
    if (expiresAt) this.setCookies(request, response, this.required(), sid, memberId, expiresAt);
  }

  async end(request: Request, response: Response, sid: string | undefined): Promise<void> {
    if (sid) await revokeSession(this.dataSource, sid);
    this.clearCookies(request, response);
  }

  clearCookies(request: Request, response: Response): void {
    clearSessionCookies(response, cookieSecure(request, this.forceSecure));
  }

  private setCookies(
    request: Request,
    response: Response,
    tokens: SessionTokens,
    sid: string,
    memberId: string,
    expiresAt: Date,
  ): void {
    setSessionCookies(response, {
      session: tokens.sign(sid, memberId, expiresAt),
      csrf: tokens.csrfToken(sid),
      maxAgeMs: Math.max(0, expiresAt.getTime() - Date.now()),
      secure: cookieSecure(request, this.forceSecure),
    });
  }

  private required(): SessionTokens {
    if (!this.tokens) throw new Error('sessions need JWT_SECRET or SESSION_SECRET');
    return this.tokens;
  }
}
