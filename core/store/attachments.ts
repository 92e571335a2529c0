import fs from 'node:fs';
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { syncFolder } from './private-file.js';

/**
 * Attachment bytes live in the data folder, addressed by their SHA-256, written (and fsynced) before
 * the database transaction that references them: a failed transaction leaves at most an unreferenced
 * file, never a row pointing at nothing.
 */
export function attachmentPath(dataDir: string, sha256: string): string {
  return path.join(dataDir, 'attachments', sha256.slice(0, 2), sha256);
}

/** Returns true when it made the file, false when the same bytes were stored already. */
export function writeAttachmentFile(dataDir: string, sha256: string, bytes: Uint8Array): boolean {
  const file = attachmentPath(dataDir, sha256);
  if (fs.existsSync(file)) return false;
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.tmp`;
  const fd = fs.openSync(tmp, 'w', 0o600);
  try {
    fs.writeSync(fd, bytes);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
  syncFolder(path.dirname(file)); // the rename too must outlive a power cut before the row that names it commits
  return true;
}

export function insertAttachment(
  db: Database,
  a: { matterId: number; visitId: number; fileName: string; mime: string; size: number; sha256: string },
  at: string,
): number {
  const info = db
    .prepare('INSERT INTO attachments (matter_id, visit_id, file_name, mime, size, sha256, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
    .run(a.matterId, a.visitId, a.fileName, a.mime, a.size, a.sha256, at);
  return Number(info.lastInsertRowid);
}

export function attachmentsOf(db: Database, matterId: number): { id: number; fileName: string; mime: string; size: number; sha256: string }[] {
  return db.prepare('SELECT id, file_name AS fileName, mime, size, sha256 FROM attachments WHERE matter_id = ? ORDER BY id').all(matterId) as {
    id: number;
    fileName: string;
    mime: string;
    size: number;
    sha256: string;
  }[];
}

/**
 * Uploads in progress: DATA/staging/<id>.part while the bytes arrive, renamed to DATA/staging/<id>
 * once they are all there and fsynced. Nothing in this folder is an attachment yet: the registration
 * that names a staged file links it into attachments/ in its transaction. Whatever is left here when
 * the core opens is from an earlier run (its sessions are gone) and is deleted.
 */
export const STAGING_DIR = 'staging';
export const PART_SUFFIX = '.part';

export function stagingFile(dataDir: string, id: string): string {
  return path.join(dataDir, STAGING_DIR, id);
}

export function ensureStagingDir(dataDir: string): void {
  fs.mkdirSync(path.join(dataDir, STAGING_DIR), { recursive: true, mode: 0o700 });
}

/** Deletes every staged and partial upload; returns how many. */
export function clearStaging(dataDir: string, keep: (name: string) => boolean = () => false): number {
  const dir = path.join(dataDir, STAGING_DIR);
  if (!fs.existsSync(dir)) return 0;
  let n = 0;
  for (const name of fs.readdirSync(dir)) {
    if (keep(name)) continue;
    fs.rmSync(path.join(dir, name), { force: true, recursive: true });
    n += 1;
  }
  return n;
}

export function removeStaged(dataDir: string, id: string): void {
  fs.rmSync(stagingFile(dataDir, id), { force: true });
  fs.rmSync(stagingFile(dataDir, id) + PART_SUFFIX, { force: true });
}

/** Size and SHA-256 of a complete staged file, read in 1 MiB steps (never the whole file in memory); null if it is not there. */
export function hashStaged(dataDir: string, id: string): { size: number; sha256: string } | null {
  const file = stagingFile(dataDir, id);
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch {
    return null;
  }
  try {
    const hash = createHash('sha256');
    const buf = Buffer.allocUnsafe(1024 * 1024);
    let size = 0;
    for (;;) {
      const n = fs.readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      hash.update(buf.subarray(0, n));
      size += n;
    }
    return { size, sha256: hash.digest('hex') };
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Puts a staged file in place under its SHA-256 (a hard link, a copy across file systems), fsynced.
 * Returns true when it made the file (the caller removes it again if the transaction rolls back),
 * false when the same bytes were already stored.
 */
export function placeStaged(dataDir: string, id: string, sha256: string): boolean {
  const file = attachmentPath(dataDir, sha256);
  if (fs.existsSync(file)) return false;
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const src = stagingFile(dataDir, id);
  try {
    fs.linkSync(src, file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    const tmp = `${file}.${process.pid}.tmp`;
    fs.copyFileSync(src, tmp);
    fs.chmodSync(tmp, 0o600);
    const fd = fs.openSync(tmp, 'r');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, file);
  }
  syncFolder(path.dirname(file)); // the new name (a link or a rename) must be on disk before the row commits
  return true;
}

export function removeAttachmentFile(dataDir: string, sha256: string): void {
  fs.rmSync(attachmentPath(dataDir, sha256), { force: true });
}

export interface AttachmentFileRecord {
  id: number;
  matterId: number;
  fileName: string;
  mime: string;
  size: number;
  sha256: string;
}

export function getAttachment(db: Database, id: number): AttachmentFileRecord | null {
  return (
    (db.prepare('SELECT id, matter_id AS matterId, file_name AS fileName, mime, size, sha256 FROM attachments WHERE id = ?').get(id) as AttachmentFileRecord | undefined) ??
    null
  );
}
