// A county replica's projections are rebuilt in one pass (rebuildAll: the counts summed in memory and
// written once). They must equal what the desk keeps matter by matter in every event's transaction.
import { describe, expect, it } from 'vitest';
import { seedDatabase } from '../../../core/seed/generate.js';
import { rebuildAll } from '../../../core/services/matter-status.js';
import { fixedClock, testCore } from '../../helpers/core.js';

const END = new Date('2026-11-27T16:00:00+08:00');
const TABLES = {
  stat_counts: 'SELECT township, bucket, metric, key, n FROM stat_counts ORDER BY township, bucket, metric, key',
  visit_days: 'SELECT * FROM visit_days ORDER BY matter_id, day',
  matter_facts: 'SELECT * FROM matter_facts ORDER BY matter_id',
  matter_status: 'SELECT * FROM matter_status ORDER BY matter_id',
  instructions: 'SELECT * FROM instructions ORDER BY 1',
};

describe('rebuildAll', () => {
  it('writes the same status, facts, visit days and counts as the desk keeps them event by event', () => {
    const core = testCore({ township: 'ZMQ', clock: fixedClock(END.toISOString()) });
    const db = core.ctx.db;
    seedDatabase(db, { persons: 400, township: 'ZMQ', seed: 'rebuild', end: END, batch: 100 });
    const kept = Object.fromEntries(Object.entries(TABLES).map(([t, sql]) => [t, db.prepare(sql).all()]));
    expect((kept.stat_counts as unknown[]).length).toBeGreaterThan(100);
    expect((kept.visit_days as unknown[]).length).toBeGreaterThan(300);
    // Lose the projections (a replica's rows arrive without them), then rebuild.
    db.exec('DELETE FROM stat_counts; DELETE FROM visit_days; DELETE FROM matter_facts; DELETE FROM matter_status; DELETE FROM instructions;');
    expect(rebuildAll(core.ctx)).toBe((db.prepare('SELECT count(*) AS n FROM matters').get() as { n: number }).n);
    for (const [t, sql] of Object.entries(TABLES)) expect(db.prepare(sql).all(), t).toEqual(kept[t]);
    // Twice in a row changes nothing: the rebuild replaces, it does not add.
    rebuildAll(core.ctx);
    expect(db.prepare(TABLES.stat_counts).all()).toEqual(kept.stat_counts);
    core.close();
  });
});
