import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { attachmentPath } from './attachments.js';
import { DB_FILE } from './data-dir.js';
import { encryptedCopy } from './encrypted-copy.js';
import { attachmentKey, sealFile } from './sealed-file.js';
import { openSqlite, type Database } from './sqlite.js';
import { backupKeepDays, writeSetting } from './settings.js';

/**
 * A backup is a folder, never a copy of the live file:
 *
 *   BACKUP/intake.db          the database, copied in a thread of its own (VACUUM INTO from a read-only
 *                             connection: a consistent snapshot while the desk keeps writing) and
 *                             encrypted under the backup's own random key (SQLCipher 4 pages)
 *   BACKUP/backup-key.age     that key, age-encrypted to the desk's backup identity (kept in its key
 *                             store) and to the center's paper recovery key
 *   BACKUP/attachments/xx/…   every attachment file the snapshot references, under its SHA-256: hard
 *                             links for the daily backups inside DATA/backups (the same disk and
 *                             protection as DATA/attachments), AES-256-GCM-sealed copies (`.sealed`)
 *                             for a backup anywhere else — a USB stick
 *   BACKUP/manifest.json      what the backup holds: format, program and schema version, the
 *                             database's size and SHA-256, the attachments' count, size and form
 *   BACKUP/manifest.sig.json  the center's signature over manifest.json's exact bytes
 *
 * The folder is built as BACKUP.partial and renamed when complete, so a backup that was cut off
 * (power, crash, full disk) never looks like a finished one.
 */
export const BACKUP_FORMAT = 'township-intake-backup';
export const BACKUP_FORMAT_VERSION = 2;
export const BACKUP_MANIFEST = 'manifest.json';
export const BACKUP_SIGNATURE = 'manifest.sig.json';
export const BACKUP_KEY_FILE = 'backup-key.age';
export const SEALED_SUFFIX = '.sealed';
export const PARTIAL_SUFFIX = '.partial';

export interface BackupManifest {
  format: typeof BACKUP_FORMAT;
  formatVersion: number;
  createdAt: string;
  appVersion: string;
  schemaVersion: number;
  database: { file: string; bytes: number; sha256: string; cipher?: 'sqlcipher4' };
  attachments: { count: number; bytes: number; missing: string[]; sealed?: boolean };
  /** Format 2: the file holding the database key, age-encrypted. */
  key?: { file: string; recipients: number };
}

/** The center's signature over the manifest's bytes (made and checked above the store: bundle/backup-seal.ts). */
export interface BackupSignature {
  suite: string;
  keyId: string;
  publicKey: string;
  signature: string;
}

/** What the layer above gives a backup: its key, that key wrapped for whoever may open it, and a signer. */
export interface BackupSealing {
  backupKey: Buffer;
  wrappedKey: Buffer;
  recipients: number;
  sign(manifest: Buffer): BackupSignature;
}

export interface BackupResult {
  dir: string;
  manifest: BackupManifest;
  ms: number;
}

/** A backup or restore that cannot go ahead; its message is plain English for the CLI and the log. */
/**
 * Why a backup was refused, for a message in the admin's words (the English text is the CLI's): the
 * backup was changed or damaged, is not complete, was made by another center, cannot be opened with
 * the keys given, is in a format or schema this program does not restore, or the data folder is in use.
 */
export type BackupRefusal = 'damaged' | 'incomplete' | 'foreign' | 'no-key' | 'format' | 'too-new' | 'in-use' | 'not-found';

