import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { createHash } from 'node:crypto';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { attachmentPath } from './attachments.js';
import { createPrivateFile, DB_FILE } from './data-dir.js';
import { backupKeepDays, writeSetting } from './settings.js';

/**
 * A backup is a folder, never a copy of the live file:
 *
 *   BACKUP/intake.db          the database, taken with SQLite's online backup API (a consistent
 *                             snapshot while the desk keeps writing), then switched to rollback
 *                             journal mode so it is one self-contained file
 *   BACKUP/attachments/xx/…   every attachment file that snapshot references, under its SHA-256,
 *                             in the same layout as DATA/attachments
 *   BACKUP/manifest.json      what the backup holds: format, program and schema version, the
 *                             database's size and SHA-256, the attachments' count and size, and any
 *                             attachment that was already missing from the data folder
 *
 * The folder is built as BACKUP.partial and renamed when complete, so a backup that was cut off
 * (power, crash, full disk) never looks like a finished one.
 */
export const BACKUP_FORMAT = 'township-intake-backup';
export const BACKUP_FORMAT_VERSION = 1;
export const BACKUP_MANIFEST = 'manifest.json';
export const PARTIAL_SUFFIX = '.partial';

export interface BackupManifest {
  format: typeof BACKUP_FORMAT;
  formatVersion: number;
  createdAt: string;
  appVersion: string;
  schemaVersion: number;
  database: { file: string; bytes: number; sha256: string };
  attachments: { count: number; bytes: number; missing: string[] };
}

export interface BackupResult {
  dir: string;
  manifest: BackupManifest;
  pages: number;
  ms: number;
}

/** A backup or restore that cannot go ahead; its message is plain English for the CLI and the log. */
export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupError';
  }
}

/** How many days of daily backups the app keeps (setting backupKeepDays). */
export const getKeepDays = backupKeepDays;

export function setKeepDays(db: Database, days: number): void {
  if (!Number.isInteger(days) || days < 1 || days > 3650) throw new BackupError('keep days must be a whole number from 1 to 3650');
  writeSetting(db, 'backupKeepDays', days);
}

/**
 * Opens the data folder's database to back it up: no migration, no reference data, nothing
 * written — a backup must not change what it copies, even from a newer or older program.
 */
