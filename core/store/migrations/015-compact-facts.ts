import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { Migration } from '../migration.js';
import type { MatterFacts } from '../../domain/figures.js';
import { encodeFacts } from '../facts-codec.js';
/**
 * matter_facts.facts_json rewritten from an object to the positional array of core/store/facts-codec.ts
 * (the values without their key names: about 60% of the table). The counts do not change.
 */
const STEP = 5000;

/** In steps of matters, so a million rows never sit in memory at once. */
function up(db: Database): void {
  const page = db.prepare('SELECT matter_id AS id, facts_json AS json FROM matter_facts WHERE matter_id > ? ORDER BY matter_id LIMIT ?');
  const write = db.prepare('UPDATE matter_facts SET facts_json = ? WHERE matter_id = ?');
  for (let after = 0; ; ) {
    const rows = page.all(after, STEP) as { id: number; json: string }[];
    if (!rows.length) break;
    for (const r of rows) if (r.json.startsWith('{')) write.run(encodeFacts(JSON.parse(r.json) as MatterFacts), r.id);
    after = rows.at(-1)!.id;
  }
}

export const migration: Migration = { version: 15, name: 'compact-facts', up };
