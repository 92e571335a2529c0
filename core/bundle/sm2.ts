/**
 * SM2 signatures (GB/T 32918.2, GM/T 0003.2) with SM3, user id 1234567812345678, r‖s.
 *
 * sm-crypto's own doSignature() draws its nonce k (and generateKeyPairHex() draws private keys) from
 * a jsbn-style pool stirred by RC4: a biased generator, and any bias in k leaks the private key
 * over enough signatures (lattice attacks on ECDSA/SM2 nonces). So the desk draws every secret
 * scalar itself from crypto.randomBytes, by rejection sampling (uniform in [1, n−1]), and does the
 * modular arithmetic of the signature here with BigInt. sm-crypto is still used for what needs no
 * randomness: the point multiplication k·G (via getPublicKeyFromPrivateKey) and SM3. Verification
 * stays sm-crypto's doVerifySignature; test/unit/bundle/sm2.test.ts checks interoperability both
 * ways and, with a fixed k, byte-for-byte equality with sm-crypto's signature.
 */
import { randomBytes } from 'node:crypto';
import smCrypto from 'sm-crypto';

/** The recommended 256-bit curve of GB/T 32918.5 (sm2p256v1). */
const CURVE = {
  a: 'FFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF00000000FFFFFFFFFFFFFFFC',
  b: '28E9FA9E9D9F5E344D5A9E4BCF6509A7F39789F515AB8F92DDBCBD414D940E93',
  gx: '32C4AE2C1F1981195F9904466A39C9948FE30BBFF2660BE1715A4589334C74C7',
  gy: 'BC3736A2F4F6779C59BDCEE36B692153D0A9877CC62A474002DF32E52139F0A0',
};
export const SM2_N = BigInt('0xFFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFF7203DF6B21C6052B53BBF40939D54123');
export const SM2_USER_ID = '1234567812345678';

/** sm-crypto's scalar multiplication by G: "04" ‖ x ‖ y in hex (no randomness involved). */
const multiplyG = (smCrypto.sm2 as unknown as { getPublicKeyFromPrivateKey(d: string): string }).getPublicKeyFromPrivateKey;

const hex64 = (v: bigint) => v.toString(16).padStart(64, '0');
const mod = (a: bigint, m: bigint) => ((a % m) + m) % m;

function modPow(base: bigint, exp: bigint, m: bigint): bigint {
  let result = 1n;
  let b = mod(base, m);
  for (let e = exp; e > 0n; e >>= 1n) {
    if (e & 1n) result = (result * b) % m;
    b = (b * b) % m;
  }
  return result;
}

/** A uniformly random scalar in [1, n−1] from the operating system's CSPRNG. */
export function randomScalar(): bigint {
  for (;;) {
    const k = BigInt(`0x${randomBytes(32).toString('hex')}`);
    if (k >= 1n && k < SM2_N) return k;
  }
}

/** A new key pair: d uniform in [1, n−2] (so 1 + d is invertible), P = d·G. */
export function generateSm2KeyPair(): { privateKey: string; publicKey: string } {
  for (;;) {
    const d = randomScalar();
    if (d === SM2_N - 1n) continue;
    return { privateKey: hex64(d), publicKey: multiplyG(hex64(d)) };
  }
}

/** e = SM3(Z ‖ M), Z = SM3(ENTL ‖ ID ‖ a ‖ b ‖ xG ‖ yG ‖ xA ‖ yA) (GB/T 32918.2 §5.5, §6.1). */
export function sm2Digest(message: Buffer, publicKeyHex: string, userId = SM2_USER_ID): bigint {
  const id = Buffer.from(userId, 'utf8');
  const entl = Buffer.alloc(2);
  entl.writeUInt16BE(id.length * 8);
  const pub = Buffer.from(publicKeyHex, 'hex');
  if (pub.length !== 65 || pub[0] !== 0x04) throw new Error('SM2 public key must be the 65-byte uncompressed point');
  const z = smCrypto.sm3(Buffer.concat([entl, id, Buffer.from(CURVE.a + CURVE.b + CURVE.gx + CURVE.gy, 'hex'), pub.subarray(1)]));
  return BigInt(`0x${smCrypto.sm3(Buffer.concat([Buffer.from(z, 'hex'), message]))}`);
}

/**
 * Signs with SM2 (GB/T 32918.2 §6.1): r = (e + x1) mod n, s = (1 + d)⁻¹ · (k − r·d) mod n, with
 * (x1, y1) = k·G. Returns r ‖ s, 64 bytes. `nonce` exists for the known-answer tests only.
 */
export function sm2Sign(message: Buffer, privateKeyHex: string, publicKeyHex: string, nonce: () => bigint = randomScalar): Buffer {
  const d = BigInt(`0x${privateKeyHex}`);
  if (d < 1n || d >= SM2_N - 1n) throw new Error('SM2 private key out of range');
  const e = sm2Digest(message, publicKeyHex);
  const inv = modPow(1n + d, SM2_N - 2n, SM2_N); // n is prime
  for (;;) {
    const k = nonce();
    if (k < 1n || k >= SM2_N) throw new Error('SM2 nonce out of range');
    const x1 = BigInt(`0x${multiplyG(hex64(k)).slice(2, 66)}`);
    const r = mod(e + x1, SM2_N);
    if (r === 0n || r + k === SM2_N) continue;
    const s = mod(inv * (k - r * d), SM2_N);
    if (s === 0n) continue;
    return Buffer.from(hex64(r) + hex64(s), 'hex');
  }
}

/** Verifies r ‖ s with sm-crypto (which checks the ranges of r and s and that the point is on the curve). */
export function sm2Verify(message: Buffer, signature: Buffer, publicKeyHex: string): boolean {
  return smCrypto.sm2.doVerifySignature(Array.from(message), signature.toString('hex'), publicKeyHex, { hash: true, der: false });
}
