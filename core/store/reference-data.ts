import type { Database } from 'better-sqlite3-multiple-ciphers';
import townshipsJson from '../../resources/townships.json' with { type: 'json' };
import villagesJson from '../../resources/villages-sample.json' with { type: 'json' };
import type { Township } from '../domain/township.js';
import { readSetting, writeSetting } from './settings.js';
import { insertTownships } from './townships.js';
import { insertVillage } from './villages.js';


/**
 * Loads the shipped reference data once, at first start. Later edits by the admin are the
 * center's own and are never overwritten by a newer sample.
 */
export function seedReferenceData(db: Database, now: Date): boolean {
  if (readSetting(db, 'referenceSeededAt')) return false;
  db.transaction(() => {
    insertTownships(db, townshipsJson.townships as Township[]);
    const at = now.toISOString();
    for (const [code, names] of Object.entries(villagesJson.villages as Record<string, string[]>)) {
      for (const name of names) insertVillage(db, code, name, at);
    }
    writeSetting(db, 'referenceSeededAt', at);
  })();
  return true;
}

export const COUNTY = townshipsJson.county;
