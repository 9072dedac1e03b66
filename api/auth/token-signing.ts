import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import jwt from 'jsonwebtoken';
import type { MemberRole } from '../../domain/organisation/roles';

export interface SignOptions {
  /** HS256 secret; or `privateKey` for RS256. */
  secret?: string;
  privateKey?: string;
  issuer?: string;
  audience?: string;
  /** Seconds until expiry. */
  expiresIn?: number;
}

export interface TokenSubject {
  id: string;
  name: string;
  unitCode: string;
  roles: readonly MemberRole[];
}

/** `typ` of the bearer tokens `npm run token` signs; console sessions carry `session` instead. */
export const SERVICE_TOKEN_TYPE = 'service';

/**
 * Signs a bearer token the API accepts for a member or service account of the roster; used by `npm run token`
 * and the tests. Name, unit and roles ride along for people reading the token: the API takes them from the roster.
 */
export function signToken(subject: TokenSubject, options: SignOptions): string {
  const key = options.secret ?? options.privateKey;
  if (!key) throw new Error('signing needs JWT_SECRET (HS256) or JWT_PRIVATE_KEY (RS256)');
  const claims = {
    typ: SERVICE_TOKEN_TYPE,
    name: subject.name,
    unit: subject.unitCode,
    roles: [...subject.roles],
  };
  return jwt.sign(claims, key, {
    algorithm: options.secret ? 'HS256' : 'RS256',
    subject: subject.id,
    issuer: options.issuer ?? 'eco-grid',
    audience: options.audience ?? 'eco-grid-api',
    expiresIn: options.expiresIn ?? 8 * 3600,
  });
}

export const JWT_SECRET_FILE = 'jwt-secret';

/** The local secret `npm start` generates once and keeps in `<DATA_DIR>/jwt-secret` (mode 0600). */
export function readLocalJwtSecret(dataDir: string): string | undefined {
  const file = path.join(dataDir, JWT_SECRET_FILE);
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8').trim() || undefined : undefined;
}

export function ensureLocalJwtSecret(dataDir: string): { secret: string; created: boolean } {
  const existing = readLocalJwtSecret(dataDir);
  if (existing) return { secret: existing, created: false };
  fs.mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('hex');
  fs.writeFileSync(path.join(dataDir, JWT_SECRET_FILE), `${secret}\n`, { mode: 0o600 });
  return { secret, created: true };
}
