import type { Migration } from '../migration.js';
/**
 * Units a matter may be transferred or assigned to (转送/交办): the township's 站所 and the county's
 * departments, editable reference data with a sample shipped. 村/社区 are the center's villages list
 * (already reference data), offered beside these. A unit is deactivated, not deleted: events name it.
 */
const UNITS: [string, string][] = [
  ['站所', '派出所'], ['站所', '司法所'], ['站所', '自然资源所'], ['站所', '财政所'], ['站所', '农业综合服务中心'],
  ['站所', '林业站'], ['站所', '水利站'], ['站所', '社会事务办'], ['站所', '综合执法队'], ['站所', '卫生院'],
  ['县直部门', '舒城县自然资源和规划局'], ['县直部门', '舒城县人力资源和社会保障局'], ['县直部门', '舒城县住房和城乡建设局'],
  ['县直部门', '舒城县民政局'], ['县直部门', '舒城县农业农村局'], ['县直部门', '舒城县公安局'], ['县直部门', '舒城县市场监督管理局'],
];

export const migration: Migration = {
  version: 13,
  name: 'units',
  up: (db) => {
    db.exec(/* sql */ `
      CREATE TABLE units (
        id     INTEGER PRIMARY KEY,
        kind   TEXT NOT NULL CHECK (kind IN ('站所', '村/社区', '县直部门')),
        name   TEXT NOT NULL UNIQUE,
        active INTEGER NOT NULL DEFAULT 1
      ) STRICT;
    `);
    const insert = db.prepare('INSERT INTO units (kind, name) VALUES (?, ?)');
    for (const [kind, name] of UNITS) insert.run(kind, name);
  },
};
