/**
 * Signature suites. Ed25519 (node:crypto) is the default; SM2 with SM3 (sm-crypto, GB/T 32918 with the
 * default user id 1234567812345678; nonces and keys from crypto.randomBytes, see sm2.ts) is
 * selectable where national algorithms are required. A public
 * key travels as "<suite>:<base64 of the raw key>"; its key id is the first 128 bits of SHA-256 over
 * that string, and the fingerprint read aloud is the key id in groups of four.
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify } from 'node:crypto';
import { formatFingerprint } from '../domain/fingerprint.js';
import { generateSm2KeyPair, sm2Sign, sm2Verify } from './sm2.js';

export const SUITES = ['ed25519', 'sm2'] as const;
export type Suite = (typeof SUITES)[number];

export interface PublicKeyInfo {
  suite: Suite;
  /** "<suite>:<base64 raw key>" */
  publicKey: string;
  keyId: string;
}
/** A private key as kept in the key store (JSON). */
export interface SigningKey extends PublicKeyInfo {
  /** Ed25519: PKCS#8 DER, base64. SM2: the 32-byte scalar, hex. */
  privateKey: string;
}

const RAW_LENGTH: Record<Suite, number> = { ed25519: 32, sm2: 65 };
const SIG_LENGTH: Record<Suite, number> = { ed25519: 64, sm2: 64 };

export function isSuite(s: unknown): s is Suite {
  return typeof s === 'string' && (SUITES as readonly string[]).includes(s);
}

export function keyIdOf(publicKey: string): string {
  return createHash('sha256').update(publicKey, 'utf8').digest('hex').slice(0, 32);
}

export function fingerprintOf(publicKey: string): string {
  return formatFingerprint(keyIdOf(publicKey));
}

/** Parses "<suite>:<base64>" strictly (canonical base64, right length); null when it is not one. */
export function parsePublicKey(text: string): PublicKeyInfo | null {
  const m = /^(ed25519|sm2):([A-Za-z0-9+/]+={0,2})$/.exec(text);
  if (!m) return null;
  const suite = m[1] as Suite;
  const raw = Buffer.from(m[2]!, 'base64');
  if (raw.length !== RAW_LENGTH[suite] || raw.toString('base64') !== m[2]) return null;
  if (suite === 'sm2' && raw[0] !== 0x04) return null;
  return { suite, publicKey: text, keyId: keyIdOf(text) };
}

export function generateSigningKey(suite: Suite): SigningKey {
  let publicKey: string;
  let privateKey: string;
  if (suite === 'ed25519') {
    const pair = generateKeyPairSync('ed25519');
    const jwk = pair.publicKey.export({ format: 'jwk' });
    publicKey = `ed25519:${Buffer.from(jwk.x!, 'base64url').toString('base64')}`;
    privateKey = pair.privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64');
  } else {
    const pair = generateSm2KeyPair();
    publicKey = `sm2:${Buffer.from(pair.publicKey, 'hex').toString('base64')}`;
    privateKey = pair.privateKey;
  }
  return { suite, publicKey, keyId: keyIdOf(publicKey), privateKey };
}

function rawKey(publicKey: string): Buffer {
  return Buffer.from(publicKey.slice(publicKey.indexOf(':') + 1), 'base64');
}

export function signBytes(key: SigningKey, message: Buffer): Buffer {
  if (key.suite === 'ed25519') {
    return sign(null, message, createPrivateKey({ key: Buffer.from(key.privateKey, 'base64'), format: 'der', type: 'pkcs8' }));
  }
  return sm2Sign(message, key.privateKey, rawKey(key.publicKey).toString('hex'));
}

/** True only for a valid signature by this key; malformed input is simply not valid. */
export function verifyBytes(publicKey: string, message: Buffer, signature: Buffer): boolean {
  const info = parsePublicKey(publicKey);
  if (!info || signature.length !== SIG_LENGTH[info.suite]) return false;
  try {
    if (info.suite === 'ed25519') {
      const key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: rawKey(publicKey).toString('base64url') }, format: 'jwk' });
      return verify(null, message, key, signature);
    }
    return sm2Verify(message, signature, rawKey(publicKey).toString('hex'));
  } catch {
    return false;
  }
}
