import { generateKeyPairSync } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { JwtVerifier, TokenError } from '../../api/auth/jwt.verifier';
import { SessionTokens } from '../../api/auth/session-tokens';
import { signToken } from '../../api/auth/token-signing';
import { ConfigurationError } from '../../config/configuration';

const SECRET = 'unit-test-secret-that-is-long-enough-123456';
const settings = { JWT_SECRET: SECRET, JWT_ISSUER: 'eco-grid', JWT_AUDIENCE: 'eco-grid-api' };
const member = {
  id: 'ule-1',
  name: '执法局网格员',
  unitCode: 'ULE',
  roles: ['grid_member', 'direct_leader'],
} as const;

function refusal(verifier: JwtVerifier, token: string): TokenError {
  try {
    verifier.verify(token);
  } catch (error) {
    if (error instanceof TokenError) return error;
    throw error;
  }
  throw new Error('the token was accepted');
}

describe(JwtVerifier.name, () => {
  const verifier = new JwtVerifier(settings);

  it('turns a valid HS256 token into the actor: sub, name, unit, roles', () => {
    expect(verifier.verify(signToken(member, { secret: SECRET }))).toEqual({
      id: 'ule-1',
      name: '执法局网格员',
      unitCode: 'ULE',
      roles: ['grid_member', 'direct_leader'],
    });
  });

  it('refuses an expired token, a token without expiry, and a token signed with another secret', () => {
    expect(refusal(verifier, signToken(member, { secret: SECRET, expiresIn: -10 })).code).toBe(
      'token-expired',
    );
    const noExp = jwt.sign({ name: 'x', unit: 'ULE', roles: [] }, SECRET, {
      subject: 'x',
      issuer: 'eco-grid',
      audience: 'eco-grid-api',
    });
    expect(refusal(verifier, noExp).message).toMatch(/expiry/);
    expect(refusal(verifier, signToken(member, { secret: `${SECRET}-other` })).code).toBe('token-invalid');
  });

  it('remembers a verified token only until it expires, then refuses it as expired', () => {
    const remembering = new JwtVerifier(settings);
    const token = signToken(member, { secret: SECRET, expiresIn: 60 });
    const first = remembering.verify(token);
    expect(remembering.verify(token)).toBe(first);
    // Past its expiry (and the 5 s tolerance): verified afresh, refused.
    jest.useFakeTimers({ now: Date.now() + 70_000 });
    try {
      expect(refusal(remembering, token).code).toBe('token-expired');
    } finally {
      jest.useRealTimers();
    }
  });

  it('checks the issuer and the audience', () => {
    expect(refusal(verifier, signToken(member, { secret: SECRET, issuer: 'evil' })).message).toMatch(
      /issuer/,
    );
    expect(refusal(verifier, signToken(member, { secret: SECRET, audience: 'other-api' })).message).toMatch(
      /audience/,
    );
  });

  it('refuses unsigned (alg none) tokens and malformed claims', () => {
    const none = jwt.sign({ name: 'x', unit: 'ULE', roles: [] }, '', {
      algorithm: 'none',
      subject: 'x',
      issuer: 'eco-grid',
      audience: 'eco-grid-api',
      expiresIn: 60,
    });
    expect(refusal(verifier, none).code).toBe('token-invalid');
    const claims = (extra: object) =>
      jwt.sign({ name: 'x', unit: 'ULE', roles: ['grid_member'], ...extra }, SECRET, {
        subject: 's',
        issuer: 'eco-grid',
        audience: 'eco-grid-api',
        expiresIn: 60,
      });
    expect(refusal(verifier, claims({ roles: ['emperor'] })).message).toMatch(/roles/);
    expect(refusal(verifier, claims({ roles: 'chief' })).message).toMatch(/roles/);
    expect(refusal(verifier, claims({ unit: '' })).message).toMatch(/unit/);
    expect(refusal(verifier, claims({ name: 42 })).message).toMatch(/name/);
    expect(refusal(verifier, 'not.a.token').code).toBe('token-invalid');
  });

  it('verifies RS256 tokens with JWT_PUBLIC_KEY and refuses HS256 tokens there (no algorithm confusion)', () => {
    const { publicKey, privateKey } = generateKeyPairSync('rsa', {
      modulusLength: 2048,
      publicKeyEncoding: { type: 'spki', format: 'pem' },
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    });
    const rs = new JwtVerifier({
      JWT_PUBLIC_KEY: publicKey,
      JWT_ISSUER: 'eco-grid',
      JWT_AUDIENCE: 'eco-grid-api',
    });
    expect(rs.verify(signToken(member, { privateKey })).unitCode).toBe('ULE');
    // An attacker signing HS256 with the public key as the secret.
    expect(refusal(rs, signToken(member, { secret: publicKey })).code).toBe('token-invalid');
    expect(refusal(verifier, signToken(member, { privateKey })).code).toBe('token-invalid');
  });

  it('needs exactly one key', () => {
    expect(() => new JwtVerifier({ JWT_ISSUER: 'a', JWT_AUDIENCE: 'b' })).toThrow(ConfigurationError);
    expect(
      () => new JwtVerifier({ JWT_SECRET: SECRET, JWT_PUBLIC_KEY: 'x', JWT_ISSUER: 'a', JWT_AUDIENCE: 'b' }),
    ).toThrow(/only one/);
  });

  it('refuses a console session token offered as a bearer token, though it is signed with the same secret', () => {
    const session = new SessionTokens(SECRET, 'eco-grid', 'eco-grid-api').sign(
      'sid-1',
      'ule-1',
      new Date(Date.now() + 60_000),
    );
    expect(refusal(verifier, session).message).toMatch(/session token is not a bearer token/);
  });
});

describe(SessionTokens.name, () => {
  const tokens = new SessionTokens(SECRET, 'eco-grid', 'eco-grid-api');

  it('signs a session token that names the session and the member, and refuses a bearer token as one', () => {
    const token = tokens.sign('sid-1', 'ule-1', new Date(Date.now() + 1_800_000));
    const claims = tokens.verify(token);
    expect(claims).toMatchObject({ sid: 'sid-1', sub: 'ule-1' });
    expect(claims.exp * 1000).toBeGreaterThan(Date.now() + 1_790_000);
    expect(() => tokens.verify(signToken(member, { secret: SECRET }))).toThrow(/not a session token/);
    const expired = jwt.sign({ typ: 'session', sid: 'sid-1' }, SECRET, {
      subject: 'ule-1',
      issuer: 'eco-grid',
      audience: 'eco-grid-api',
      expiresIn: -60,
    });
    expect(() => tokens.verify(expired)).toThrow(TokenError);
    expect(() => tokens.verify(`${token}x`)).toThrow(/not valid/);
  });

  it('a CSRF token fits one session, must be in the header and the cookie alike, and is compared whole', () => {
    const csrf = tokens.csrfToken('sid-1');
    expect(csrf).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(tokens.csrfMatches('sid-1', csrf, csrf)).toBe(true);
    expect(tokens.csrfMatches('sid-2', csrf, csrf)).toBe(false);
    expect(tokens.csrfMatches('sid-1', csrf, undefined)).toBe(false);
    expect(tokens.csrfMatches('sid-1', undefined, csrf)).toBe(false);
    expect(tokens.csrfMatches('sid-1', csrf.slice(0, 20), csrf)).toBe(false);
    expect(new SessionTokens(`${SECRET}-other`, 'eco-grid', 'eco-grid-api').csrfToken('sid-1')).not.toBe(
      csrf,
    );
  });
});
