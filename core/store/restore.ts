import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { attachmentPath } from './attachments.js';
import {
  BACKUP_FORMAT,
  BACKUP_FORMAT_VERSION,
  BACKUP_MANIFEST,
  BackupError,
  fsyncDir,
  placeFile,
  referencedAttachments,
  SEALED_SUFFIX,
  sha256File,
  type BackupManifest,
} from './backup.js';
import { DB_FILE } from './data-dir.js';
import { MIGRATIONS, SCHEMA_VERSION } from './migrations/index.js';
import { attachmentKey, sealedSha256, unsealFile } from './sealed-file.js';
import { changeKey, openSqlite, type Database } from './sqlite.js';

/** What a backup holds, once every check has passed. */
export interface BackupInspection {
  /** The backup's database file. */
  dbFile: string;
  dir: string;
  manifest: BackupManifest;
  schemaVersion: number;
  /** Referenced attachments found in the backup (checked against their SHA-256). */
  attachments: string[];
  /** Referenced attachments the backup does not hold but the data folder already has, intact. */
  alreadyPresent: string[];
  /** Attachments the data folder has but damaged, which the backup's copy will replace. */
  damagedPresent: string[];
  /** Referenced attachments that were already missing when the backup was made (from its manifest). */
  missingAtBackup: string[];
}

interface SchemaObject {
  type: string;
  name: string;
  tbl_name: string;
  sql: string | null;
}

function schemaOf(db: Database): SchemaObject[] {
  return db
    .prepare("SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name")
    .all() as SchemaObject[];
}

/** The schema (every table, index, view and trigger, with its SQL) a database of this version has: what its migrations make. */
export function expectedSchema(version: number): SchemaObject[] {
  const mem = openSqlite(':memory:');
  try {
    for (const m of MIGRATIONS) if (m.version <= version) m.up(mem);
    return schemaOf(mem);
  } finally {
    mem.close();
  }
}

/** How the schema differs from what its version must be, in words; empty when it is exactly that. */
export function schemaDifferences(actual: SchemaObject[], expected: SchemaObject[]): string[] {
  const key = (o: SchemaObject) => `${o.type} ${o.name}`;
  const want = new Map(expected.map((o) => [key(o), o]));
  const have = new Map(actual.map((o) => [key(o), o]));
  const out: string[] = [];
  for (const [k, o] of have) {
    const w = want.get(k);
    if (!w) out.push(`unexpected ${k}`);
    else if (w.sql !== o.sql || w.tbl_name !== o.tbl_name) out.push(`changed ${k}`);
  }
  for (const k of want.keys()) if (!have.has(k)) out.push(`missing ${k}`);
  return out;
}

function readManifest(dir: string): BackupManifest {
  const file = path.join(dir, BACKUP_MANIFEST);
  if (!fs.existsSync(file)) {
    throw new BackupError(`${dir} is not a complete Township Intake backup: it has no ${BACKUP_MANIFEST} (a backup that was cut off never gets one)`, 'incomplete');
  }
  let m: BackupManifest;
  try {
    m = JSON.parse(fs.readFileSync(file, 'utf8')) as BackupManifest;
  } catch {
    throw new BackupError(`${file} is not readable JSON; the backup is damaged`);
  }
  if (m?.format !== BACKUP_FORMAT || typeof m.database?.sha256 !== 'string') {
    throw new BackupError(`${file} is not a Township Intake backup manifest`);
  }
  if (m.formatVersion !== BACKUP_FORMAT_VERSION) {
    throw new BackupError(`the backup is in format ${m.formatVersion}; this program restores format ${BACKUP_FORMAT_VERSION} (signed and encrypted) only`, 'format');
  }
  return m;
}

/**
 * Opens a backup's database without writing to it and without trusting its schema: trusted_schema
 * off, so no view or trigger in it can call a function with side effects while it is checked.
 */
function openBackupDb(file: string, key: Buffer): Database {
  let db: Database;
  try {
    db = openSqlite(file, { readonly: true, fileMustExist: true, key });
  } catch (err) {
    throw new BackupError(`${file} cannot be opened with the backup's key (${(err as Error).message})`);
  }
  db.pragma('trusted_schema = OFF');
  return db;
}

/**
 * Checks a backup (whose signature and key the layer above has checked: bundle/backup-seal.ts) before
 * anything in the data folder is touched: the database file matches the SHA-256 its manifest recorded;
 * PRAGMA integrity_check says ok; the schema is exactly the one its version must have — every table,
 * index and trigger, so a backup with a trigger added or an audit trigger dropped is refused; not newer
 * than this program's; foreign keys hold; every referenced attachment is in the backup with the right
 * SHA-256, or already in the data folder and still matching its SHA-256.
 */
