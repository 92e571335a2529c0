import type { Migration } from '../migration.js';
/**
 * 非正常上访 beside each level-skipping record, so the default 三无 conditions tell 进京非正常上访 from
 * 进京越级上访 (until now both read every Beijing record). Existing records were not marked, so they
 * are not 非正常 and no matter's facts change. A center that saved its own 三无 conditions before the
 * flag existed gets it on the ones it named 非正常, so their meaning stays what the name says.
 */
const sql = /* sql */ `
ALTER TABLE level_skips ADD COLUMN abnormal INTEGER NOT NULL DEFAULT 0 CHECK (abnormal IN (0, 1));
`;

interface SavedCondition {
  label?: unknown;
  abnormalOnly?: unknown;
}

export const migration: Migration = {
  version: 16,
  name: 'abnormal-skips',
  up: (db) => {
    db.exec(sql);
    const row = db.prepare("SELECT value FROM settings WHERE key = 'stats.sanwu'").get() as { value: string } | undefined;
    if (!row) return;
    let saved: unknown;
    try {
      saved = JSON.parse(row.value);
    } catch {
      return; // unreadable: the defaults already cover it
    }
    if (!Array.isArray(saved)) return;
    const marked = (saved as SavedCondition[]).map((c) =>
      c && typeof c === 'object' && c.abnormalOnly === undefined ? { ...c, abnormalOnly: typeof c.label === 'string' && c.label.includes('非正常') } : c,
    );
    db.prepare("UPDATE settings SET value = ? WHERE key = 'stats.sanwu'").run(JSON.stringify(marked));
  },
};
