import {
  arrayOf,
  bool,
  count,
  dateTime,
  integer,
  nullable,
  nullableDateTime,
  nullableText,
  object,
  text,
} from '../common/response-schemas';

const hex = (digits: number) => ({ type: 'string' as const, pattern: `^[0-9a-fA-F]{${digits}}$` });

/** One SM2 public key of the county's seal. */
const PUBLIC_KEY_SCHEMA = object({
  id: text,
  algorithm: { type: 'string', enum: ['SM2'] },
  publicKey: { type: 'string', pattern: '^04[0-9a-fA-F]{128}$' },
  publicKeyPem: text,
  validFrom: dateTime,
  validUntil: nullableDateTime,
  active: bool,
});

/** `GET /api/v1/seal/public-keys`. */
export const SEAL_PUBLIC_KEYS_SCHEMA = object({
  signature: { type: 'string', enum: ['SM2-SM3'] },
  standards: text,
  userId: text,
  signs: text,
  keys: arrayOf(PUBLIC_KEY_SCHEMA),
});

/** `POST /api/v1/seal/verify`: the verdict, in Chinese first. */
export const SEAL_VERIFICATION_SCHEMA = object({
  valid: bool,
  verdict: { type: 'string', enum: ['sealed', 'altered', 'legacy', 'unknown'] },
  message: text,
  checked: object({ sm3: hex(64), sha256: hex(64), digest: text, bytes: count }, [
    'sm3',
    'sha256',
    'digest',
    'bytes',
  ]),
  report: nullable(
    object({
      id: text,
      kind: text,
      kindLabel: text,
      unitCode: text,
      unitName: text,
      period: text,
      periodLabel: text,
      revision: integer,
      approvedByName: nullableText,
      approvedAt: nullableDateTime,
    }),
  ),
  seal: nullable(
    object({
      keyId: text,
      key: nullable(PUBLIC_KEY_SCHEMA),
      signedAt: dateTime,
      document: object({ sm3: text, sha256: text }),
      statement: text,
      signature: text,
    }),
  ),
});

/** What `POST /api/v1/seal/verify` takes: the PDF, or its digest, never both. */
export const SEAL_VERIFY_BODY_SCHEMA = {
  type: 'object' as const,
  minProperties: 1,
  maxProperties: 1,
  additionalProperties: false,
  properties: {
    file: { type: 'string' as const, format: 'binary', description: '待核验的 PDF The PDF to verify' },
    digest: {
      type: 'string' as const,
      pattern: '^[0-9a-fA-F]{64}$',
      description: 'SM3 或 SHA-256 摘要（64 位十六进制） Its SM3 or SHA-256 digest, instead of the file',
    },
  },
};
