import { signToken, type SignOptions, type TokenSubject } from '../../api/auth/token-signing';

/** The HS256 secret the test harness configures the API with. */
export const TEST_JWT_SECRET = 'test-secret-of-the-eco-grid-integration-tests-0123456789';

/** A token the test API accepts, for the actor given (claims: sub, name, unit, roles). */
export function tokenFor(actor: TokenSubject, options: SignOptions = {}): string {
  return signToken(actor, { secret: TEST_JWT_SECRET, ...options });
}

/** The Authorization header value for the actor. */
export function bearer(actor: TokenSubject, options: SignOptions = {}): string {
  return `Bearer ${tokenFor(actor, options)}`;
}