export class BackupError extends Error {
  constructor(
    message: string,
    readonly refusal: BackupRefusal = 'damaged',
  ) {
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
export function openForBackup(dataDir: string, key: Buffer | null): Database {
  const file = path.join(dataDir, DB_FILE);
  if (!fs.existsSync(file)) throw new BackupError(`there is no database at ${file}`);
  return openSqlite(file, { readonly: true, fileMustExist: true, key });
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
async function writeFileDurableAsync(file: string, text: string | Buffer): Promise<void> {
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

export { syncFolder as fsyncDir } from './private-file.js';

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

export interface BackupOptions {
  now: Date;
  appVersion: string;
  /** Hard-link attachments instead of sealing copies (daily backups on the same disk, inside DATA). */
  linkAttachments?: boolean;
  sealing: BackupSealing;
}

/**
 * Backs the database (and the attachments it references) up into the new folder `outDir`.
 * `dbFile`/`dbKey` name the live database; the copy is made from a connection of its own.
 */
export async function backupDatabase(dbFile: string, dbKey: Buffer | null, dataDir: string, outDir: string, opts: BackupOptions): Promise<BackupResult> {
  const started = performance.now();
  const out = path.resolve(outDir);
  if (fs.existsSync(out)) throw new BackupError(`${out} already exists; give the backup a new name`);
  const parent = path.dirname(out);
  fs.mkdirSync(parent, { recursive: true, mode: 0o700 });
  const partial = `${out}${PARTIAL_SUFFIX}`;
  await fsp.rm(partial, { recursive: true, force: true }); // left by a backup that was cut off
  await fsp.mkdir(partial, { mode: 0o700 });
  try {
    const copyFile = path.join(partial, DB_FILE);
    const { backupKey } = opts.sealing;
    await encryptedCopy({ source: dbFile, target: copyFile, sourceKey: dbKey?.toString('hex') ?? null, targetKey: backupKey.toString('hex') });
    await fsp.chmod(copyFile, 0o600);

    const copy = openSqlite(copyFile, { readonly: true, fileMustExist: true, key: backupKey });
    let schemaVersion: number;
    let shas: string[];
    try {
      schemaVersion = copy.pragma('user_version', { simple: true }) as number;
      shas = referencedAttachments(copy);
    } finally {
      copy.close();
    }

    const link = opts.linkAttachments ?? false;
    const fileKey = attachmentKey(backupKey);
    let bytes = 0;
    const missing: string[] = [];
    for (const sha of shas) {
      const src = attachmentPath(dataDir, sha);
      try {
        if (link) await placeFile(src, attachmentPath(partial, sha), true);
        else {
          const dst = `${attachmentPath(partial, sha)}${SEALED_SUFFIX}`;
          await fsp.mkdir(path.dirname(dst), { recursive: true, mode: 0o700 });
          await sealFile(src, dst, fileKey);
        }
        bytes += (await fsp.stat(src)).size;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
        missing.push(sha);
      }
    }

    await writeFileDurableAsync(path.join(partial, BACKUP_KEY_FILE), opts.sealing.wrappedKey);
    const manifest: BackupManifest = {
      format: BACKUP_FORMAT,
      formatVersion: BACKUP_FORMAT_VERSION,
      createdAt: opts.now.toISOString(),
      appVersion: opts.appVersion,
      schemaVersion,
      database: { file: DB_FILE, bytes: (await fsp.stat(copyFile)).size, sha256: await sha256File(copyFile), cipher: 'sqlcipher4' },
      attachments: { count: shas.length - missing.length, bytes, missing, sealed: !link },
      key: { file: BACKUP_KEY_FILE, recipients: opts.sealing.recipients },
    };
    const manifestBytes = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`);
    await writeFileDurableAsync(path.join(partial, BACKUP_MANIFEST), manifestBytes);
    await writeFileDurableAsync(path.join(partial, BACKUP_SIGNATURE), `${JSON.stringify(opts.sealing.sign(manifestBytes), null, 2)}\n`);
    await fsyncDirAsync(partial);
    await fsp.rename(partial, out);
    await fsyncDirAsync(parent);
    return { dir: out, manifest, ms: performance.now() - started };
  } catch (err) {
    await fsp.rm(partial, { recursive: true, force: true });
    throw err;
  }
}
