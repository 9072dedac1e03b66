import { createHmac, createSecretKey, type KeyObject, randomBytes, timingSafeEqual } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { TokenError } from './jwt.verifier';

/** `typ` of a console session token; bearer tokens never carry it, and the cookie takes nothing else. */
export const SESSION_TOKEN_TYPE = 'session';

export interface SessionClaims {
  /** The session's row in auth_sessions. */
  sid: string;
  /** The member. */
  sub: string;
  /** Expiry, seconds since the epoch. */
  exp: number;
}

/**
 * Signs and verifies the console's session tokens (HS256 with the session key) and derives each session's CSRF
 * token from the same key, so a CSRF token fits exactly one session.
 */
export class SessionTokens {
  /** The session key as a KeyObject, made once (jsonwebtoken would otherwise parse the string for every token). */
  private readonly signingKey: KeyObject;

  constructor(
    private readonly key: string,
    private readonly issuer: string,
    private readonly audience: string,
  ) {
    this.signingKey = createSecretKey(Buffer.from(key, 'utf8'));
  }

  /** A new random session id (256 bits). */
  static newSessionId(): string {
    return randomBytes(32).toString('base64url');
  }

  sign(sid: string, memberId: string, expiresAt: Date): string {
    return jwt.sign({ typ: SESSION_TOKEN_TYPE, sid }, this.signingKey, {
      algorithm: 'HS256',
      subject: memberId,
      issuer: this.issuer,
      audience: this.audience,
      expiresIn: Math.max(1, Math.floor((expiresAt.getTime() - Date.now()) / 1000)),
    });
  }

  verify(token: string): SessionClaims {
    let payload: string | jwt.JwtPayload;
    try {
      payload = jwt.verify(token, this.signingKey, {
        algorithms: ['HS256'],
        issuer: this.issuer,
        audience: this.audience,
        clockTolerance: 5,
      });
    } catch (error) {
      if (error instanceof jwt.TokenExpiredError)
        throw new TokenError('token-expired', 'the session has expired');
      throw new TokenError('token-invalid', 'the session cookie is not valid');
    }
    if (
      typeof payload === 'string' ||
      payload.typ !== SESSION_TOKEN_TYPE ||
      typeof payload.sid !== 'string' ||
      typeof payload.sub !== 'string' ||
      typeof payload.exp !== 'number'
    ) {
      throw new TokenError('token-invalid', 'the session cookie is not a session token');
    }
    return { sid: payload.sid, sub: payload.sub, exp: payload.exp };
  }

  csrfToken(sid: string): string {
    return createHmac('sha256', this.key).update(`eco-grid csrf\n${sid}`).digest('base64url');
  }

  /** Whether the header carries this session's CSRF token and equals the cookie, compared in constant time. */
  csrfMatches(sid: string, header: string | undefined, cookie: string | undefined): boolean {
    if (!header || !cookie) return false;
    const expected = Buffer.from(this.csrfToken(sid));
    const given = Buffer.from(header);
    const stored = Buffer.from(cookie);
    return (
      given.length === expected.length &&
      stored.length === expected.length &&
      timingSafeEqual(given, expected) &&
      timingSafeEqual(stored, expected)
    );
  }
}
