/**
 * Signed checkpoints of the audit trail: made every 100 entries and at every export, checked by
 * audit.verify; a trail cut after a checkpoint, or rewritten and hashed again, is reported.
 */
import { createHash, createPrivateKey, createPublicKey } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../core/app.js';
import { CHECKPOINT_TYPE, checkpointMessage, checkpointSignatureValid, checkpointStatement, signCheckpoint } from '../../../core/bundle/audit-checkpoint.js';
import { exportBundle } from '../../../core/bundle/export.js';
import { generateSigningKey, keyIdOf, type SigningKey } from '../../../core/bundle/suites.js';
import { LOCAL_SESSION } from '../../../core/kernel/session.js';
import { appendAudit, AUDIT_CHECKPOINT_EVERY, entryHash, GENESIS, insertCheckpoint, listCheckpoints } from '../../../core/store/audit.js';
import { verifyAuditTrail } from '../../../core/services/audit-checkpoints.js';
import { openCore } from '../../../core/app.js';
import { createLogger } from '../../../core/kernel/log.js';
import { tempDir, testCore } from '../../helpers/core.js';
import { newCounty, newTownship, registerOne } from '../../helpers/bundle.js';

const open: { close(): void }[] = [];
afterEach(() => {
  for (const o of open.splice(0)) o.close();
});
const desk = (): Core => {
  const c = testCore({ township: 'ZMQ' });
  open.push(c);
  return c;
};

/** Appends n plain entries, as dispatch does for each write. */
function fill(core: Core, n: number): void {
  core.ctx.db.transaction(() => {
    for (let i = 0; i < n; i++) appendAudit(core.ctx.db, { at: core.ctx.clock.now().toISOString(), actor: 'admin', action: 'villages.add', target: `village:${i}`, outcome: 'ok' });
  })();
}
const entries = (core: Core) => (core.ctx.db.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;

describe('the checkpoint signature (known answer)', () => {
  // A fixed Ed25519 key (seed 07 × 32; Ed25519 signatures are deterministic) and fixed fields.
  const seed = Buffer.alloc(32, 7);
  const der = Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), seed]);
  const x = createPublicKey(createPrivateKey({ key: der, format: 'der', type: 'pkcs8' })).export({ format: 'jwk' }).x!;
  const publicKey = `ed25519:${Buffer.from(x, 'base64url').toString('base64')}`;
  const key: SigningKey = { suite: 'ed25519', publicKey, keyId: keyIdOf(publicKey), privateKey: der.toString('base64') };
  const fields = { entries: 200, head: 'ab'.repeat(32), at: '2026-11-24T01:00:00.000Z', reason: 'interval' as const, bundle: null, township: 'ZMQ' };

  it('signs exactly these bytes: PAE(type, statement) with the statement in a fixed field order', () => {
    const statement =
      '{"format":"township-intake-audit-checkpoint","version":1,"county":"341523","township":"ZMQ","entries":200,' +
      `"head":"${'ab'.repeat(32)}","at":"2026-11-24T01:00:00.000Z","reason":"interval","bundle":null}`;
    expect(checkpointStatement(fields).toString()).toBe(statement);
    // The caller's key order does not matter.
    expect(checkpointStatement({ township: 'ZMQ', bundle: null, reason: 'interval', at: fields.at, head: fields.head, entries: 200 }).toString()).toBe(statement);
    expect(CHECKPOINT_TYPE).toBe('application/vnd.township-intake.audit-checkpoint+json;version=1');
    const pae = `DSSEv1 ${CHECKPOINT_TYPE.length} ${CHECKPOINT_TYPE} ${statement.length} ${statement}`;
    expect(checkpointMessage(fields).toString()).toBe(pae);
    expect(createHash('sha256').update(pae).digest('hex')).toBe('31bd3bf6c548ac11c25f0b9dd6564e3b3956d00ef4ab00e27002bca7078bb7d6');
  });

  it('gives this Ed25519 signature, which verifies; any other field does not', () => {
    expect(publicKey).toBe('ed25519:6kpsY+KcUgq+9VB7Ey7F+ZVHdq6+vnuSQh7qaRRG0iw=');
    const c = signCheckpoint(key, fields);
    expect(c).toMatchObject({ keyId: '303b977bd6197b3c1d2f1135dfc0ce18' });
    expect(c.sig).toBe('kvd/PGKp3VFzMpYfViEohce+FE25jwGUpQ3o8bgwn4Ps1Lujo+Lb5udTfgcYFp36SZS5m9jK1RQK34t5+04ZBQ==');
    expect(checkpointSignatureValid(publicKey, c)).toBe(true);
    for (const change of [{ entries: 199 }, { head: 'ac'.repeat(32) }, { reason: 'export' as const }, { bundle: 3 }, { township: 'CG' }, { at: '2026-11-24T01:00:00.001Z' }]) {
      expect(checkpointSignatureValid(publicKey, { ...c, ...change }), JSON.stringify(change)).toBe(false);
    }
    const sm2 = generateSigningKey('sm2');
    expect(checkpointSignatureValid(sm2.publicKey, signCheckpoint(sm2, fields))).toBe(true);
  });
});

