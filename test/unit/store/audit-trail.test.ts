/**
 * The audit trail's checks, case by case (issue 20: survivors of mutation testing): what verifyAudit
 * finds in a chain edited in each of its columns, what the report says about checkpoints past a cut,
 * at a break, or signed wrongly, and how the trail is listed and filtered.
 */
import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../core/app.js';
import { signCheckpoint } from '../../../core/bundle/audit-checkpoint.js';
import { centerSigner } from '../../../core/bundle/center-keys.js';
import { fingerprintOf } from '../../../core/bundle/suites.js';
import { verifyAuditTrail } from '../../../core/services/audit-checkpoints.js';
import { appendAudit, entryHash, GENESIS, insertCheckpoint, listAudit, listCheckpoints, verifyAudit, type AuditEntry } from '../../../core/store/audit.js';
import { testCore } from '../../helpers/core.js';

const open: { close(): void }[] = [];
afterEach(() => {
  for (const o of open.splice(0)) o.close();
});

const entry = (i: number, over: Partial<AuditEntry> = {}): AuditEntry => ({
  at: `2026-11-24T0${Math.floor(i / 60) % 10}:${String(i % 60).padStart(2, '0')}:00.000Z`,
  actor: i % 2 ? 'r1' : 'admin',
  action: i % 3 ? 'visits.register' : 'persons.reveal',
  target: `matter:${i}`,
  outcome: 'ok',
  ...over,
});

/** A bare trail (the audit_log table only, no triggers), written by appendAudit. */
function bareTrail(n: number): BetterSqlite3.Database {
  const db = new BetterSqlite3(':memory:');
  open.push(db);
  db.exec(`CREATE TABLE audit_log (id INTEGER PRIMARY KEY, at TEXT NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL,
    target TEXT NOT NULL, outcome TEXT NOT NULL, detail TEXT, prev_hash TEXT NOT NULL, hash TEXT NOT NULL)`);
  for (let i = 1; i <= n; i++) appendAudit(db, entry(i));
  return db;
}
const hashOf = (db: BetterSqlite3.Database, id: number) => (db.prepare('SELECT hash FROM audit_log WHERE id = ?').get(id) as { hash: string }).hash;

describe('verifyAudit', () => {
  it('finds an entry whose number was changed, though its own hash was recomputed to match', () => {
    const db = bareTrail(3);
    const h2 = hashOf(db, 2);
    const e3 = entry(3);
    // Entry 3 moved to number 5 (as if 3 and 4 were deleted), hashed consistently for its new number.
    db.prepare('UPDATE audit_log SET id = 5, hash = ? WHERE id = 3').run(entryHash(h2, 5, e3));
    expect(verifyAudit(db)).toMatchObject({ ok: false, brokenAt: 5, entries: 3 });
  });

  it('finds an entry whose link to the previous one was changed, though its hash matches the true chain', () => {
    const db = bareTrail(3);
    db.prepare('UPDATE audit_log SET prev_hash = ? WHERE id = 2').run('f'.repeat(64));
    expect(verifyAudit(db)).toMatchObject({ ok: false, brokenAt: 2, entries: 2 });
  });

  it('finds an entry whose content changed', () => {
    const db = bareTrail(3);
    db.prepare("UPDATE audit_log SET outcome = 'FORBIDDEN' WHERE id = 3").run();
    expect(verifyAudit(db)).toMatchObject({ ok: false, brokenAt: 3, entries: 3 });
  });

  it('returns the hashes at the asked positions only, and an empty trail verifies from the genesis', () => {
    const db = bareTrail(4);
    const r = verifyAudit(db, [2, 4, 9]);
    expect(r).toMatchObject({ ok: true, entries: 4, head: hashOf(db, 4) });
    expect([...r.hashesAt]).toEqual([
      [2, hashOf(db, 2)],
      [4, hashOf(db, 4)],
    ]);
    expect(verifyAudit(bareTrail(0))).toMatchObject({ ok: true, entries: 0, head: GENESIS });
  });

  it('a database before signed checkpoints (no table) lists none', () => {
    expect(listCheckpoints(bareTrail(2))).toEqual([]);
  });
});

