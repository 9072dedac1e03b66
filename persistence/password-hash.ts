import { randomInt } from 'node:crypto';
import { Algorithm, hash, verify } from '@node-rs/argon2';

/** Argon2id at OWASP's first recommended setting: 19 MiB, 2 passes, 1 lane (Password Storage Cheat Sheet). */
export const ARGON2_OPTIONS = {
  algorithm: Algorithm.Argon2id,
  memoryCost: 19456,
  timeCost: 2,
  parallelism: 1,
} as const;

/** A PHC string `$argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>` with a fresh random salt. */
export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

/** Whether the password matches the stored hash (argon2's own constant-time comparison); a broken hash never does. */
export async function verifyPassword(storedHash: string, password: string): Promise<boolean> {
  try {
    return await verify(storedHash, password);
  } catch {
    return false;
  }
}

// No 0/O, 1/l/I: a temporary password is read aloud or copied from a screen.
const TEMPORARY_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789';

/** A 12-character temporary password (≈ 70 bits) with at least one letter and one digit. */
export function temporaryPassword(): string {
  for (;;) {
    const candidate = Array.from(
      { length: 12 },
      () => TEMPORARY_ALPHABET[randomInt(TEMPORARY_ALPHABET.length)],
    ).join('');
    if (/[A-Za-z]/.test(candidate) && /\d/.test(candidate)) return candidate;
  }
}
