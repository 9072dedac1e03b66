/**
 * The county's seal keys: SM2 key pairs (GB/T 32918) read from configuration as PEM or hex, their public halves as
 * PEM for anyone who verifies with OpenSSL, and a key id derived from the public key so two keys never share one.
 */
import { sm2, sm3 } from 'sm-crypto';

/** The SM2 curve's object identifier (GM/T 0006), and id-ecPublicKey (RFC 5480). */
const SM2_CURVE_OID = '06082a811ccf5501822d';
const EC_PUBLIC_KEY_OID = '06072a8648ce3d0201';
/** The order n of the SM2 curve: a private key is 1 … n − 2. */
const SM2_N = BigInt('0xfffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123');

/** A private seal key, as the worker signs with it. */
export interface SealPrivateKey {
  id: string;
  /** 64 hex digits. */
  privateKey: string;
  /** Uncompressed point, `04` + x + y, 130 hex digits. */
  publicKey: string;
}

export class SealKeyError extends Error {}

/** `sm2-` and the first 16 hex digits of the SM3 of the public key's bytes. */
export function sealKeyId(publicKeyHex: string): string {
  return `sm2-${sm3(Buffer.from(publicKeyHex, 'hex')).slice(0, 16)}`;
}

function validPrivateHex(hex: string): string {
  const value = BigInt(`0x${hex}`);
  if (value < 1n || value > SM2_N - 2n) throw new SealKeyError('the SM2 private key is out of range');
  return hex.toLowerCase();
}

/** The private key (d) inside a PKCS#8 or SEC1 (`EC PRIVATE KEY`) DER of an SM2 key. */
function privateFromDer(der: Buffer): string {
  const hex = der.toString('hex');
  if (!hex.includes(SM2_CURVE_OID)) throw new SealKeyError('the PEM key is not on the SM2 curve');
  // ECPrivateKey ::= SEQUENCE { version 1, privateKey OCTET STRING (32 bytes), ... } (RFC 5915).
  const at = hex.indexOf('0201010420');
  if (at < 0) throw new SealKeyError('the PEM key holds no SM2 private key');
  return hex.slice(at + 10, at + 10 + 64);
}

/**
 * Reads a private key: PEM (PKCS#8 `PRIVATE KEY` or SEC1 `EC PRIVATE KEY`, as `openssl genpkey -algorithm EC
 * -pkeyopt ec_paramgen_curve:SM2` writes it) or 64 hex digits. `id` overrides the derived key id.
 */
export function parseSealPrivateKey(text: string, id?: string): SealPrivateKey {
  const trimmed = text.trim().replace(/\\n/g, '\n');
  let privateKey: string;
  if (/^[0-9a-fA-F]{64}$/.test(trimmed)) privateKey = validPrivateHex(trimmed);
  else {
    const pem = /-----BEGIN (?:EC )?PRIVATE KEY-----([^-]+)-----END (?:EC )?PRIVATE KEY-----/.exec(trimmed);
    if (!pem) throw new SealKeyError('the seal key is neither a PEM private key nor 64 hex digits');
    privateKey = validPrivateHex(privateFromDer(Buffer.from(pem[1].replace(/\s+/g, ''), 'base64')));
  }
  const publicKey = sm2.getPublicKeyFromPrivateKey(privateKey);
  return { id: id?.trim() || sealKeyId(publicKey), privateKey, publicKey };
}

function pem(label: string, der: Buffer): string {
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return [`-----BEGIN ${label}-----`, ...lines, `-----END ${label}-----`, ''].join('\n');
}

/** The public key as SubjectPublicKeyInfo PEM (`openssl pkey -pubin` reads it). */
export function publicKeyPem(publicKeyHex: string): string {
  const algorithm = `30${(EC_PUBLIC_KEY_OID.length / 2 + SM2_CURVE_OID.length / 2).toString(16)}${EC_PUBLIC_KEY_OID}${SM2_CURVE_OID}`;
  const bitString = `034200${publicKeyHex}`;
  const body = algorithm + bitString;
  return pem('PUBLIC KEY', Buffer.from(`30${(body.length / 2).toString(16)}${body}`, 'hex'));
}

/** The private key as PKCS#8 PEM (what `npm start` keeps in `.data/seal-key.pem`). */
export function privateKeyPem(key: { privateKey: string; publicKey: string }): string {
  const ecPrivateKey = `020101` + `0420${key.privateKey}` + `a144034200${key.publicKey}`;
  const ecSeq = `30${(ecPrivateKey.length / 2).toString(16)}${ecPrivateKey}`;
  const algorithm = `30${(EC_PUBLIC_KEY_OID.length / 2 + SM2_CURVE_OID.length / 2).toString(16)}${EC_PUBLIC_KEY_OID}${SM2_CURVE_OID}`;
  const body = `020100${algorithm}04${(ecSeq.length / 2).toString(16)}${ecSeq}`;
  return pem('PRIVATE KEY', Buffer.from(`3081${(body.length / 2).toString(16)}${body}`, 'hex'));
}

/** A new SM2 key pair (sm-crypto draws it from Node's CSPRNG). */
export function generateSealKey(): SealPrivateKey {
  const { privateKey } = sm2.generateKeyPairHex();
  return parseSealPrivateKey(privateKey.padStart(64, '0'));
}
