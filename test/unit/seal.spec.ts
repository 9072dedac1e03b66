import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import {
  documentDigests,
  SEAL_SCHEME,
  signStatement,
  sm3Hex,
  statementText,
  verifyStatement,
  type SealStatement,
} from '../../documents/seal/seal';
import {
  generateSealKey,
  parseSealPrivateKey,
  privateKeyPem,
  publicKeyPem,
  SealKeyError,
} from '../../documents/seal/seal-keys';

const run = promisify(execFile);

/** An ECDSA-style DER SEQUENCE of two INTEGERs. */
function der(r: string, s: string): string {
  const int = (hex: string) => {
    let bytes = Buffer.from(hex, 'hex');
    if (bytes[0] & 0x80) bytes = Buffer.concat([Buffer.from([0]), bytes]);
    return Buffer.concat([Buffer.from([2, bytes.length]), bytes]);
  };
  const body = Buffer.concat([int(r), int(s)]);
  return Buffer.concat([Buffer.from([0x30, body.length]), body]).toString('hex');
}

function statement(keyId: string, over: Partial<SealStatement> = {}): SealStatement {
  return {
    scheme: SEAL_SCHEME,
    reportId: 'weekly/ULE/2027-W10',
    revision: 2,
    contentHash: 'a'.repeat(64),
    sealHash: 'b'.repeat(64),
    unit: '榕江县综合行政执法局',
    approverName: '张三',
    approvedAt: '2027-03-10T03:59:00.000Z',
    keyId,
    signedAt: '2027-03-10T03:59:01.000Z',
    document: documentDigests(Buffer.from('%PDF-1.7 ...')),
    ...over,
  };
}

describe('the county seal (SM2 with SM3)', () => {
  it('P10: SM3 and SM2 agree with the standards’ own examples (GB/T 32905, GM/T 0003.5 with the recommended curve)', () => {
    expect(sm3Hex(Buffer.from('abc'))).toBe(
      '66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0',
    );
    const key = parseSealPrivateKey('3945208F7B2144B13F36E38AC6D39F95889393692860B51A42FB81EF4DF7C5B8');
    expect(key.publicKey).toBe(
      '0409f9df311e5421a150dd7d161e4bc5c672179fad1833fc076bb08ff356f35020ccea490ce26775a52dc6ea718cc1aa600aed05fbf35e084a6632f6072da9ad13',
    );
    const signature = der(
      'f5a03b0648d2c4630eeac513e1bb81a15944da3827d5b74143ac7eaceee720b3',
      'b1b6aa29df212fd8763182bc0d421ca1bb9038fd1f7f42d4840b69c485bbc1aa',
    );
    expect(verifyStatement('message digest', signature, key.publicKey)).toBe(true);
    expect(verifyStatement('message digest!', signature, key.publicKey)).toBe(false);
  });

  it('P10: a statement signed here verifies with OpenSSL, and the PEM files read back as the same key', async () => {
    const key = generateSealKey();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seal-'));
    try {
      const signed = statement(key.id);
      fs.writeFileSync(path.join(dir, 'key.pem'), privateKeyPem(key));
      fs.writeFileSync(path.join(dir, 'pub.pem'), publicKeyPem(key.publicKey));
      fs.writeFileSync(path.join(dir, 'statement.json'), statementText(signed));
      fs.writeFileSync(path.join(dir, 'statement.sig'), Buffer.from(signStatement(signed, key), 'hex'));
      const args = ['-sm3', '-sigopt', 'distid:1234567812345678', '-signature', 'statement.sig'];
      const ok = await run('openssl', ['dgst', ...args, '-verify', 'pub.pem', 'statement.json'], {
        cwd: dir,
      });
      expect(ok.stdout).toContain('Verified OK');
      // OpenSSL signs, this code verifies: the two implementations agree both ways.
      await run(
        'openssl',
        [
          'dgst',
          '-sm3',
          '-sigopt',
          'distid:1234567812345678',
          '-sign',
          'key.pem',
          '-out',
          'o.sig',
          'statement.json',
        ],
        { cwd: dir },
      );
      const theirs = fs.readFileSync(path.join(dir, 'o.sig')).toString('hex');
      expect(verifyStatement(statementText(signed), theirs, key.publicKey)).toBe(true);
      expect(parseSealPrivateKey(privateKeyPem(key))).toEqual(key);
      // A key OpenSSL generated reads too.
      await run(
        'openssl',
        ['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:SM2', '-out', 'g.pem'],
        { cwd: dir },
      );
      expect(parseSealPrivateKey(fs.readFileSync(path.join(dir, 'g.pem'), 'utf8')).id).toMatch(
        /^sm2-[0-9a-f]{16}$/,
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('P10: a changed statement, another key or a damaged signature does not verify', () => {
    const key = generateSealKey();
    const other = generateSealKey();
    const signed = statement(key.id);
    const signature = signStatement(signed, key);
    expect(verifyStatement(statementText(signed), signature, key.publicKey)).toBe(true);
    const changed = statement(key.id, { document: { ...signed.document, sm3: '0'.repeat(64) } });
    expect(verifyStatement(statementText(changed), signature, key.publicKey)).toBe(false);
    expect(verifyStatement(statementText(signed), signature, other.publicKey)).toBe(false);
    expect(verifyStatement(statementText(signed), `${signature.slice(0, -2)}00`, key.publicKey)).toBe(false);
    expect(other.id).not.toBe(key.id);
    expect(() => signStatement(statement(other.id), key)).toThrow(/names key/);
  });

  it('P10: a key that is not an SM2 private key is refused with a reason', () => {
    expect(() => parseSealPrivateKey('not a key')).toThrow(SealKeyError);
    expect(() => parseSealPrivateKey('0'.repeat(64))).toThrow(/out of range/);
    const p256 =
      '-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgevZzL1gdAFr88hb2\nOF/2NxApJCzGCEDdfSp6VQO30hyhRANCAAQRWz+jn65BtOMvdyHKcvjBeBSDZH2r\n1RTwjmYSi9R/zpBnuQ4EiMnCqfMPWiZqB4QdbAd0E7oH50VpuZ1P087G\n-----END PRIVATE KEY-----';
    expect(() => parseSealPrivateKey(p256)).toThrow(/not on the SM2 curve/);
  });
});
