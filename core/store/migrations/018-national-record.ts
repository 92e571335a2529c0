import type { Migration } from '../migration.js';
/**
 * The national petition record's fields a person must state at registration (issue 16, item 5):
 * 匿名, 联名 with the number of signers (0 = not 联名), 被反映人/单位, 重大紧急, 涉法涉诉, and the earlier
 * matter a new one repeats (重复信访). 初次信访 and 积案 are computed (core/domain/figures.ts), never stored
 * here. A matter registered before this migration reads as none of them: not anonymous, no signers,
 * nobody named, not urgent, not litigation-related, no earlier matter.
 */
const sql = /* sql */ `
ALTER TABLE matters ADD COLUMN anonymous INTEGER NOT NULL DEFAULT 0 CHECK (anonymous IN (0, 1));
ALTER TABLE matters ADD COLUMN joint_count INTEGER NOT NULL DEFAULT 0 CHECK (joint_count = 0 OR joint_count >= 2);
ALTER TABLE matters ADD COLUMN reported_party TEXT NOT NULL DEFAULT '';
ALTER TABLE matters ADD COLUMN urgent INTEGER NOT NULL DEFAULT 0 CHECK (urgent IN (0, 1));
ALTER TABLE matters ADD COLUMN litigation INTEGER NOT NULL DEFAULT 0 CHECK (litigation IN (0, 1));
ALTER TABLE matters ADD COLUMN repeat_of INTEGER REFERENCES matters (id);
`;

export const migration: Migration = { version: 18, name: 'national-record', up: (db) => db.exec(sql) };
