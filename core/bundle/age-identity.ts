/**
 * The township's age identity, for what the county sends down (receipts, 交办件 bundles). Made at
 * setup beside the signing key and rotated with it, so it is made synchronously: an X25519 key pair
 * from node:crypto, written in age's own text forms (bech32, "AGE-SECRET-KEY-1…" and "age1…"). The
 * age library reads both (test/unit/bundle/age-identity.test.ts checks it against identityToRecipient).
 */
import { generateKeyPairSync } from 'node:crypto';

const CHARSET = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';
const GEN = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];

function polymod(values: number[]): number {
  let chk = 1;
  for (const v of values) {
    const top = chk >>> 25;
    chk = ((chk & 0x1ffffff) << 5) ^ v;
    for (let i = 0; i < 5; i++) if ((top >>> i) & 1) chk ^= GEN[i]!;
  }
  return chk;
}

function toWords(bytes: Uint8Array): number[] {
  const out: number[] = [];
  let acc = 0;
  let bits = 0;
  for (const b of bytes) {
    acc = (acc << 8) | b;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out.push((acc >>> bits) & 31);
    }
  }
  if (bits > 0) out.push((acc << (5 - bits)) & 31);
  return out;
}

/** BIP-173 bech32 (not bech32m), as age uses it, in lower case. */
export function bech32Encode(hrp: string, bytes: Uint8Array): string {
  const h = hrp.toLowerCase();
  const words = toWords(bytes);
  const expand = [...[...h].map((c) => c.charCodeAt(0) >> 5), 0, ...[...h].map((c) => c.charCodeAt(0) & 31)];
  const mod = polymod([...expand, ...words, 0, 0, 0, 0, 0, 0]) ^ 1;
  const check = Array.from({ length: 6 }, (_, i) => (mod >>> (5 * (5 - i))) & 31);
  return `${h}1${[...words, ...check].map((w) => CHARSET[w]).join('')}`;
}

export interface AgeKeyPair {
  identity: string;
  recipient: string;
}

export function generateAgeKeyPair(): AgeKeyPair {
  const { privateKey, publicKey } = generateKeyPairSync('x25519');
  const d = Buffer.from(privateKey.export({ format: 'jwk' }).d!, 'base64url');
  const x = Buffer.from(publicKey.export({ format: 'jwk' }).x!, 'base64url');
  return { identity: bech32Encode('age-secret-key-', d).toUpperCase(), recipient: bech32Encode('age', x) };
}
