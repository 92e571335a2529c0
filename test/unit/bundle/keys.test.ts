import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { centerKeyInfo, centerSigner, ensureCenterKey, rotateCenterKey } from '../../../core/bundle/center-keys.js';
import { makeCard, openCard } from '../../../core/bundle/county-card.js';
import { setCounty } from '../../../core/bundle/county-setting.js';
import { openEnvelope, pae, signEnvelope } from '../../../core/bundle/dsse.js';
import { fileKeyStore } from '../../../core/bundle/key-store.js';
import type { KeyStore } from '../../../core/kernel/key-store.js';
import { fingerprintOf, generateSigningKey, parsePublicKey, signBytes, verifyBytes } from '../../../core/bundle/suites.js';
import { addKey, addRotation, emptyTrust } from '../../../core/bundle/trust.js';
import { formatFingerprint, normaliseFingerprint } from '../../../core/domain/fingerprint.js';
import { judgeAudit, judgeBundleTimes, judgeChain, judgeTimes, isBundlePath } from '../../../core/domain/bundle-rules.js';
import { openCore, type Core } from '../../../core/app.js';
import { createLogger } from '../../../core/kernel/log.js';
import { tempDir, testCore } from '../../helpers/core.js';
import { newCounty } from '../../helpers/bundle.js';

const open: { close(): void }[] = [];
afterEach(() => {
  for (const o of open.splice(0)) o.close();
});
const core = (opts: Parameters<typeof testCore>[0] = { township: 'ZMQ' }): Core => {
  const c = testCore(opts);
  open.push(c);
  return c;
};

describe('DSSE envelope', () => {
  it('encodes PAE as the DSSE spec does', () => {
    expect(pae('http://example.com/HelloWorld', Buffer.from('hello world')).toString()).toBe('DSSEv1 29 http://example.com/HelloWorld 11 hello world');
  });

  it.each(['ed25519', 'sm2'] as const)('%s: signs, verifies, and refuses any other payload, type, key or form', (suite) => {
    const key = generateSigningKey(suite);
    const env = signEnvelope('t/x', Buffer.from('{"a":1}'), key);
    expect(openEnvelope(env, 't/x', () => key.publicKey).payload.toString()).toBe('{"a":1}');
    const other = generateSigningKey(suite);
    expect(() => openEnvelope(env, 't/x', () => other.publicKey)).toThrow(/signature is not valid/);
    expect(() => openEnvelope(env, 't/y', () => key.publicKey)).toThrow(/payload type/);
    const e = JSON.parse(env.toString());
    const swapped = Buffer.from(JSON.stringify({ ...e, payload: Buffer.from('{"a":2}').toString('base64') }));
    expect(() => openEnvelope(swapped, 't/x', () => key.publicKey)).toThrow(/signature is not valid/);
    const pretty = Buffer.from(JSON.stringify(e, null, 1));
    expect(() => openEnvelope(pretty, 't/x', () => key.publicKey)).toThrow(/canonical/);
  });

  it('public keys round-trip strictly; fingerprints are read in groups of four', () => {
    for (const suite of ['ed25519', 'sm2'] as const) {
      const k = generateSigningKey(suite);
      expect(parsePublicKey(k.publicKey)).toMatchObject({ suite, keyId: k.keyId });
      expect(fingerprintOf(k.publicKey)).toMatch(/^([0-9A-F]{4} ){7}[0-9A-F]{4}$/);
      expect(verifyBytes(k.publicKey, Buffer.from('m'), signBytes(k, Buffer.from('m')))).toBe(true);
      expect(verifyBytes(k.publicKey, Buffer.from('n'), signBytes(k, Buffer.from('m')))).toBe(false);
    }
    expect(parsePublicKey('ed25519:AAAA')).toBeNull();
    expect(parsePublicKey('rsa:AAAA')).toBeNull();
    expect(normaliseFingerprint(formatFingerprint('ab12cd34'))).toBe('ab12cd34');
  });
});

