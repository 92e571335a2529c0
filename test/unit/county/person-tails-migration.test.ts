// County migration 004: persons imported before it get their reversed ID number, so an ID tail
// search finds them by the new index range too (on SQLite; PostgreSQL fills it with reverse()).
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../core/store/db.js';
import { COUNTY_MIGRATIONS, openCountyDatabase } from '../../../core/store/county-db.js';
import { tempDir } from '../../helpers/core.js';

describe('county migration 004 (person tails)', () => {
  it('fills id_rev for the persons already indexed and indexes it', () => {
    const file = path.join(tempDir(), 'county.db');
    const before = openDatabase(file, { migrations: COUNTY_MIGRATIONS.filter((m) => m.version <= 3) });
    const add = before.prepare('INSERT INTO county_persons (township, person_id, id_number, name, initials) VALUES (?, ?, ?, ?, ?)');
    add.run('ZMQ', 1, '34152319700505007X', '张三', 'zs');
    add.run('CG', 2, null, '李四', 'ls');
    before.close();
    const db = openCountyDatabase(file);
    expect(db.prepare('SELECT township, id_rev FROM county_persons ORDER BY person_id').all()).toEqual([
      { township: 'ZMQ', id_rev: 'X70050500791325143' },
      { township: 'CG', id_rev: null },
    ]);
    const plan = db.prepare("EXPLAIN QUERY PLAN SELECT * FROM county_persons WHERE id_rev >= 'X70' AND id_rev < 'X71'").all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join('\n')).toContain('county_persons_id_rev');
    db.close();
  });
});