export async function inspectBackup(from: string, dataDir: string, opts: { key: Buffer }): Promise<BackupInspection> {
  const dir = path.resolve(from);
  if (!fs.existsSync(dir)) throw new BackupError(`${dir} does not exist`, 'not-found');
  if (!fs.statSync(dir).isDirectory()) throw new BackupError(`${dir} is not a backup folder`, 'not-found');
  const manifest = readManifest(dir);
  const dbFile = path.join(dir, DB_FILE);
  if (!fs.existsSync(dbFile)) throw new BackupError(`the backup has no database file (${dbFile})`, 'incomplete');
  if ((await sha256File(dbFile)) !== manifest.database.sha256) {
    throw new BackupError(`the backup's database file does not match the SHA-256 in its manifest: the file is damaged`);
  }

  const db = openBackupDb(dbFile, opts.key);
  let schemaVersion: number;
  let shas: string[];
  try {
    let problems: string[];
    try {
      problems = (db.pragma('integrity_check(20)') as { integrity_check: string }[]).map((r) => r.integrity_check);
    } catch (err) {
      problems = [(err as Error).message];
    }
    if (problems.length !== 1 || problems[0] !== 'ok') {
      throw new BackupError(`the backup's database fails PRAGMA integrity_check: ${problems.slice(0, 3).join('; ')}`);
    }
    schemaVersion = db.pragma('user_version', { simple: true }) as number;
    if (schemaVersion < 1) throw new BackupError(`${dbFile} is not a Township Intake database (schema version ${schemaVersion})`);
    if (schemaVersion > SCHEMA_VERSION) {
      throw new BackupError(
        `the backup was written by a newer version of Township Intake (schema ${schemaVersion}; this program knows up to ${SCHEMA_VERSION}); install that version to restore it`,
        'too-new',
      );
    }
    if (schemaVersion !== manifest.schemaVersion) throw new BackupError('the backup database\'s schema version is not the one its manifest names');
    const diff = schemaDifferences(schemaOf(db), expectedSchema(schemaVersion));
    if (diff.length > 0) {
      throw new BackupError(`the backup's schema is not exactly that of schema version ${schemaVersion} (${diff.slice(0, 5).join('; ')}): refused`);
    }
    const fk = db.pragma('foreign_key_check') as unknown[];
    if (fk.length > 0) throw new BackupError(`the backup's database has ${fk.length} rows whose references point at nothing (PRAGMA foreign_key_check)`);
    shas = referencedAttachments(db);
  } finally {
    db.close();
  }

  const sealed = manifest.attachments.sealed === true;
  const fileKey = attachmentKey(opts.key);
  const inBackup = async (sha: string): Promise<boolean> => {
    const plain = attachmentPath(dir, sha);
    if (!sealed) {
      if (!fs.existsSync(plain)) return false;
      if ((await sha256File(plain)) !== sha) throw new BackupError(`attachment ${sha} in the backup does not match its SHA-256: the backup is damaged`);
      return true;
    }
    const file = `${plain}${SEALED_SUFFIX}`;
    if (!fs.existsSync(file)) return false;
    let got: string;
    try {
      got = await sealedSha256(file, fileKey);
    } catch {
      throw new BackupError(`attachment ${sha} in the backup fails its authentication tag: the backup is damaged`);
    }
    if (got !== sha) throw new BackupError(`attachment ${sha} in the backup does not match its SHA-256: the backup is damaged`);
    return true;
  };

  const attachments: string[] = [];
  const alreadyPresent: string[] = [];
  const damagedPresent: string[] = [];
  const missingAtBackup: string[] = [];
  const recordedMissing = new Set(manifest.attachments.missing ?? []);
  for (const sha of shas) {
    const here = attachmentPath(dataDir, sha);
    const present = fs.existsSync(here);
    const intact = present && (await sha256File(here)) === sha;
    if (await inBackup(sha)) {
      attachments.push(sha);
      if (present && !intact) damagedPresent.push(sha);
    } else if (intact) {
      alreadyPresent.push(sha);
    } else if (recordedMissing.has(sha)) {
      missingAtBackup.push(sha);
    } else if (present) {
      throw new BackupError(`attachment ${sha} in the data folder is damaged and the backup does not hold it`);
    } else {
      throw new BackupError(`attachment ${sha} is referenced by the backup's database but missing from the backup`, 'incomplete');
    }
  }
  return { dbFile, dir, manifest, schemaVersion, attachments, alreadyPresent, damagedPresent, missingAtBackup };
}

/**
 * Whether a running program holds the database open: an exclusive lock is refused while any other
 * connection exists. Returns the connection holding that lock (the caller closes it), or null when
 * the file cannot be opened as a database at all (a damaged database is exactly what one restores).
 */
function lockCurrent(file: string, key: Buffer | null): Database | null {
  let db: Database;
  try {
    db = openSqlite(file, { fileMustExist: true, timeout: 0, key });
  } catch {
    return null;
  }
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE');
    db.exec('COMMIT'); // the exclusive lock stays with the connection in this locking mode
    return db;
  } catch (err) {
    db.close();
    const code = (err as { code?: string }).code ?? '';
    if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
      throw new BackupError(`${file} is in use: close Township Intake (and any intake command using this data folder) before restoring`, 'in-use');
    }
    return null;
  }
}