describe('bundle rules', () => {
  it('allows only the closed set of paths', () => {
    expect(isBundlePath('tables/persons.ndjson')).toBe(true);
    expect(isBundlePath(`files/${'a'.repeat(64)}`)).toBe(true);
    for (const p of ['../x', '/etc/passwd', 'tables/../x.ndjson', 'tables/a/b.ndjson', 'files/ABC', 'files\\x', 'manifest.json/..', '', 'tables/p.ndjson\0']) {
      expect(isBundlePath(p), p).toBe(false);
    }
  });

  it('judges the chain: next, already, replay, gap, fork', () => {
    const l = (sequence: number, sha256 = `s${sequence}`) => ({ sequence, sha256 });
    expect(judgeChain(null, null, { sequence: 1, previous: null, sha256: 's1' })).toEqual({ kind: 'next' });
    expect(judgeChain(null, null, { sequence: 2, previous: 's1', sha256: 's2' })).toEqual({ kind: 'gap', expected: 1 });
    expect(judgeChain(l(1), null, { sequence: 2, previous: 's1', sha256: 's2' })).toEqual({ kind: 'next' });
    expect(judgeChain(l(1), null, { sequence: 2, previous: 'sX', sha256: 's2' })).toMatchObject({ kind: 'fork' });
    expect(judgeChain(l(1), null, { sequence: 3, previous: 's2', sha256: 's3' })).toEqual({ kind: 'gap', expected: 2 });
    expect(judgeChain(l(2), l(2), { sequence: 2, previous: 's1', sha256: 's2' })).toEqual({ kind: 'already' });
    expect(judgeChain(l(2), l(1), { sequence: 1, previous: null, sha256: 's1' })).toEqual({ kind: 'replay', last: 2 });
    expect(judgeChain(l(2), l(2), { sequence: 2, previous: 's1', sha256: 'other' })).toMatchObject({ kind: 'fork' });
    expect(judgeChain(l(1), null, { sequence: 4, previous: 's3', sha256: 's4', full: true }, { bridgeGapWithFull: true })).toEqual({ kind: 'next', bridged: { from: 2, to: 3 } });
    expect(judgeChain(l(1), null, { sequence: 4, previous: 's3', sha256: 's4', full: false }, { bridgeGapWithFull: true })).toEqual({ kind: 'gap', expected: 2 });
  });

  it('judges the audit trail: it may only grow from the recorded head', () => {
    const h = (c: string) => c.repeat(64);
    const rec = { entries: 10, head: h('a'), linked: true };
    expect(judgeAudit(null, { entries: 3, head: h('b') })).toEqual({ ok: true, continuity: 'first' });
    expect(judgeAudit(rec, null)).toMatchObject({ ok: false, kind: 'shorter' });
    expect(judgeAudit(rec, { entries: 9, head: h('b'), links: [] })).toMatchObject({ ok: false, kind: 'shorter' });
    expect(judgeAudit(rec, { entries: 10, head: h('a'), links: [] })).toEqual({ ok: true, continuity: 'same' });
    expect(judgeAudit(rec, { entries: 10, head: h('b'), links: [] })).toMatchObject({ ok: false, kind: 'rewritten' });
    expect(judgeAudit(rec, { entries: 20, head: h('c'), links: [{ entries: 10, hash: h('a') }] })).toEqual({ ok: true, continuity: 'extends' });
    expect(judgeAudit(rec, { entries: 20, head: h('c'), links: [{ entries: 10, hash: h('d') }] })).toMatchObject({ ok: false, kind: 'rewritten' });
    expect(judgeAudit(rec, { entries: 20, head: h('c'), links: [{ entries: 10, hash: null }] })).toMatchObject({ ok: false, kind: 'rewritten' });
    // No link to the recorded head: refused right after a linking bundle, unproven across a gap or from an old desk.
    expect(judgeAudit(rec, { entries: 20, head: h('c'), links: [] }, { adjacent: true })).toMatchObject({ ok: false, kind: 'rewritten' });
    expect(judgeAudit(rec, { entries: 20, head: h('c'), links: [] }, { adjacent: false })).toEqual({ ok: true, continuity: 'unproven' });
    expect(judgeAudit({ ...rec, linked: false }, { entries: 20, head: h('c') }, { adjacent: true })).toEqual({ ok: true, continuity: 'unproven' });
  });

  it('judges a bundle’s times: validity capped, createdAt moving forward', () => {
    const now = new Date('2026-11-24T00:00:00Z');
    expect(judgeBundleTimes('2026-11-20T00:00:00Z', '2026-12-20T00:00:00Z', now, '2026-11-19T00:00:00Z')).toEqual({ ok: true });
    expect(judgeBundleTimes('2026-11-20T00:00:00Z', '2027-02-19T00:00:01Z', now, null)).toEqual({ ok: false, kind: 'too-long' });
    expect(judgeBundleTimes('2026-11-20T00:00:00Z', '2026-12-20T00:00:00Z', now, '2026-11-20T00:00:00Z')).toEqual({ ok: false, kind: 'backwards' });
  });

  it('judges times with a day of clock skew', () => {
    const now = new Date('2026-11-24T00:00:00Z');
    expect(judgeTimes('2026-11-20T00:00:00Z', '2026-12-20T00:00:00Z', now)).toEqual({ ok: true });
    expect(judgeTimes('2026-10-01T00:00:00Z', '2026-11-01T00:00:00Z', now)).toEqual({ ok: false, kind: 'expired' });
    expect(judgeTimes('2026-11-24T20:00:00Z', '2026-12-24T00:00:00Z', now)).toEqual({ ok: true });
    expect(judgeTimes('2026-11-26T00:00:00Z', '2026-12-26T00:00:00Z', now)).toEqual({ ok: false, kind: 'future' });
  });
});

