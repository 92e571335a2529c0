// 非正常上访 on a level-skipping record: registered through the contract, kept on the row and in the
// matter's facts, read by the default 三无 conditions; migration 016 adds the column (existing records
// not 非正常) and marks a center's own saved conditions by what their names say.
import { describe, expect, it } from 'vitest';
import { LOCAL_SESSION } from '../../../core/kernel/session.js';
import { migrate } from '../../../core/store/migrate.js';
import { MIGRATIONS } from '../../../core/store/migrations/index.js';
import { readFacts } from '../../../core/store/figures.js';
import { fixedClock, testCore } from '../../helpers/core.js';
import { makeId } from '../../helpers/ids.js';

const ok = <T>(r: { ok: true; value: T } | { ok: false; message_zh: string; code?: string }): T => {
  if (!r.ok) throw new Error(`${r.code}: ${r.message_zh}`);
  return r.value;
};

function desk() {
  return testCore({ township: 'ZMQ', clock: fixedClock('2026-11-24T10:00:00+08:00') });
}

function registerBeijing(core: ReturnType<typeof desk>, n: number, abnormal?: boolean): number {
  return ok(
    core.call(LOCAL_SESSION, 'visits.register', {
      participants: [{ person: { name: '王五', idNumber: makeId('1960-01-01', 21 + 2 * n) } }],
      visit: { headcount: 1, involved: 1, visitedAt: '2026-11-05T09:00:00+08:00' },
      matter: { purpose: '申诉求决', category: '民政', request: '低保', levelSkips: [{ level: 'beijing', visitedOn: '2026-11-03', ...(abnormal === undefined ? {} : { abnormal }) }] },
    }),
  ).matterId;
}

const november = (core: ReturnType<typeof desk>) => ok(core.call(LOCAL_SESSION, 'stats.report', { from: '2026-11-01', to: '2026-11-30' })).sanwu;

describe('非正常上访 and the 三无 conditions', () => {
  it('a Beijing record breaks 无进京越级上访 only; marked 非正常, it breaks 无进京非正常上访 too', () => {
    const core = desk();
    const plain = registerBeijing(core, 0);
    expect(november(core).conditions.map((c) => [c.label, c.broken])).toEqual([['无进京非正常上访', 0], ['无进京越级上访', 1], ['无到省集体访', 0]]);
    const marked = registerBeijing(core, 1, true);
    const s = november(core);
    expect(s.conditions.map((c) => c.broken)).toEqual([1, 2, 0]);
    expect(s.breakers.map((b) => [b.id, b.conditions])).toEqual(
      expect.arrayContaining([[plain, ['无进京越级上访']], [marked, ['无进京非正常上访', '无进京越级上访']]]),
    );
    expect(ok(core.call(LOCAL_SESSION, 'matters.get', { matterId: marked })).matter.levelSkips).toEqual([{ level: 'beijing', visitedOn: '2026-11-03', abnormal: true }]);
    expect(readFacts(core.ctx.db, plain)!.skips).toEqual([{ level: 'beijing', on: '2026-11-03' }]);
    core.close();
  });

  it('refuses a flag that is not yes or no, in Chinese, and saves nothing', () => {
    const core = desk();
    const r = core.call(LOCAL_SESSION, 'visits.register', {
      participants: [{ person: { name: '王五', idNumber: makeId('1960-01-01', 21) } }],
      visit: { headcount: 1, involved: 1 },
      matter: { purpose: '申诉求决', category: '民政', request: '低保', levelSkips: [{ level: 'beijing', abnormal: 'yes' }] },
    } as never);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message_zh).toContain('非正常上访');
    expect((core.ctx.db.prepare('SELECT count(*) AS n FROM matters').get() as { n: number }).n).toBe(0);
    core.close();
  });

  it('migration 016: records kept before it are not 非正常, and saved conditions named 非正常 get the flag', () => {
    const core = desk();
    const db = core.ctx.db;
    const id = registerBeijing(core, 0);
    const saved = [
      { label: '无进京非正常上访', level: 'beijing', groupOnly: false },
      { label: '无赴省越级上访', level: 'province', groupOnly: false },
    ];
    // As version 15 kept them: no column, conditions without the flag.
    db.exec('DROP INDEX IF EXISTS level_skips_level');
    db.exec('ALTER TABLE level_skips DROP COLUMN abnormal');
    db.exec('CREATE INDEX level_skips_level ON level_skips (level)');
    db.prepare("INSERT INTO settings (key, value) VALUES ('stats.sanwu', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value").run(JSON.stringify(saved));
    db.pragma('user_version = 15');
    migrate(db, MIGRATIONS, 16);
    expect(db.prepare('SELECT abnormal FROM level_skips WHERE matter_id = ?').all(id)).toEqual([{ abnormal: 0 }]);
    const conditions = ok(core.call(LOCAL_SESSION, 'stats.settings', {})).sanwu;
    expect(conditions.map((c) => [c.label, c.abnormalOnly])).toEqual([['无进京非正常上访', true], ['无赴省越级上访', false]]);
    expect(() => db.prepare('UPDATE level_skips SET abnormal = 2').run()).toThrow(/CHECK/);
    core.close();
  });
});
