/**
 * SM2 as the desk signs: nonces and private keys from crypto.randomBytes (core/bundle/sm2.ts), not
 * sm-crypto's RC4-stirred generator; signatures interoperable with sm-crypto in both directions.
 */
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import smCrypto from 'sm-crypto';
import { generateSm2KeyPair, randomScalar, sm2Sign, SM2_N, sm2Verify } from '../../../core/bundle/sm2.js';
import { generateSigningKey, signBytes, verifyBytes } from '../../../core/bundle/suites.js';

const raw = (publicKey: string) => Buffer.from(publicKey.slice('sm2:'.length), 'base64').toString('hex');
const sm2 = smCrypto.sm2 as typeof smCrypto.sm2 & { getPublicKeyFromPrivateKey(d: string): string };

describe('SM2 signatures', () => {
  it('match the GM/T 0003.5 example (recommended curve, "message digest", fixed k) byte for byte', () => {
    const d = '3945208f7b2144b13f36e38ac6d39f95889393692860b51a42fb81ef4df7c5b8';
    const pub = sm2.getPublicKeyFromPrivateKey(d);
    expect(pub).toBe('0409f9df311e5421a150dd7d161e4bc5c672179fad1833fc076bb08ff356f35020ccea490ce26775a52dc6ea718cc1aa600aed05fbf35e084a6632f6072da9ad13');
    const k = BigInt('0x59276E27D506861A16680F3AD9C02DCCEF3CC1FA3CDBE4CE6D54B80DEAC1BC21');
    const sig = sm2Sign(Buffer.from('message digest'), d, pub, () => k);
    expect(sig.toString('hex').toUpperCase()).toBe(
      'F5A03B0648D2C4630EEAC513E1BB81A15944DA3827D5B74143AC7EACEEE720B3' + 'B1B6AA29DF212FD8763182BC0D421CA1BB9038FD1F7F42D4840B69C485BBC1AA',
    );
  });

  it('with the same k, equal sm-crypto’s own doSignature', () => {
    // sm-crypto accepts a precomputed point { k, x1 } (its jsbn BigIntegers) instead of drawing one.
    const { BigInteger } = createRequire(createRequire(import.meta.url).resolve('sm-crypto'))('jsbn') as { BigInteger: new (s: string, radix: number) => unknown };
    const key = generateSigningKey('sm2');
    const msg = Buffer.from('DSSEv1 0  3 abc');
    for (let i = 0; i < 5; i++) {
      const k = randomScalar();
      const kHex = k.toString(16).padStart(64, '0');
      const x1 = sm2.getPublicKeyFromPrivateKey(kHex).slice(2, 66);
      const theirs = smCrypto.sm2.doSignature(Array.from(msg), key.privateKey, {
        hash: true,
        der: false,
        publicKey: raw(key.publicKey),
        pointPool: [{ k: new BigInteger(kHex, 16), x1: new BigInteger(x1, 16) } as never],
      });
      expect(sm2Sign(msg, key.privateKey, raw(key.publicKey), () => k).toString('hex')).toBe(theirs.padStart(128, '0'));
    }
  });

  it('our signature verifies with sm-crypto, and sm-crypto’s with ours', () => {
    for (let i = 0; i < 10; i++) {
      const key = generateSigningKey('sm2');
      const msg = Buffer.from(`statement ${i} 信访`);
      const ours = signBytes(key, msg);
      expect(ours).toHaveLength(64);
      expect(smCrypto.sm2.doVerifySignature(Array.from(msg), ours.toString('hex'), raw(key.publicKey), { hash: true, der: false })).toBe(true);
      const theirs = Buffer.from(smCrypto.sm2.doSignature(Array.from(msg), key.privateKey, { hash: true, der: false, publicKey: raw(key.publicKey) }).padStart(128, '0'), 'hex');
      expect(verifyBytes(key.publicKey, msg, theirs)).toBe(true);
      expect(verifyBytes(key.publicKey, Buffer.from('other'), theirs)).toBe(false);
      // And a key sm-crypto made signs for us too.
      const pair = smCrypto.sm2.generateKeyPairHex();
      const s = sm2Sign(msg, pair.privateKey.padStart(64, '0'), pair.publicKey);
      expect(smCrypto.sm2.doVerifySignature(Array.from(msg), s.toString('hex'), pair.publicKey, { hash: true, der: false })).toBe(true);
    }
  });

  it('draws a fresh k for every signature, and keys in range', () => {
    const key = generateSigningKey('sm2');
    const msg = Buffer.from('same message');
    const sigs = new Set(Array.from({ length: 20 }, () => signBytes(key, msg).toString('hex')));
    expect(sigs.size).toBe(20);
    for (let i = 0; i < 20; i++) {
      const pair = generateSm2KeyPair();
      const d = BigInt(`0x${pair.privateKey}`);
      expect(d >= 1n && d < SM2_N - 1n).toBe(true);
      expect(pair.privateKey).toHaveLength(64);
      expect(sm2.getPublicKeyFromPrivateKey(pair.privateKey)).toBe(pair.publicKey);
    }
    expect(sm2Verify(msg, signBytes(key, msg), raw(key.publicKey))).toBe(true);
  });

  it('never calls sm-crypto’s signing or key generation (its RC4-stirred generator)', () => {
    const original = { sign: smCrypto.sm2.doSignature, getPoint: smCrypto.sm2.getPoint, gen: smCrypto.sm2.generateKeyPairHex };
    const trap = () => {
      throw new Error('sm-crypto RNG used');
    };
    Object.assign(smCrypto.sm2, { doSignature: trap, getPoint: trap, generateKeyPairHex: trap });
    try {
      const key = generateSigningKey('sm2');
      expect(verifyBytes(key.publicKey, Buffer.from('m'), signBytes(key, Buffer.from('m')))).toBe(true);
    } finally {
      Object.assign(smCrypto.sm2, { doSignature: original.sign, getPoint: original.getPoint, generateKeyPairHex: original.gen });
    }
  });
});
