/**
 * What encryption at rest costs: the same lookups and registrations on the encrypted desk (the bench's
 * core) and on a plain copy of the same seeded database opened without a key, in the same run,
 * interleaved so both see the same machine load. Target: within 15%.
 */
import fs from 'node:fs';
import path from 'node:path';
import { openCore } from '../../core/app.js';
import { databaseKey } from '../../core/store/database-key.js';
import { osKeyStore } from '../../core/store/os-key-store.js';
import { openSqlite, removeKey } from '../../core/store/sqlite.js';
import { LOCAL_SESSION } from '../../core/kernel/session.js';
import { createLogger } from '../../core/kernel/log.js';
import { samples, type BenchContext } from '../lib/context.js';
import type { AreaResult } from '../lib/report.js';
import { fmtUs, ratio, summarize, timeUs, vsTarget } from '../lib/stats.js';
import { KINDS, LIMIT, probes } from './lookup.js';
import { registrationTimes } from './registration.js';

export async function run(ctx: BenchContext): Promise<AreaResult> {
  const plainDir = `${ctx.dataDir}-plain`;
  fs.rmSync(plainDir, { recursive: true, force: true });
  fs.mkdirSync(plainDir, { recursive: true });
  // The same seeded database, decrypted for good in a copy of its own.
  const copy = path.join(plainDir, 'intake.db');
  fs.copyFileSync(path.join(ctx.dataset.dir, 'intake.db'), copy);
  const t0 = performance.now();
  const seeded = openSqlite(copy, { fileMustExist: true, key: databaseKey(ctx.dataset.dir, path.join(ctx.dataset.dir, 'intake.db'), osKeyStore()).key });
  seeded.pragma('journal_mode = DELETE');
  removeKey(seeded);
  seeded.close();
  const decryptMs = performance.now() - t0;
  const plain = openCore({ dataDir: plainDir, clock: ctx.core.ctx.clock, log: createLogger(null, 'silent'), encrypt: false });
  const plainCtx: BenchContext = { ...ctx, core: plain, db: plain.ctx.db };
  try {
    const queries = probes(ctx, samples(ctx, 200)).flatMap((p) => KINDS.filter((k) => k.key !== 'phoneTail' || p.mobile).map((k) => k.query(p)));
    const lookup = { enc: [] as number[], plain: [] as number[] };
    for (let round = 0; round < 2; round++) {
      for (const q of queries) {
        // Interleaved, query by query: both stores see the same load and the same cache state of the OS.
        const e = timeUs(() => ctx.core.call(LOCAL_SESSION, 'persons.search', { q, limit: LIMIT }));
        const p = timeUs(() => plain.call(LOCAL_SESSION, 'persons.search', { q, limit: LIMIT }));
        if (round === 1) {
          lookup.enc.push(e);
          lookup.plain.push(p);
        }
      }
    }
    // Registrations in alternating chunks, so a burst of load elsewhere falls on both stores alike.
    const n = samples(ctx, 50);
    const regEnc = { fresh: [] as number[], repeat: [] as number[] };
    const regPlain = { fresh: [] as number[], repeat: [] as number[] };
    for (let chunk = 0; chunk < 4; chunk++) {
      for (const [c, into] of [[ctx, regEnc], [plainCtx, regPlain]] as const) {
        const t = registrationTimes(c, n);
        into.fresh.push(...t.fresh);
        into.repeat.push(...t.repeat);
      }
    }
    const rows: string[][] = [];
    const row = (what: string, enc: number[], pl: number[]) => {
      const a = summarize(enc);
      const b = summarize(pl);
      rows.push([what, `${fmtUs(b.p50)} / ${fmtUs(b.p95)}`, `${fmtUs(a.p50)} / ${fmtUs(a.p95)}`, ratio(a.p95, b.p95), vsTarget('≤ 1.15×', a.p95 / b.p95, 1.15, '≤')]);
      return { encrypted: a, plain: b };
    };
    rows.push([`rewriting every page once (decrypting ${(fs.statSync(copy).size / 1024 / 1024).toFixed(0)} MiB for the baseline: about what converting a plain desk costs)`, '', `${(decryptMs / 1000).toFixed(1)} s`, '', '']);
    const data = {
      lookup: row(`person lookup (persons.search, ${lookup.enc.length} queries of every kind)`, lookup.enc, lookup.plain),
      fresh: row('registration: new person + new matter', regEnc.fresh, regPlain.fresh),
      repeat: row('registration: known person, repeat visit', regEnc.repeat, regPlain.repeat),
      decryptMs,
    };
    return {
      area: 'encryption',
      tables: [{ title: 'Encryption at rest (SQLCipher 4 pages) against the same database in plain', columns: ['what', 'plain p50 / p95', 'encrypted p50 / p95', 'p95 encrypted ÷ plain', 'target'], rows }],
      data,
    };
  } finally {
    plain.close();
    fs.rmSync(plainDir, { recursive: true, force: true });
  }
}