describe('the center signing key', () => {
  it('is made at setup, kept as a 0600 file in keys/, and only its public half is in the database', () => {
    const c = core();
    const k = centerKeyInfo(c.ctx)!;
    expect(k).toMatchObject({ suite: 'ed25519', storage: 'file', available: true });
    const file = path.join(c.ctx.dataDir, 'keys', `signing-${k.keyId}.key`);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.statSync(path.dirname(file)).mode & 0o777).toBe(0o700);
    const dump = JSON.stringify(c.ctx.db.prepare('SELECT * FROM center_keys').all());
    expect(dump).not.toContain(centerSigner(c.ctx).privateKey);
    expect(ensureCenterKey(c.ctx).keyId).toBe(k.keyId); // once only
  });

  it('is kept by the injected key store (safeStorage in the app); a shell without it says where the key is', () => {
    const saved = new Map<string, string>();
    const store: KeyStore = { kind: 'safeStorage', load: (n) => saved.get(n) ?? null, save: (n, x) => void saved.set(n, x), remove: (n) => void saved.delete(n) };
    const dir = tempDir();
    const app = openCore({ dataDir: dir, township: 'ZMQ', log: createLogger(null, 'silent'), keyStore: store });
    const k = centerKeyInfo(app.ctx)!;
    expect(k).toMatchObject({ storage: 'safeStorage', available: true });
    // The receipt key is kept beside it (core/services/receipts.ts), and the age identity for what the county sends down.
    expect([...saved.keys()].map((n) => n.replace(/-[0-9a-f]+$/, '')).sort()).toEqual(['age', 'database', 'receipt', 'signing']);
    expect(fs.existsSync(path.join(dir, 'keys'))).toBe(false);
    app.close();
    // The CLI on the same folder, given the database key, but with a file store for the signing key, which has none.
    const cli = core({ dataDir: dir, databaseKeys: store });
    expect(centerKeyInfo(cli.ctx)).toMatchObject({ keyId: k.keyId, storage: 'file', available: false });
    expect(() => centerSigner(cli.ctx)).toThrow(/not in this file key store/);
    expect(fileKeyStore(path.join(dir, 'keys')).load(`signing-${k.keyId}`)).toBeNull();
  });

  it('rotates: the certificate, signed by the old key, lets the county trust the new key', async () => {
    const c = core();
    const old = centerKeyInfo(c.ctx)!;
    const r = rotateCenterKey(c.ctx, 'sm2');
    expect(r.key).toMatchObject({ suite: 'sm2', available: true });
    expect(r.key.keyId).not.toBe(old.keyId);
    expect(fs.existsSync(path.join(c.ctx.dataDir, 'keys', `signing-${old.keyId}.key`))).toBe(false); // the old private key is gone
    const t0 = addKey(emptyTrust('341523', '2026-01-01T00:00:00Z'), { township: 'ZMQ', publicKey: old.publicKey, at: '2026-01-01T00:00:00Z' }).trust;
    const rotated = addRotation(t0, fs.readFileSync(r.rotationFile), '2026-11-25T00:00:00Z');
    expect(rotated.key).toMatchObject({ keyId: r.key.keyId, township: 'ZMQ', introducedBy: old.keyId });
    expect(rotated.previous.validUntil).toBeTruthy();
    // A certificate from a key the county does not trust introduces nothing.
    expect(() => addRotation(emptyTrust('341523', '2026-01-01T00:00:00Z'), fs.readFileSync(r.rotationFile), 'x')).toThrow(/rotation certificate is not valid/);
  });
});

describe('the county card', () => {
  it('carries the recipient, signed by the root; the township checks the fingerprint and pins the root', async () => {
    const county = await newCounty();
    open.push(county);
    const card = fs.readFileSync(path.join(county.dir, 'county-card.json'), 'utf8');
    expect(openCard(card, formatFingerprint(county.info.root.keyId))).toMatchObject({ recipient: county.info.recipient, county: '341523' });
    expect(() => openCard(card, '0000 0000')).toThrow(/fingerprint does not match/);
    const tampered = card.replace(/"payload": "([A-Za-z0-9+/]{10})/, (_m, p: string) => `"payload": "${p.split('').reverse().join('')}`);
    expect(tampered).not.toBe(card);
    expect(() => openCard(tampered)).toThrow(/county card is not valid/);

    const c = core();
    const set = c.ctx.db.transaction(() => setCounty(c.ctx, { card }))();
    expect(set.rootFingerprint).toBe(formatFingerprint(county.info.root.keyId));
    const otherRoot = generateSigningKey('ed25519');
    const foreign = makeCard(otherRoot, { county: '341523', name: 'x', recipient: county.info.recipient, createdAt: '2026-01-01T00:00:00Z' });
    expect(() => setCounty(c.ctx, { card: foreign })).toThrow(/different root key/);
    expect(setCounty(c.ctx, { card: foreign, replaceRoot: true }).rootFingerprint).toBe(formatFingerprint(otherRoot.keyId));
    expect(() => setCounty(c.ctx, { recipient: 'age1notarecipient' })).toThrow(/Not a valid age recipient/);
  });
});
