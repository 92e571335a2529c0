/**
 * Turns a plain database (a desk from before encryption) into an encrypted one, in a way a crash
 * cannot leave half done: the plain file is folded into one file, copied beside itself, the copy
 * encrypted and checked table by table against the original, flushed, and renamed over it. Until
 * the rename the plain database is untouched (a leftover copy is discarded at the next start);
 * after it the encrypted one is in place. Blocks the plain file once held stay on the disk until
 * overwritten: docs/security.md says so.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createPrivateFile } from './data-dir.js';
import { syncFolder } from './private-file.js';
import { changeKey, openSqlite, type Database } from './sqlite.js';

export const ENCRYPTING_SUFFIX = '.encrypting';

function tableCounts(db: Database): Map<string, number> {
  const names = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[]).map(
    (r) => r.name,
  );
  return new Map(names.map((n) => [n, (db.prepare(`SELECT count(*) AS n FROM "${n.replaceAll('"', '""')}"`).get() as { n: number }).n]));
}

function flush(file: string): void {
  const fd = fs.openSync(file, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Removes what an encryption cut off by a crash left beside the database. */
export function discardUnfinishedEncryption(dbFile: string): void {
  for (const ext of ['', '-journal', '-wal', '-shm']) fs.rmSync(`${dbFile}${ENCRYPTING_SUFFIX}${ext}`, { force: true });
}

export function encryptInPlace(dbFile: string, key: Buffer): { tables: number; rows: number } {
  discardUnfinishedEncryption(dbFile);
  const plain = openSqlite(dbFile, { fileMustExist: true });
  let before: Map<string, number>;
  try {
    plain.pragma('wal_checkpoint(TRUNCATE)');
    plain.pragma('journal_mode = DELETE'); // one self-contained file to copy; -wal is folded in and removed
    before = tableCounts(plain);
  } finally {
    plain.close();
  }

  const staging = `${dbFile}${ENCRYPTING_SUFFIX}`;
  createPrivateFile(staging);
  fs.copyFileSync(dbFile, staging);
  const copy = openSqlite(staging, { fileMustExist: true });
  try {
    changeKey(copy, key); // a plain database takes its first key through rekey
  } finally {
    copy.close();
  }

  const check = openSqlite(staging, { fileMustExist: true, key });
  try {
    const problems = (check.pragma('integrity_check(5)') as { integrity_check: string }[]).map((r) => r.integrity_check);
    if (problems.join() !== 'ok') throw new Error(`the encrypted copy fails integrity_check: ${problems.join('; ')}`);
    const after = tableCounts(check);
    for (const [table, n] of before) {
      if (after.get(table) !== n) throw new Error(`the encrypted copy of ${table} has ${after.get(table)} rows, not ${n}`);
    }
  } catch (err) {
    check.close();
    discardUnfinishedEncryption(dbFile);
    throw err;
  }
  check.close();
  flush(staging);
  fs.renameSync(staging, dbFile);
  for (const ext of ['-wal', '-shm', '-journal']) fs.rmSync(`${dbFile}${ext}`, { force: true });
  syncFolder(path.dirname(dbFile));
  return { tables: before.size, rows: [...before.values()].reduce((a, b) => a + b, 0) };
}
