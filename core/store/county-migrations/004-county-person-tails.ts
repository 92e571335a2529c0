import type { Migration } from '../migration.js';
import { reverse } from '../../domain/search-query.js';
/**
 * An ID tail search across the county as an index range, as at the desk: the ID number reversed, so
 * "the last six digits" is a prefix (a `LIKE '%…'` read every person in the county: 30 ms at 100,000
 * persons, growing with them). The PostgreSQL twin is step 4 in postgres.ts.
 */
export const migration: Migration = {
  version: 4,
  name: 'county-person-tails',
  up: (db) => {
    db.exec('ALTER TABLE county_persons ADD COLUMN id_rev TEXT; CREATE INDEX county_persons_id_rev ON county_persons (id_rev);');
    // SQLite has no reverse(): what was imported before is filled here.
    const set = db.prepare('UPDATE county_persons SET id_rev = ? WHERE township = ? AND person_id = ?');
    for (const r of db.prepare('SELECT township, person_id, id_number FROM county_persons WHERE id_number IS NOT NULL').all() as { township: string; person_id: number; id_number: string }[]) {
      set.run(reverse(r.id_number), r.township, r.person_id);
    }
  },
};
