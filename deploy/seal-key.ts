/**
 * `npm run seal-key`: prints a new SM2 seal key (PKCS#8 PEM) for SEAL_PRIVATE_KEY or the file SEAL_PRIVATE_KEY_FILE
 * names; its id and public key go to standard error. Rotating: configure the new key and restart the workers; the
 * old key is retired and what it sealed still verifies (P10).
 */
import { generateSealKey, privateKeyPem, publicKeyPem } from '../documents/seal/seal-keys';

const key = generateSealKey();
process.stderr.write(`seal key id ${key.id}\n${publicKeyPem(key.publicKey)}`);
process.stdout.write(privateKeyPem(key));
