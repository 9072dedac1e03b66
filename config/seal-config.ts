import fs from 'node:fs';
import path from 'node:path';
import {
  generateSealKey,
  parseSealPrivateKey,
  privateKeyPem,
  SealKeyError,
  type SealPrivateKey,
} from '../documents/seal/seal-keys';

/**
 * P10: the worker's seal key, from `SEAL_PRIVATE_KEY` (PEM or 64 hex digits; `\n` allowed in one line) or from the
 * file `SEAL_PRIVATE_KEY_FILE` names, exactly one of them; `SEAL_KEY_ID` names it (default: derived from the public
 * key). Throws a message naming the variable, never echoing the key.
 */
export function loadSealKey(env: NodeJS.ProcessEnv = process.env): SealPrivateKey {
  const inline = env.SEAL_PRIVATE_KEY?.trim();
  const file = env.SEAL_PRIVATE_KEY_FILE?.trim();
  if (inline && file) throw new Error('Set only one of SEAL_PRIVATE_KEY and SEAL_PRIVATE_KEY_FILE');
  if (!inline && !file)
    throw new Error(
      'SEAL_PRIVATE_KEY or SEAL_PRIVATE_KEY_FILE is required: the SM2 key the county seals its reports with ' +
        '(`npm run seal-key` prints a new one; `npm start` keeps one in <DATA_DIR>/seal-key.pem)',
    );
  let text: string;
  if (file) {
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (error) {
      throw new Error(`SEAL_PRIVATE_KEY_FILE cannot be read: ${(error as Error).message}`);
    }
  } else text = inline!;
  const id = env.SEAL_KEY_ID?.trim();
  if (id !== undefined && id !== '' && !/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(id))
    throw new Error('SEAL_KEY_ID must be 1–64 letters, digits, dots, dashes or underscores');
  try {
    return parseSealPrivateKey(text, id);
  } catch (error) {
    if (error instanceof SealKeyError)
      throw new Error(`${file ? 'SEAL_PRIVATE_KEY_FILE' : 'SEAL_PRIVATE_KEY'}: ${error.message}`);
    throw error;
  }
}

/** A mailbox of the county leadership that receives the bulletins (P8). */
export interface LeadershipRecipient {
  name: string;
  email: string;
}

/** The seed's three addressees of a bulletin ("呈报县委、县政府、县生态环境保护委员会"). */
export const DEFAULT_LEADERSHIP = ['县委', '县政府', '县生态环境保护委员会'];

const EMAIL = /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:"]+$/;

/**
 * P8: `BULLETIN_RECIPIENTS`, a JSON array of `{ "name", "email" }`: the county leadership's mailboxes that every
 * sealed bulletin is e-mailed to. Unset: none, and each of the three addressees is kept as unresolved.
 */
export function leadershipRecipients(env: NodeJS.ProcessEnv = process.env): LeadershipRecipient[] {
  const raw = env.BULLETIN_RECIPIENTS?.trim();
  if (!raw) return [];
  const problem = 'BULLETIN_RECIPIENTS must be a JSON array of {"name": "县委办公室", "email": "…"}';
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new Error(problem);
  }
  if (!Array.isArray(parsed) || parsed.length === 0 || parsed.length > 20) throw new Error(problem);
  return parsed.map((item: unknown, i) => {
    const entry = item as Partial<LeadershipRecipient> | null;
    if (!entry || typeof entry.name !== 'string' || !entry.name.trim() || entry.name.length > 100)
      throw new Error(`BULLETIN_RECIPIENTS[${i}].name must be the addressee's name (1–100 characters)`);
    if (typeof entry.email !== 'string' || entry.email.length > 254 || !EMAIL.test(entry.email))
      throw new Error(`BULLETIN_RECIPIENTS[${i}].email must be an e-mail address`);
    return { name: entry.name.trim(), email: entry.email };
  });
}

/** Where `npm start` keeps the local seal key, like the generated token secret. */
export const LOCAL_SEAL_KEY_FILE = 'seal-key.pem';

/**
 * The local seal key of `npm start`: generated once into `<dataDir>/seal-key.pem` (0600) and kept, so the reports
 * sealed locally keep verifying across restarts. Production configures its own key.
 */
export function ensureLocalSealKey(dataDir: string): { file: string; created: boolean } {
  const file = path.join(dataDir, LOCAL_SEAL_KEY_FILE);
  if (fs.existsSync(file)) return { file, created: false };
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(file, privateKeyPem(generateSealKey()), { mode: 0o600 });
  return { file, created: true };
}
