/** Issue 18: the township's age identity, made at setup with the signing key, kept like it, rotated with it. */
import fs from 'node:fs';
import path from 'node:path';
import { Decrypter, Encrypter, identityToRecipient } from 'age-encryption';
import { describe, expect, it } from 'vitest';
import { bech32Encode, generateAgeKeyPair } from '../../../core/bundle/age-identity.js';
import { centerAgeIdentities, centerKeyInfo, rotateCenterKey } from '../../../core/bundle/center-keys.js';
import { addKey, addRotation, emptyTrust, townshipRecipient } from '../../../core/bundle/trust.js';
import { testCore } from '../../helpers/core.js';

describe('the township age identity', () => {
  it('is written in the forms age reads: the library derives the same recipient, and decrypts to it', async () => {
    for (let i = 0; i < 5; i++) {
      const k = generateAgeKeyPair();
      expect(k.identity).toMatch(/^AGE-SECRET-KEY-1[0-9A-Z]+$/);
      expect(await identityToRecipient(k.identity)).toBe(k.recipient);
      const e = new Encrypter();
      e.addRecipient(k.recipient);
      const d = new Decrypter();
      d.addIdentity(k.identity);
      expect(await d.decrypt(await e.encrypt('交办件'), 'text')).toBe('交办件');
    }
    // BIP-173's own test vector.
    expect(bech32Encode('a', new Uint8Array(0))).toBe('a12uel5l');
  });

  it('is made at setup beside the signing key, kept in the key store (0600), its recipient shown', () => {
    const core = testCore({ township: 'ZMQ' });
    const k = centerKeyInfo(core.ctx)!;
    expect(k.recipient).toMatch(/^age1[0-9a-z]{58}$/);
    const file = path.join(core.ctx.dataDir, 'keys', `age-${k.keyId}.key`);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(centerAgeIdentities(core.ctx)).toEqual([{ recipient: k.recipient, identity: fs.readFileSync(file, 'utf8').trim() }]);
    // Never in the database.
    const dump = JSON.stringify(core.ctx.db.prepare('SELECT * FROM center_keys').all()) + JSON.stringify(core.ctx.db.prepare('SELECT * FROM settings').all());
    expect(dump).not.toContain('AGE-SECRET-KEY');
    core.close();
  });

  it('rotates with the signing key: the certificate carries the new recipient to the trust entry; the old identity still opens', () => {
    const core = testCore({ township: 'ZMQ' });
    const before = centerKeyInfo(core.ctx)!;
    const at = '2026-11-24T01:00:00.000Z';
    const trust = addKey(emptyTrust('341523', at), { township: 'ZMQ', publicKey: before.publicKey, at, recipient: before.recipient }).trust;
    expect(townshipRecipient(trust, 'ZMQ', at)).toBe(before.recipient);
    const r = rotateCenterKey(core.ctx);
    expect(r.key.recipient).toMatch(/^age1/);
    expect(r.key.recipient).not.toBe(before.recipient);
    const later = '2026-11-25T01:00:00.000Z';
    const rotated = addRotation(trust, fs.readFileSync(r.rotationFile), later);
    expect(rotated.key.recipient).toBe(r.key.recipient);
    expect(townshipRecipient(rotated.trust, 'ZMQ', later)).toBe(r.key.recipient);
    // The new one first; the old one kept, so what was sent to it before the rotation reached the county opens.
    expect(centerAgeIdentities(core.ctx).map((i) => i.recipient)).toEqual([r.key.recipient, before.recipient]);
    core.close();
  });
});
