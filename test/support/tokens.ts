import { MEMBER_ROLES } from '../../domain/organisation/roles';
import { signToken, type SignOptions, type TokenSubject } from '../../api/auth/token-signing';

/** The HS256 secret the test harness configures the API with. */
export const TEST_JWT_SECRET = 'test-secret-of-the-eco-grid-integration-tests-0123456789';

/** Actors tokens were signed for since the harness last enrolled them into the roster (see roster.ts). */
const toEnrol = new Map<string, TokenSubject>();

/**
 * A token the test API accepts, for the actor given (claims: sub, name, unit, roles). The API takes unit and
 * roles from the roster, so the actor is also queued for the roster: the harness enrols it as a service account
 * before the next request, unless it is a member already (then the member's row counts, as in production).
 */
export function tokenFor(actor: TokenSubject, options: SignOptions = {}): string {
  if (actor.roles.every((role) => MEMBER_ROLES.includes(role))) toEnrol.set(actor.id, actor);
  return signToken(actor, { secret: TEST_JWT_SECRET, ...options });
}

/** A token for the actor that leaves the roster alone: for tests of what the roster decides. */
export function tokenOutsideRoster(actor: TokenSubject, options: SignOptions = {}): string {
  return signToken(actor, { secret: TEST_JWT_SECRET, ...options });
}

/** The Authorization header value for the actor. */
export function bearer(actor: TokenSubject, options: SignOptions = {}): string {
  return `Bearer ${tokenFor(actor, options)}`;
}

/** The actors queued since the last call, in the order their first tokens were signed. */
export function takeActorsToEnrol(): TokenSubject[] {
  const actors = [...toEnrol.values()];
  toEnrol.clear();
  return actors;
}