export function openForBackup(dataDir: string): Database {
  const file = path.join(dataDir, DB_FILE);
  if (!fs.existsSync(file)) throw new BackupError(`there is no database at ${file}`);
  const db = new BetterSqlite3(file, { fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  return db;
}

export async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** The SHA-256 names of the attachments a database references (none before the table exists). */
export function referencedAttachments(db: Database): string[] {
  const has = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'attachments'").get();
  if (!has) return [];
  return (db.prepare('SELECT DISTINCT sha256 FROM attachments ORDER BY sha256').all() as { sha256: string }[]).map((r) => r.sha256);
}

/** Writes a file and flushes it to the disk, without holding up the event loop. */
async function writeFileDurableAsync(file: string, text: string): Promise<void> {
  const fh = await fsp.open(file, 'w', 0o600);
  try {
    await fh.writeFile(text);
    await fh.sync();
  } finally {
    await fh.close();
  }
}

async function fsyncDirAsync(dir: string): Promise<void> {
  try {
    const fh = await fsp.open(dir, 'r');
    try {
      await fh.sync();
    } finally {
      await fh.close();
    }
  } catch {
    // Windows cannot fsync a directory; NTFS journals the rename itself.
  }
}

/** Flushes a folder's entries (a rename) to the disk; a no-op where folders cannot be opened (Windows). */
export function fsyncDir(dir: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch {
    // Windows cannot fsync a directory; NTFS journals the rename itself.
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/**
 * Places an immutable, content-addressed file: a hard link when allowed and possible (same disk,
 * costs nothing), else a copy written beside the target and renamed into place.
 */
export async function placeFile(src: string, dst: string, link: boolean): Promise<void> {
  await fsp.mkdir(path.dirname(dst), { recursive: true, mode: 0o700 });
  if (link) {
    try {
      await fsp.link(src, dst);
      return;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EEXIST') return;
      // EXDEV (another disk), EPERM/ENOTSUP (FAT, network shares): fall back to a copy.
    }
  }
  const tmp = `${dst}.${process.pid}.tmp`;
  await fsp.copyFile(src, tmp);
  await fsp.chmod(tmp, 0o600);
  const fh = await fsp.open(tmp, 'r+');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
  await fsp.rename(tmp, dst);
}

/**
 * SQLite fsyncs the copy when the backup's last step commits, on the event loop. Left alone, the
 * kernel may still hold the whole copy in its page cache then: backing up the 2.7 GB bench
 * database stalled the event loop for up to 0.97 s at that moment. So while the copy is made in
 * steps, its file is flushed every FLUSH_PAGES pages from libuv's thread pool, and the final fsync
 * has little left (longest stall 0.11 s, on a loaded 2-core machine).
 */
const FLUSH_PAGES = 2048; // 8 MiB at SQLite's default 4 KiB page
class BackgroundFlush {
  private handle: fsp.FileHandle | null = null;
  private running: Promise<void> | null = null;
  private pending = 0;
  constructor(private readonly file: string) {}

  copied(pages: number): void {
    this.pending += pages;
    if (this.pending < FLUSH_PAGES || this.running) return;
    this.pending = 0;
    this.running = (async () => {
      this.handle ??= await fsp.open(this.file, 'r+');
      await this.handle.datasync();
    })()
      .catch(() => undefined) // only an optimisation: SQLite's own fsync still makes the copy durable
      .finally(() => {
        this.running = null;
      });
  }

  /** After the backup: its connection to the copy is closed, so closing this descriptor drops no lock. */
  async close(): Promise<void> {
    await this.running;
    await this.handle?.close();
    this.handle = null;
  }
}

export interface BackupOptions {
  now: Date;
  appVersion: string;
  /**
   * Pages copied per step; the event loop runs between steps, so the desk stays responsive.
   * Writes through the same connection are carried into the backup as it runs; a write from
   * another connection restarts it, so after a restart the rest is copied in one step.
   */
  pagesPerStep?: number;
  /** Hard-link attachments instead of copying them (daily backups on the same disk). */
  linkAttachments?: boolean;
}

/**
 * Backs the database (and the attachments it references) up into the new folder `outDir`,
 * through SQLite's online backup API. Safe while the desk writes; never copies the live file.
 */
export async function backupDatabase(db: Database, dataDir: string, outDir: string, opts: BackupOptions): Promise<BackupResult> {
  const started = performance.now();
  const out = path.resolve(outDir);
  if (fs.existsSync(out)) throw new BackupError(`${out} already exists; give the backup a new name`);
  const parent = path.dirname(out);
  fs.mkdirSync(parent, { recursive: true, mode: 0o700 });
  const partial = `${out}${PARTIAL_SUFFIX}`;
  await fsp.rm(partial, { recursive: true, force: true }); // left by a backup that was cut off
  await fsp.mkdir(partial, { mode: 0o700 });
  try {
    const dbFile = path.join(partial, DB_FILE);
    createPrivateFile(dbFile); // 0600 before SQLite writes into it (its journal takes the same mode)
    const step = opts.pagesPerStep ?? 0x7fffffff;
    let lastRemaining = Infinity;
    let restarted = false;
    const flusher = new BackgroundFlush(dbFile);
    let progress: { totalPages: number };
    try {
      progress = await db.backup(dbFile, {
        progress: ({ remainingPages }) => {
          if (remainingPages > lastRemaining) restarted = true; // another connection wrote
          if (lastRemaining !== Infinity && remainingPages < lastRemaining) flusher.copied(lastRemaining - remainingPages);
          lastRemaining = remainingPages;
          return restarted ? 0x7fffffff : step;
        },
      });
    } finally {
      await flusher.close();
    }

    // The copy carries the source's WAL flag; make it one self-contained file, and read what it holds.
    const copy = new BetterSqlite3(dbFile, { fileMustExist: true });
    let schemaVersion: number;
    let shas: string[];
    try {
      copy.pragma('journal_mode = DELETE');
      schemaVersion = copy.pragma('user_version', { simple: true }) as number;
      shas = referencedAttachments(copy);
    } finally {
      copy.close();
    }

    let bytes = 0;
    const missing: string[] = [];
    for (const sha of shas) {
      const src = attachmentPath(dataDir, sha);
      try {
        await placeFile(src, attachmentPath(partial, sha), opts.linkAttachments ?? false);
        bytes += (await fsp.stat(src)).size;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
        missing.push(sha);
      }
    }

    const manifest: BackupManifest = {
      format: BACKUP_FORMAT,
      formatVersion: BACKUP_FORMAT_VERSION,
      createdAt: opts.now.toISOString(),
      appVersion: opts.appVersion,
      schemaVersion,
      database: { file: DB_FILE, bytes: (await fsp.stat(dbFile)).size, sha256: await sha256File(dbFile) },
      attachments: { count: shas.length - missing.length, bytes, missing },
    };
    await writeFileDurableAsync(path.join(partial, BACKUP_MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
    await fsyncDirAsync(partial);
    await fsp.rename(partial, out);
    await fsyncDirAsync(parent);
    return { dir: out, manifest, pages: progress.totalPages, ms: performance.now() - started };
  } catch (err) {
    await fsp.rm(partial, { recursive: true, force: true });
    throw err;
  }
}