describe('checkpoints on the desk', () => {
  it(`are signed every ${AUDIT_CHECKPOINT_EVERY} entries with the center key, and the trail verifies`, () => {
    const core = desk();
    fill(core, 250 - entries(core));
    const cps = listCheckpoints(core.ctx.db);
    expect(cps.map((c) => [c.entries, c.reason])).toEqual([
      [100, 'interval'],
      [200, 'interval'],
    ]);
    expect(core.call(LOCAL_SESSION, 'audit.verify', {})).toMatchObject({
      ok: true,
      value: { ok: true, entries: 250, checkpoints: 2, lastCheckpoint: { entries: 200, reason: 'interval' }, unsigned: 50, cutAfter: null, badCheckpoint: null, problem: null },
    });
  });

  it('report a trail whose last entries were deleted (the no-delete trigger dropped first)', () => {
    const core = desk();
    fill(core, 230 - entries(core));
    const db = core.ctx.db;
    expect(() => db.prepare('DELETE FROM audit_log WHERE id > 150').run()).toThrow(/append-only/);
    db.exec('DROP TRIGGER audit_log_no_delete'); // as an attacker would
    db.prepare('DELETE FROM audit_log WHERE id > 150').run();
    // The chain alone still holds: a removed tail leaves no broken link.
    const r = core.call(LOCAL_SESSION, 'audit.verify', {});
    expect(r).toMatchObject({ ok: true, value: { ok: false, entries: 150, brokenAt: null, cutAfter: { checkpoint: 200, remaining: 150 } } });
    expect(r.ok && r.value.problem).toMatch(/audit trail cut: a signed checkpoint of .* records 200 entries, only 150 remain/);
  });

  it('report a trail edited and hashed again from there on (the chain holds, the checkpoint does not)', () => {
    const core = desk();
    fill(core, 120 - entries(core));
    const db = core.ctx.db;
    db.exec('DROP TRIGGER audit_log_no_update');
    db.prepare("UPDATE audit_log SET outcome = 'FORBIDDEN' WHERE id = 50").run();
    let prev = GENESIS;
    for (const row of db.prepare('SELECT * FROM audit_log ORDER BY id').all() as ({ id: number } & Parameters<typeof entryHash>[2])[]) {
      const hash = entryHash(prev, row.id, row);
      db.prepare('UPDATE audit_log SET prev_hash = ?, hash = ? WHERE id = ?').run(prev, hash, row.id);
      prev = hash;
    }
    expect(verifyAuditTrail(core.ctx)).toMatchObject({ ok: false, brokenAt: null, badCheckpoint: { entries: 100, why: 'head' }, problem: expect.stringMatching(/rewritten: entry 100/) });
  });

  it('refuse a checkpoint signed by a key that is not this center’s', () => {
    const core = desk();
    fill(core, 5);
    const n = entries(core);
    const head = (core.ctx.db.prepare('SELECT hash FROM audit_log WHERE id = ?').get(n) as { hash: string }).hash;
    insertCheckpoint(core.ctx.db, signCheckpoint(generateSigningKey('ed25519'), { entries: n, head, at: 'x', reason: 'export', bundle: 1, township: 'ZMQ' }));
    expect(verifyAuditTrail(core.ctx)).toMatchObject({ ok: false, badCheckpoint: { entries: n, why: 'unknown-key' } });
  });

  it('are made at every export, over the head the bundle carries', async () => {
    const county = await newCounty();
    const core = await newTownship(county);
    open.push(county, core);
    registerOne(core);
    const before = entries(core);
    const b1 = await exportBundle(core.ctx);
    const cp = listCheckpoints(core.ctx.db).find((c) => c.reason === 'export')!;
    expect(cp).toMatchObject({ entries: before, bundle: b1.sequence, township: 'ZMQ' });
    expect(verifyAuditTrail(core.ctx)).toMatchObject({ ok: true, lastCheckpoint: { entries: before, reason: 'export' }, unsigned: 0 });
  });

  it('wait for the key where it is not reachable, and catch up once it is', () => {
    const saved = new Map<string, string>();
    let reachable = true;
    const store = { kind: 'safeStorage' as const, load: (n: string) => (reachable ? (saved.get(n) ?? null) : null), save: (n: string, s: string) => void saved.set(n, s), remove: (n: string) => void saved.delete(n) };
    const dir = tempDir();
    const core = openCore({ dataDir: dir, township: 'ZMQ', log: createLogger(null, 'silent'), keyStore: store });
    open.push(core);
    reachable = false;
    fill(core, 150);
    expect(listCheckpoints(core.ctx.db)).toEqual([]); // the entries stand; nothing signed yet
    reachable = true;
    fill(core, 1);
    expect(listCheckpoints(core.ctx.db).map((c) => c.entries)).toEqual([entries(core)]);
    expect(verifyAuditTrail(core.ctx).ok).toBe(true);
  });
});
