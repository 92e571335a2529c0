// Migrations 018 (the national record's fields) and 019 (intake channels: 电话 renamed 来电, the day
// received and the source): a matter written before them reads with sensible defaults, and the rename
// reaches the matters, the visits, the kept facts and the by-channel counts alike.
import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { LOCAL_SESSION } from '../../../core/kernel/session.js';
import { migrate, schemaVersion } from '../../../core/store/migrate.js';
import { MIGRATIONS } from '../../../core/store/migrations/index.js';
import { seedReferenceData } from '../../../core/store/reference-data.js';
import { insertMatter } from '../../../core/store/matters.js';
import { recordFieldsOf } from '../../../core/store/matter-record.js';
import { allCounts, readFacts } from '../../../core/store/figures.js';
import { encodeFacts } from '../../../core/store/facts-codec.js';
import { NO_RECORD_FIELDS } from '../../../core/domain/national-record.js';
import { fixedClock, testCore } from '../../helpers/core.js';
import { makeId } from '../../helpers/ids.js';

describe('migration 018: national record fields', () => {
  it('gives a matter registered before it none of the stated fields and no day received or source', () => {
    const db = new BetterSqlite3(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, MIGRATIONS, 15);
    seedReferenceData(db, new Date('2026-09-01T00:00:00Z'));
    const at = '2026-09-28T01:00:00.000Z';
    const id = insertMatter(db, { caseNo: 'ZMQ-2026-000001', townshipCode: 'ZMQ', channel: '电话', purpose: '申诉求决', category: '民政', tags: [], request: '低保', facts: '', placeTownship: 'ZMQ', placeVillageId: null, isGroup: false, registeredAt: at, levelSkips: [] }, at);
    migrate(db);
    expect(schemaVersion(db)).toBe(MIGRATIONS.at(-1)!.version);
    expect(recordFieldsOf(db, id)).toEqual({ ...NO_RECORD_FIELDS, receivedOn: null, sourceBody: '', sourceNo: '' });
    expect((db.prepare('SELECT channel FROM matters WHERE id = ?').get(id) as { channel: string }).channel).toBe('来电');
    // 联名 is two signers or more (0 = not 联名); flags are 0 or 1.
    expect(() => db.prepare('UPDATE matters SET joint_count = 1 WHERE id = ?').run(id)).toThrow(/CHECK/);
    expect(() => db.prepare('UPDATE matters SET urgent = 2 WHERE id = ?').run(id)).toThrow(/CHECK/);
    db.close();
  });
});

describe('migration 019: 电话 becomes 来电 everywhere it is kept', () => {
  it('renames the channel in matters, visits, facts and the by-channel counts, which then equal a fresh derivation', () => {
    const core = testCore({ township: 'ZMQ', clock: fixedClock('2026-11-24T10:00:00+08:00') });
    const db = core.ctx.db;
    const reg = (channel: '来电' | '走访', i: number) => {
      const r = core.call(LOCAL_SESSION, 'visits.register', {
        participants: [{ person: { name: '王五', idNumber: makeId('1960-01-01', 31 + 2 * i) } }],
        visit: { channel, headcount: 1, involved: 1, visitedAt: `2026-0${i + 1}-05T09:00:00+08:00` },
        matter: { purpose: '申诉求决', category: '民政', request: '低保' },
      });
      if (!r.ok) throw new Error(r.message_zh);
      return r.value.matterId;
    };
    const phoned = [reg('来电', 0), reg('来电', 1)];
    const walked = reg('走访', 2);
    const facts = [...phoned, walked].map((id) => readFacts(db, id));
    const counts = allCounts(db);

    // As version 18 kept them: the old label in every place.
    db.prepare("UPDATE matters SET channel = '电话' WHERE channel = '来电'").run();
    db.prepare("UPDATE visits SET channel = '电话' WHERE channel = '来电'").run();
    for (const f of facts.slice(0, 2)) db.prepare('UPDATE matter_facts SET facts_json = ? WHERE matter_id = ?').run(encodeFacts({ ...f!, channel: '电话' }), f!.matterId);
    // One fact still in the object form written before migration 015.
    db.prepare('UPDATE matter_facts SET facts_json = ? WHERE matter_id = ?').run(JSON.stringify({ ...facts[1]!, channel: '电话' }), phoned[1]);
    db.prepare("UPDATE stat_counts SET key = '电话' WHERE metric = 'reg.channel' AND key = '来电'").run();
    expect((db.prepare("SELECT count(*) AS n FROM stat_counts WHERE key = '电话'").get() as { n: number }).n).toBeGreaterThan(0);

    for (const c of ['received_on', 'source_body', 'source_no']) db.exec(`ALTER TABLE matters DROP COLUMN ${c}`);
    db.pragma('user_version = 18');
    migrate(db, MIGRATIONS, 19);
    const channels = (table: string) => (db.prepare(`SELECT DISTINCT channel FROM ${table} ORDER BY channel`).all() as { channel: string }[]).map((r) => r.channel);
    expect(channels('matters')).toEqual(['来电', '走访'].sort());
    expect(channels('visits')).toEqual(['来电', '走访'].sort());
    expect([...phoned, walked].map((id) => readFacts(db, id))).toEqual(facts);
    expect(allCounts(db)).toEqual(counts);
    core.close();
  });
});
