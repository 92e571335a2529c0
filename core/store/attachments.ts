import fs from 'node:fs';
import path from 'node:path';
import type { Database } from 'better-sqlite3-multiple-ciphers';

/**
 * Attachment bytes live in the data folder, addressed by their SHA-256, written (and fsynced) before
 * the database transaction that references them: a failed transaction leaves at most an unreferenced
 * file, never a row pointing at nothing.
 */
export function attachmentPath(dataDir: string, sha256: string): string {
  return path.join(dataDir, 'attachments', sha256.slice(0, 2), sha256);
}

export function writeAttachmentFile(dataDir: string, sha256: string, bytes: Uint8Array): void {
  const file = attachmentPath(dataDir, sha256);
  if (fs.existsSync(file)) return;
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

export function attachmentsOf(db: Database, matterId: number): { id: number; fileName: string; size: number; sha256: string }[] {
  return db.prepare('SELECT id, file_name AS fileName, size, sha256 FROM attachments WHERE matter_id = ? ORDER BY id').all(matterId) as {
    id: number;
    fileName: string;
    size: number;
    sha256: string;
  }[];
}
