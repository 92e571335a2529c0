/** Database size, as seeded (checkpointed, before this run's writes), and where the bytes go. */
import fs from 'node:fs';
import path from 'node:path';
import { databaseKey } from '../../core/store/database-key.js';
import { openReadOnly } from '../../core/store/db.js';
import { osKeyStore } from '../../core/store/os-key-store.js';
import { databaseFileKind } from '../../core/store/sqlite.js';
import type { BenchContext } from '../lib/context.js';
import type { AreaResult } from '../lib/report.js';
import { fmtBytes, fmtInt, vsTarget } from '../lib/stats.js';

export async function run(ctx: BenchContext): Promise<AreaResult> {
  const file = path.join(ctx.dataset.dir, 'intake.db');
  const size = fs.statSync(file).size;
  const c = ctx.dataset.info.counts;
  const persons = c.persons ?? ctx.dataset.info.persons;
  // dbstat walks every page: read-only, on the pristine copy (encrypted at rest: with its key).
  const key = databaseFileKind(file) === 'encrypted' ? databaseKey(ctx.dataset.dir, file, osKeyStore()).key : null;
  const db = openReadOnly(file, { key });
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  const free = (db.pragma('freelist_count', { simple: true }) as number) * pageSize;
  let parts: { name: string; bytes: number }[] = [];
  try {
    parts = db.prepare('SELECT name, sum(pgsize) AS bytes FROM dbstat GROUP BY name ORDER BY bytes DESC').all() as typeof parts;
  } catch {
    // SQLite built without DBSTAT: the total alone will do
  }
  db.close();
  const top = parts.slice(0, 10);
  return {
    area: 'storage',
    tables: [
      {
        title: 'Database size',
        columns: ['what', 'value'],
        rows: [
          ['intake.db', `${fmtBytes(size)} (${fmtInt(size / persons)} B per person), of which ${fmtBytes(free)} free pages`],
          ['bytes per person, target ≤ 1.7 KB (at 1M persons) · measured ÷ target', vsTarget(`${fmtInt(size / persons)} B`, size / persons, 1700, '≤')],
          ['rows', Object.entries(c).map(([t, n]) => `${t} ${fmtInt(n)}`).join(', ')],
          ...(top.length ? [['largest tables and indexes', top.map((p) => `${p.name} ${fmtBytes(p.bytes)} (${fmtInt(p.bytes / persons)} B/person)`).join(', ')]] : []),
        ],
      },
    ],
    data: { bytes: size, freeBytes: free, counts: c, parts },
  };
}
