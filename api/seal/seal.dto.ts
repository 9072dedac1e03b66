import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';

/** `POST /api/v1/seal/verify` without a file: the SM3 or SHA-256 digest of the PDF, 64 hex digits. */
export class VerifySealDto {
  @ApiPropertyOptional({
    description:
      'PDF 文件的 SM3 或 SHA-256 摘要（64 位十六进制）；上传文件时不填 The SM3 or SHA-256 digest of the PDF, when no file is uploaded',
    example: '66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0',
  })
  @IsOptional()
  @Matches(/^[0-9a-fA-F]{64}$/, { message: 'digest must be 64 hex digits (SM3 or SHA-256)' })
  digest?: string;
}

/** One of the county's seal keys, public half. */
export interface SealPublicKey {
  id: string;
  algorithm: 'SM2';
  /** Uncompressed point, `04` + x + y, hex. */
  publicKey: string;
  /** SubjectPublicKeyInfo PEM, for `openssl dgst -sm3 -verify`. */
  publicKeyPem: string;
  validFrom: string;
  /** When a newer key replaced it; null for the active key. */
  validUntil: string | null;
  active: boolean;
}

export interface SealPublicKeys {
  signature: 'SM2-SM3';
  standards: string;
  /** GM/T 0009's default distinguishing identifier that every signature uses. */
  userId: string;
  /** What each signature signs. */
  signs: string;
  keys: SealPublicKey[];
}

/**
 * The answer to a verification: `sealed` (signed by the county key, and the file is exactly the signed one),
 * `altered` (the file names a report the county sealed, but is not the file it signed), `legacy` (a report sealed
 * under the old unkeyed scheme), or `unknown` (no seal of the county has this digest).
 */
export interface SealVerification {
  valid: boolean;
  verdict: 'sealed' | 'altered' | 'legacy' | 'unknown';
  /** 中文 first, English after it. */
  message: string;
  /** The digests of what was checked (of the uploaded file, or the digest given). */
  checked: { sm3?: string; sha256?: string; digest?: string; bytes?: number };
  report: {
    id: string;
    kind: string;
    kindLabel: string;
    unitCode: string;
    unitName: string;
    period: string;
    periodLabel: string;
    revision: number;
    approvedByName: string | null;
    approvedAt: string | null;
  } | null;
  seal: {
    keyId: string;
    key: SealPublicKey | null;
    signedAt: string;
    document: { sm3: string; sha256: string };
    statement: string;
    signature: string;
  } | null;
}