/** YYYYMMDD-HHMMSS in Beijing time, for the name of the database kept aside. */
export function beijingStamp(at: Date): string {
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 19).replaceAll('-', '').replace('T', '-').replaceAll(':', '');
}

export interface RestoreResult {
  inspection: BackupInspection;
  /** Where the database that was in place now lies, or null if there was none. */
  keptAside: string | null;
  attachmentsCopied: number;
  ms: number;
}

async function placeAttachment(inspection: BackupInspection, sha: string, target: string, fileKey: Buffer): Promise<void> {
  const tmp = `${target}.${process.pid}.restoring`;
  await fsp.rm(tmp, { force: true });
  await fsp.mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
  if (inspection.manifest.attachments.sealed) await unsealFile(`${attachmentPath(inspection.dir, sha)}${SEALED_SUFFIX}`, tmp, fileKey);
  else await placeFile(attachmentPath(inspection.dir, sha), tmp, false);
  const fh = await fsp.open(tmp, 'r+');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
  await fsp.rename(tmp, target);
}

/**
 * Restores a checked backup into the data folder: places its attachments (files first, as the desk
 * itself does; a damaged one already there is replaced), makes the new database beside the old one —
 * the backup's file re-encrypted under the data folder's own key — renames the current database aside
 * as intake.db.before-restore-STAMP (never deleted) and moves the new one into place. Refuses,
 * touching nothing, when the backup fails a check or the database is in use.
 */
export async function restoreBackup(
  dataDir: string,
  from: string,
  opts: { now: Date; backupKey: Buffer; targetKey: Buffer; currentKey: Buffer | null },
): Promise<RestoreResult> {
  const started = performance.now();
  const dir = path.resolve(dataDir);
  const current = path.join(dir, DB_FILE);
  const inspection = await inspectBackup(from, dir, { key: opts.backupKey });
  if (path.resolve(inspection.dbFile) === current) throw new BackupError('cannot restore the data folder\'s own database onto itself');
  if (fs.existsSync(current)) lockCurrent(current, opts.currentKey)?.close(); // refuse early when the app is running

  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const fileKey = attachmentKey(opts.backupKey);
  let copied = 0;
  const damaged = new Set(inspection.damagedPresent);
  for (const sha of inspection.attachments) {
    const target = attachmentPath(dir, sha);
    if (fs.existsSync(target) && !damaged.has(sha)) continue;
    await placeAttachment(inspection, sha, target, fileKey);
    copied += 1;
  }

  const staging = `${current}.restoring`;
  for (const f of [staging, `${staging}-journal`, `${staging}-wal`, `${staging}-shm`]) fs.rmSync(f, { force: true });
  fs.copyFileSync(inspection.dbFile, staging);
  fs.chmodSync(staging, 0o600);
  try {
    const copy = openSqlite(staging, { fileMustExist: true, key: opts.backupKey });
    try {
      copy.pragma('journal_mode = DELETE');
      changeKey(copy, opts.targetKey);
    } finally {
      copy.close();
    }
    const check = openSqlite(staging, { fileMustExist: true, key: opts.targetKey });
    try {
      if ((check.pragma('user_version', { simple: true }) as number) !== inspection.schemaVersion) {
        throw new BackupError('the restored copy does not match the backup; nothing was changed');
      }
    } finally {
      check.close();
    }
    const fd = fs.openSync(staging, 'r+');
    fs.fsyncSync(fd);
    fs.closeSync(fd);
  } catch (err) {
    fs.rmSync(staging, { force: true });
    throw err;
  }

  let keptAside: string | null = null;
  try {
    if (fs.existsSync(current) && fs.statSync(current).size > 0) {
      const lock = lockCurrent(current, opts.currentKey); // again: the app may have started meanwhile
      if (lock) {
        try {
          lock.pragma('wal_checkpoint(TRUNCATE)'); // fold the WAL in, so the file kept aside is whole
        } catch {
          // a damaged database may refuse; its -wal and -shm are kept aside with it below
        }
        lock.close();
      }
      keptAside = `${current}.before-restore-${beijingStamp(opts.now)}`;
      for (let n = 2; fs.existsSync(keptAside); n++) keptAside = `${current}.before-restore-${beijingStamp(opts.now)}-${n}`;
      fs.renameSync(current, keptAside);
      for (const ext of ['-wal', '-shm']) if (fs.existsSync(current + ext)) fs.renameSync(current + ext, keptAside + ext);
    }
  } catch (err) {
    fs.rmSync(staging, { force: true });
    throw err;
  }
  fs.renameSync(staging, current);
  fsyncDir(dir);
  return { inspection, keptAside, attachmentsCopied: copied, ms: performance.now() - started };
}
