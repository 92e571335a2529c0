import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { attachmentPath } from './attachments.js';
import {
  BACKUP_FORMAT,
  BACKUP_MANIFEST,
  BackupError,
  fsyncDir,
  placeFile,
  referencedAttachments,
  sha256File,
  type BackupManifest,
} from './backup.js';
import { DB_FILE } from './data-dir.js';
import { MIGRATIONS, SCHEMA_VERSION } from './migrations/index.js';

/** What a backup holds, once every check has passed. */
export interface BackupInspection {
  /** The backup's database file. */
  dbFile: string;
  /** The backup folder, or null when a bare database file was given. */
  dir: string | null;
  manifest: BackupManifest | null;
  schemaVersion: number;
  /** Referenced attachments found in the backup (checked against their SHA-256). */
  attachments: string[];
  /** Referenced attachments the backup does not hold but the data folder already has. */
  alreadyPresent: string[];
  /** Referenced attachments that were already missing when the backup was made (from its manifest). */
  missingAtBackup: string[];
}

/** The tables a database of schema version `version` must have: those its migrations create. */
export function expectedTables(version: number): string[] {
  const mem = new BetterSqlite3(':memory:');
  try {
    for (const m of MIGRATIONS) if (m.version <= version) m.up(mem);
    return tableNames(mem);
  } finally {
    mem.close();
  }
}

function tableNames(db: Database): string[] {
  return (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[]).map(
    (r) => r.name,
  );
}

function readManifest(dir: string): BackupManifest {
  const file = path.join(dir, BACKUP_MANIFEST);
  if (!fs.existsSync(file)) {
    throw new BackupError(`${dir} is not a complete Township Intake backup: it has no ${BACKUP_MANIFEST} (a backup that was cut off never gets one)`);
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
  return m;
}

/** Opens a backup's database without writing to it (and without creating -wal/-shm files beside it). */
function openReadOnly(file: string): Database {
  try {
    const db = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
    db.pragma('schema_version'); // reads page 1: fails here if the file is not a database
    return db;
  } catch (err) {
    throw new BackupError(`${file} is not a readable SQLite database (${(err as Error).message})`);
  }
}

/**
 * Checks a backup before anything in the data folder is touched: the database file matches the
 * SHA-256 its manifest recorded; PRAGMA integrity_check says ok; foreign keys hold; the schema is
 * Township Intake's and not newer than this program's; every table that schema has is there; and
 * every referenced attachment is in the backup with the right SHA-256 (or already in the data folder).
 */
export async function inspectBackup(from: string, dataDir: string): Promise<BackupInspection> {
  const src = path.resolve(from);
  if (!fs.existsSync(src)) throw new BackupError(`${src} does not exist`);
  const isDir = fs.statSync(src).isDirectory();
  const dir = isDir ? src : null;
  const manifest = isDir ? readManifest(src) : null;
  const dbFile = isDir ? path.join(src, manifest!.database.file || DB_FILE) : src;
  if (!fs.existsSync(dbFile)) throw new BackupError(`the backup has no database file (${dbFile})`);

  if (manifest) {
    const sha = await sha256File(dbFile);
    if (sha !== manifest.database.sha256) {
      throw new BackupError(`the backup's database file does not match the SHA-256 in its manifest: the file is damaged`);
    }
  }

  const db = openReadOnly(dbFile);
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
      );
    }
    const have = new Set(tableNames(db));
    const missingTables = expectedTables(schemaVersion).filter((t) => !have.has(t));
    if (missingTables.length > 0) {
      throw new BackupError(`the backup's database lacks tables its schema version ${schemaVersion} must have: ${missingTables.join(', ')}`);
    }
    const fk = db.pragma('foreign_key_check') as unknown[];
    if (fk.length > 0) throw new BackupError(`the backup's database has ${fk.length} rows whose references point at nothing (PRAGMA foreign_key_check)`);
    shas = referencedAttachments(db);
  } finally {
    db.close();
  }

  const attachments: string[] = [];
  const alreadyPresent: string[] = [];
  const missingAtBackup: string[] = [];
  const recordedMissing = new Set(manifest?.attachments?.missing ?? []);
  for (const sha of shas) {
    const inBackup = dir ? attachmentPath(dir, sha) : null;
    if (inBackup && fs.existsSync(inBackup)) {
      if ((await sha256File(inBackup)) !== sha) throw new BackupError(`attachment ${sha} in the backup does not match its SHA-256: the backup is damaged`);
      attachments.push(sha);
    } else if (fs.existsSync(attachmentPath(dataDir, sha))) {
      alreadyPresent.push(sha);
    } else if (recordedMissing.has(sha)) {
      missingAtBackup.push(sha);
    } else if (dir) {
      throw new BackupError(`attachment ${sha} is referenced by the backup's database but missing from the backup`);
    } else {
      missingAtBackup.push(sha); // a bare database file carries no attachments
    }
  }
  return { dbFile, dir, manifest, schemaVersion, attachments, alreadyPresent, missingAtBackup };
}

/**
 * Whether a running program holds the database open: an exclusive lock is refused while any other
 * connection exists. Returns the connection holding that lock (the caller closes it), or null when
 * the file cannot be opened as a database at all (a damaged database is exactly what one restores).
 */
function lockCurrent(file: string): Database | null {
  let db: Database;
  try {
    db = new BetterSqlite3(file, { fileMustExist: true, timeout: 0 });
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
      throw new BackupError(`${file} is in use: close Township Intake (and any intake command using this data folder) before restoring`);
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

/**
 * Restores a checked backup into the data folder: copies its attachments in (files first, as the
 * desk itself does), makes the new database beside the old one through the online backup API,
 * renames the current database aside as intake.db.before-restore-STAMP (never deleted) and moves
 * the new one into place. Refuses, touching nothing, when the backup fails a check or the
 * database is in use.
 */
export async function restoreBackup(dataDir: string, from: string, opts: { now: Date }): Promise<RestoreResult> {
  const started = performance.now();
  const dir = path.resolve(dataDir);
  const current = path.join(dir, DB_FILE);
  const inspection = await inspectBackup(from, dir);
  if (path.resolve(inspection.dbFile) === current) throw new BackupError('cannot restore the data folder\'s own database onto itself');
  if (fs.existsSync(current)) lockCurrent(current)?.close(); // refuse early when the app is running

  fs.mkdirSync(dir, { recursive: true });
  let copied = 0;
  for (const sha of inspection.attachments) {
    const target = attachmentPath(dir, sha);
    if (fs.existsSync(target)) continue;
    await placeFile(attachmentPath(inspection.dir!, sha), target, false);
    copied += 1;
  }

  const staging = `${current}.restoring`;
  for (const f of [staging, `${staging}-journal`, `${staging}-wal`, `${staging}-shm`]) fs.rmSync(f, { force: true });
  const src = openReadOnly(inspection.dbFile);
  try {
    await src.backup(staging, { progress: () => 0x7fffffff });
  } finally {
    src.close();
  }
  const check = new BetterSqlite3(staging, { fileMustExist: true });
  try {
    check.pragma('journal_mode = DELETE');
    if ((check.pragma('user_version', { simple: true }) as number) !== inspection.schemaVersion) {
      throw new BackupError('the restored copy does not match the backup; nothing was changed');
    }
  } catch (err) {
    check.close();
    fs.rmSync(staging, { force: true });
    throw err;
  }
  check.close();

  let keptAside: string | null = null;
  try {
    if (fs.existsSync(current)) {
      const lock = lockCurrent(current); // again: the app may have started meanwhile
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
