/**
 * The county's electronic seal of a report's PDF: an SM2 signature with SM3 (GB/T 32918.2, GM/T 0003; the user id
 * is GM/T 0009's default `1234567812345678`) over a statement that names the report, what was approved and the
 * SM3 and SHA-256 digests of the PDF's bytes. A PDF cannot carry the digest of its own bytes, so the statement and
 * its signature are kept by the system and handed to whoever verifies.
 */
import { createHash, getHashes } from 'node:crypto';
import { sm2, sm3 } from 'sm-crypto';
import { canonicalJson } from '../../domain/duties/reports/report-seal';
import type { SealPrivateKey } from './seal-keys';

/** The signature scheme, as stored and as the public keys endpoint names it. */
export const SEAL_SCHEME = 'SM2-SM3';
/** GM/T 0009-2012's default distinguishing identifier, which OpenSSL's `distid` must be given to verify. */
export const SM2_USER_ID = '1234567812345678';

/** The digests of a document's bytes, each labelled by its algorithm. */
export interface DocumentDigests {
  sm3: string;
  sha256: string;
  bytes: number;
}

/** What the seal signs. */
export interface SealStatement {
  scheme: typeof SEAL_SCHEME;
  reportId: string;
  revision: number;
  /** SHA-256 of the approved content (内容摘要). */
  contentHash: string;
  /** SHA-256 of report id, revision, content hash, approver and time (审定摘要). */
  sealHash: string;
  unit: string;
  approverName: string;
  approvedAt: string;
  keyId: string;
  signedAt: string;
  document: DocumentDigests;
}

const nodeSm3 = getHashes().includes('sm3');

/** SM3 (GB/T 32905) of bytes, 64 hex digits. */
export function sm3Hex(bytes: Uint8Array): string {
  return nodeSm3 ? createHash('sm3').update(bytes).digest('hex') : sm3(bytes);
}

export function documentDigests(bytes: Uint8Array): DocumentDigests {
  return {
    sm3: sm3Hex(bytes),
    sha256: createHash('sha256').update(bytes).digest('hex'),
    bytes: bytes.length,
  };
}

/** The exact text that is signed: canonical JSON of the statement, in UTF-8. */
export function statementText(statement: SealStatement): string {
  return canonicalJson(statement);
}

/** The SM2 signature (DER, hex) of a statement. */
export function signStatement(statement: SealStatement, key: SealPrivateKey): string {
  if (statement.keyId !== key.id) throw new Error(`statement names key ${statement.keyId}, not ${key.id}`);
  return sm2.doSignature(Buffer.from(statementText(statement), 'utf8'), key.privateKey, {
    der: true,
    hash: true,
    publicKey: key.publicKey,
    userId: SM2_USER_ID,
  });
}

/** Whether `signature` is the SM2 signature of exactly this statement text under the public key. */
export function verifyStatement(text: string, signature: string, publicKeyHex: string): boolean {
  try {
    return sm2.doVerifySignature(Buffer.from(text, 'utf8'), signature, publicKeyHex, {
      der: true,
      hash: true,
      userId: SM2_USER_ID,
    });
  } catch {
    return false;
  }
}
