/**
 * Registration commit: a whole core.call('visits.register') — validation, ID checks, duplicate
 * checks, case number, person, matter, visit, status — committed with synchronous=FULL in WAL mode,
 * as the desk runs. Beside it, the raw cost of committing one row with the same settings.
 */
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { LOCAL_SESSION } from '../../core/kernel/session.js';
import type { Input } from '../../core/api/contract/index.js';
import { mobile, SHUCHENG } from '../../core/seed/people.js';
import { personName } from '../../core/seed/names.js';
import { idCheckChar } from '../../core/domain/idcard.js';
import { centerTownship } from '../../core/store/settings.js';
import { samples, type BenchContext } from '../lib/context.js';
import type { AreaResult } from '../lib/report.js';
import { fmtUs, ratio, summarize, timeUs, vsTarget } from '../lib/stats.js';

type Reg = Input<'visits.register'>;

function newId(ctx: BenchContext): string {
  const exists = ctx.db.prepare('SELECT 1 FROM persons WHERE id_number = ?');
  for (;;) {
    const birth = `${1950 + ctx.rng.int(50)}${String(1 + ctx.rng.int(12)).padStart(2, '0')}${String(1 + ctx.rng.int(28)).padStart(2, '0')}`;
    const first17 = `${SHUCHENG}${birth}${String(ctx.rng.int(1000)).padStart(3, '0')}`;
    const id = first17 + idCheckChar(first17);
    if (!exists.get(id)) return id;
  }
}

/** Times (µs) of `n` new-person and `n` repeat-visit registrations through the core, after 20 to warm up. */
export function registrationTimes(ctx: BenchContext, n: number): { fresh: number[]; repeat: number[] } {
  const synchronous = ctx.db.pragma('synchronous', { simple: true });
  if (synchronous !== 2) throw new Error(`the core runs with synchronous=${String(synchronous)}, not FULL (2)`);
  const villages = (ctx.db.prepare('SELECT id FROM villages WHERE township_code = ?').all(centerTownship(ctx.db)) as { id: number }[]).map((r) => r.id);
  const maxMatter = (ctx.db.prepare('SELECT max(id) AS m FROM matters').get() as { m: number }).m;
  const partyOf = ctx.db.prepare('SELECT person_id FROM matter_persons WHERE matter_id = ? LIMIT 1');

  const fresh = (): Reg => {
    const idNumber = newId(ctx);
    const sex = Number(idNumber[16]) % 2 === 1 ? 'M' : 'F';
    return {
      participants: [
        {
          person: {
            name: personName(ctx.rng, sex, Number(idNumber.slice(6, 10))),
            idNumber,
            phones: [mobile(ctx.rng)],
            villageId: ctx.rng.pick(villages),
            address: '',
          },
        },
      ],
      visit: { headcount: 1, involved: 1 },
      matter: { purpose: '申诉求决', category: '劳动社保', tags: ['劳资'], request: '反映在工地务工被拖欠工资，要求支付', facts: '共拖欠三个月工资。' },
    };
  };
  const repeat = (): Reg => {
    const matterId = 1 + ctx.rng.int(maxMatter);
    const { person_id } = partyOf.get(matterId) as { person_id: number };
    return { participants: [{ person: { personId: person_id } }], visit: { headcount: 1, involved: 1 }, matter: { existingId: matterId } };
  };

  const times = { fresh: [] as number[], repeat: [] as number[] };
  for (let i = 0; i < n + 20; i++) {
    for (const kind of ['fresh', 'repeat'] as const) {
      const input = kind === 'fresh' ? fresh() : repeat();
      const t = timeUs(() => {
        const r = ctx.core.call(LOCAL_SESSION, 'visits.register', input);
        if (!r.ok) throw new Error(`visits.register (${kind}): ${r.code} ${r.field ?? ''}`);
      });
      if (i >= 20) times[kind].push(t); // the first few warm the caches
    }
  }
  return times;
}

export async function run(ctx: BenchContext): Promise<AreaResult> {
  const n = samples(ctx, 400);
  const times = registrationTimes(ctx, n);

  // Raw: one row, one transaction, WAL + synchronous=FULL, on the same disk.
  const scratch = path.join(ctx.dataDir, 'raw-commit.db');
  const raw = new BetterSqlite3(scratch);
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = FULL');
  raw.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL)');
  const insert = raw.prepare('INSERT INTO t (v) VALUES (?)');
  const one = raw.transaction((v: string) => insert.run(v));
  const rawTimes: number[] = [];
  for (let i = 0; i < n + 20; i++) {
    const t = timeUs(() => one(`row ${i}`));
    if (i >= 20) rawTimes.push(t);
  }
  raw.close();
  for (const f of [scratch, `${scratch}-wal`, `${scratch}-shm`]) fs.rmSync(f, { force: true });

  const fresh_ = summarize(times.fresh);
  const repeat_ = summarize(times.repeat);
  const raw_ = summarize(rawTimes);
  return {
    area: 'registration',
    tables: [
      {
        title: `Registration commit (core.call('visits.register'), WAL, synchronous=FULL; ${n} of each)`,
        columns: ['what', 'p50', 'p95', 'p95 ÷ raw commit', 'target p95'],
        rows: [
          ['new person + new matter', fmtUs(fresh_.p50), fmtUs(fresh_.p95), ratio(fresh_.p95, raw_.p95), vsTarget('≤ 2 ms', fresh_.p95, 2000, '≤')],
          ['known person, repeat visit', fmtUs(repeat_.p50), fmtUs(repeat_.p95), ratio(repeat_.p95, raw_.p95), vsTarget('≤ 2 ms', repeat_.p95, 2000, '≤')],
          ['raw: one-row commit, same settings', fmtUs(raw_.p50), fmtUs(raw_.p95), '1.0×', ''],
        ],
      },
    ],
    data: { fresh: fresh_, repeat: repeat_, rawCommit: raw_ },
  };
}