describe('listAudit', () => {
  it('filters by time range, actor and action prefix, newest first, up to the limit', () => {
    const db = bareTrail(12);
    const ids = (f: Parameters<typeof listAudit>[1]) => listAudit(db, f).map((r) => r.id);
    expect(ids({ limit: 100 })).toEqual([12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
    expect(ids({ limit: 3 })).toEqual([12, 11, 10]);
    expect(ids({ from: entry(5).at, limit: 100 })).toEqual([12, 11, 10, 9, 8, 7, 6, 5]);
    expect(ids({ to: entry(5).at, limit: 100 })).toEqual([4, 3, 2, 1]); // `to` is exclusive
    expect(ids({ from: entry(3).at, to: entry(6).at, limit: 100 })).toEqual([5, 4, 3]);
    expect(ids({ actor: 'admin', limit: 100 })).toEqual([12, 10, 8, 6, 4, 2]);
    expect(ids({ action: 'persons.', limit: 100 })).toEqual([12, 9, 6, 3]);
    expect(ids({ action: 'persons.', actor: 'r1', from: entry(4).at, limit: 100 })).toEqual([9]);
    expect(listAudit(db, { limit: 1 })[0]).toEqual({ id: 12, ...entry(12), detail: null, prev_hash: hashOf(db, 11), hash: hashOf(db, 12) });
  });
});

describe('the trail report (audit.verify)', () => {
  const desk = (): Core => {
    const c = testCore({ township: 'ZMQ' });
    open.push(c);
    return c;
  };
  const fill = (core: Core, n: number) =>
    core.ctx.db.transaction(() => {
      for (let i = 0; i < n; i++) appendAudit(core.ctx.db, entry(i));
    })();
  const count = (core: Core) => (core.ctx.db.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;
  const headAt = (core: Core, id: number) => (core.ctx.db.prepare('SELECT hash FROM audit_log WHERE id = ?').get(id) as { hash: string }).hash;
  const checkpoint = (core: Core, entries: number, head: string, reason: 'interval' | 'export' = 'export') =>
    insertCheckpoint(core.ctx.db, signCheckpoint(centerSigner(core.ctx), { entries, head, at: `2026-11-24T0${entries % 10}:00:00.000Z`, reason, bundle: reason === 'export' ? 1 : null, township: 'ZMQ' }));

  it('names who signed the checkpoints, and the last one (an export at an interval’s length counts as the last)', () => {
    const core = desk();
    fill(core, 100 - count(core)); // the interval checkpoint at 100
    checkpoint(core, 100, headAt(core, 100), 'export');
    fill(core, 5);
    const r = verifyAuditTrail(core.ctx);
    expect(r).toMatchObject({ ok: true, checkpoints: 2, lastCheckpoint: { entries: 100, reason: 'export' }, unsigned: 5, problem: null });
    expect(r.signers).toEqual([fingerprintOf(centerSigner(core.ctx).publicKey)]);
  });

  it('reports a checkpoint whose signature does not hold', () => {
    const core = desk();
    fill(core, 10);
    const n = count(core);
    const c = signCheckpoint(centerSigner(core.ctx), { entries: n, head: headAt(core, n), at: '2026-11-24T01:00:00.000Z', reason: 'export', bundle: 1, township: 'ZMQ' });
    insertCheckpoint(core.ctx.db, { ...c, at: '2026-11-24T02:00:00.000Z' }); // signed for another time
    const r = verifyAuditTrail(core.ctx);
    expect(r).toMatchObject({ ok: false, badCheckpoint: { entries: n, why: 'signature' }, signers: [] });
    expect(r.problem).toBe(`audit checkpoint at ${n} entries is not signed by a key of this center (signature)`);
  });

  it('a checkpoint of the trail’s last entry catches a rewrite of that entry', () => {
    const core = desk();
    fill(core, 10);
    const n = count(core);
    checkpoint(core, n, headAt(core, n));
    const db = core.ctx.db;
    db.exec('DROP TRIGGER audit_log_no_update');
    const last = db.prepare('SELECT * FROM audit_log WHERE id = ?').get(n) as AuditEntry & { prev_hash: string };
    db.prepare('UPDATE audit_log SET outcome = ?, hash = ? WHERE id = ?').run('FORBIDDEN', entryHash(last.prev_hash, n, { ...last, outcome: 'FORBIDDEN' }), n);
    expect(verifyAuditTrail(core.ctx)).toMatchObject({ ok: false, brokenAt: null, entries: n, badCheckpoint: { entries: n, why: 'head' } });
  });

  it('after a cut, names the furthest checkpoint the trail fell short of', () => {
    const core = desk();
    fill(core, 30);
    const n = count(core);
    for (const at of [n - 20, n, n - 10]) checkpoint(core, at, headAt(core, at));
    const db = core.ctx.db;
    db.exec('DROP TRIGGER audit_log_no_delete');
    db.prepare('DELETE FROM audit_log WHERE id > ?').run(n - 25);
    const r = verifyAuditTrail(core.ctx);
    expect(r).toMatchObject({ ok: false, entries: n - 25, cutAfter: { checkpoint: n, remaining: n - 25 } });
    expect(r.problem).toMatch(new RegExp(`records ${n} entries, only ${n - 25} remain`));
  });

  it('after a cut, names the first checkpoint that signed the furthest length (an interval before an export of it)', () => {
    const core = desk();
    fill(core, 30);
    const n = count(core);
    const key = centerSigner(core.ctx);
    const sign = (reason: 'interval' | 'export', at: string) =>
      insertCheckpoint(core.ctx.db, signCheckpoint(key, { entries: n, head: headAt(core, n), at, reason, bundle: reason === 'export' ? 1 : null, township: 'ZMQ' }));
    sign('interval', '2026-11-24T01:00:00.000Z');
    sign('export', '2026-11-24T02:00:00.000Z');
    const db = core.ctx.db;
    db.exec('DROP TRIGGER audit_log_no_delete');
    db.prepare('DELETE FROM audit_log WHERE id > ?').run(n - 3);
    expect(verifyAuditTrail(core.ctx)).toMatchObject({ cutAfter: { checkpoint: n, at: '2026-11-24T01:00:00.000Z', remaining: n - 3 } });
  });

  it('with a broken chain, judges only the checkpoints before the break', () => {
    const core = desk();
    fill(core, 30);
    const n = count(core);
    const broken = n - 10;
    // A checkpoint at the last good entry, one at the broken entry itself and one after it.
    for (const at of [broken - 1, broken, n]) checkpoint(core, at, headAt(core, at));
    const db = core.ctx.db;
    db.exec('DROP TRIGGER audit_log_no_update');
    db.prepare("UPDATE audit_log SET outcome = 'FORBIDDEN' WHERE id = ?").run(broken);
    const r = verifyAuditTrail(core.ctx);
    expect(r).toMatchObject({ ok: false, brokenAt: broken, head: null, badCheckpoint: null, cutAfter: null });
    expect(r.problem).toBe(`audit chain broken at entry ${broken} (of ${broken} read): it was edited, removed or inserted`);
    // Had the last good entry been rewritten too, its checkpoint would say so.
    const before = db.prepare('SELECT * FROM audit_log WHERE id = ?').get(broken - 1) as AuditEntry & { prev_hash: string };
    db.prepare("UPDATE audit_log SET outcome = 'FORBIDDEN', hash = ? WHERE id = ?").run(entryHash(before.prev_hash, broken - 1, { ...before, outcome: 'FORBIDDEN' }), broken - 1);
    expect(verifyAuditTrail(core.ctx)).toMatchObject({ ok: false, badCheckpoint: { entries: broken - 1, why: 'head' } });
  });
});
