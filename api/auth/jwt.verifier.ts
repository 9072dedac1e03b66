import { createPublicKey, createSecretKey, type KeyObject } from 'node:crypto';
import jwt, { type Algorithm } from 'jsonwebtoken';
import { authProblems, ConfigurationError, type Configuration } from '../../config/configuration';
import { MEMBER_ROLES, type Actor, type MemberRole } from '../../domain/organisation/roles';

/** Why a bearer token or a session was refused; the guard answers 401 with this code and never echoes the token. */
export class TokenError extends Error {
  constructor(
    readonly code:
      'token-missing' | 'token-invalid' | 'token-expired' | 'actor-not-in-roster' | 'session-expired',
    message: string,
  ) {
    super(message);
    this.name = 'TokenError';
  }
}

/** The claims an eco-grid token carries: who acts, in which unit, with which roles. */
export interface ActorClaims {
  sub: string;
  name: string;
  unit: string;
  roles: MemberRole[];
}

type JwtSettings = Pick<Configuration, 'JWT_SECRET' | 'JWT_PUBLIC_KEY' | 'JWT_ISSUER' | 'JWT_AUDIENCE'>;

const CLAIM_MAX: Record<'sub' | 'name' | 'unit', number> = { sub: 64, name: 64, unit: 32 };

/** Turns verified claims into the Actor the workflow judges; anything malformed is an invalid token. */
export function actorFromClaims(payload: unknown): Actor {
  if (typeof payload !== 'object' || payload === null) throw new TokenError('token-invalid', 'no claims');
  const claims = payload as Record<string, unknown>;
  for (const key of ['sub', 'name', 'unit'] as const) {
    const value = claims[key];
    if (typeof value !== 'string' || value.trim() === '' || value.length > CLAIM_MAX[key]) {
      throw new TokenError('token-invalid', `the token's ${key} claim is missing or malformed`);
    }
  }
  const roles = claims.roles;
  if (!Array.isArray(roles) || roles.some((role) => !MEMBER_ROLES.includes(role as MemberRole))) {
    throw new TokenError(
      'token-invalid',
      `the token's roles claim must be a list of ${MEMBER_ROLES.join(', ')}`,
    );
  }
  return {
    id: claims.sub as string,
    name: claims.name as string,
    unitCode: claims.unit as string,
    roles: [...new Set(roles as MemberRole[])],
  };
}

/**
 * Verifies bearer tokens: HS256 with JWT_SECRET or RS256 with JWT_PUBLIC_KEY (never both, never `none`),
 * issuer and audience checked, an expiry required.
 */
export class JwtVerifier {
  /**
   * The key as a KeyObject, made once: given a string, jsonwebtoken would parse it again for every token (first as
   * a PEM public key, failing, for a secret), which was the API's largest cost per request.
   */
  private readonly key: KeyObject;
  private readonly algorithms: Algorithm[];
  /** Tokens verified lately, with their actor and expiry: a request's guards ask about the same token twice. */
  private readonly recent = new Map<string, { actor: Actor; expiresAt: number }>();

  constructor(private readonly settings: JwtSettings) {
    const problems = authProblems(settings, true);
    if (problems.length > 0) throw new ConfigurationError(problems);
    this.key = settings.JWT_SECRET
      ? createSecretKey(Buffer.from(settings.JWT_SECRET, 'utf8'))
      : createPublicKey(settings.JWT_PUBLIC_KEY as string);
    this.algorithms = settings.JWT_SECRET ? ['HS256'] : ['RS256'];
  }

  verify(token: string): Actor {
    const known = this.recent.get(token);
    if (known && Date.now() < known.expiresAt) return known.actor;
    if (known) this.recent.delete(token);
    return this.verified(token);
  }

  private verified(token: string): Actor {
    let payload: string | jwt.JwtPayload;
    try {
      payload = jwt.verify(token, this.key, {
        algorithms: this.algorithms,
        issuer: this.settings.JWT_ISSUER,
        audience: this.settings.JWT_AUDIENCE,
        clockTolerance: 5,
      });
    } catch (error) {
      if (error instanceof jwt.TokenExpiredError)
        throw new TokenError('token-expired', 'the token has expired');
      if (error instanceof jwt.NotBeforeError)
        throw new TokenError('token-invalid', 'the token is not valid yet');
      // jsonwebtoken's messages name the failed check (signature, issuer, audience) but never the token itself.
      const reason = error instanceof Error ? error.message : 'verification failed';
      throw new TokenError('token-invalid', `the token is not valid: ${reason}`);
    }
    if (typeof payload === 'string' || typeof payload.exp !== 'number') {
      throw new TokenError('token-invalid', 'the token has no expiry (exp)');
    }
    // A console session's token lives in its HttpOnly cookie, where CSRF protection applies; never as a bearer.
    if (payload.typ === 'session') {
      throw new TokenError('token-invalid', 'a session token is not a bearer token');
    }
    const actor = actorFromClaims(payload);
    // Kept until it expires (without the clock tolerance), among the last RECENT_TOKENS verified.
    if (this.recent.size >= RECENT_TOKENS) this.recent.delete(this.recent.keys().next().value as string);
    this.recent.set(token, { actor, expiresAt: payload.exp * 1000 });
    return actor;
  }
}

/** How many verified tokens the verifier remembers (a few hundred bytes each). */
const RECENT_TOKENS = 1000;
