/** One backup folder as the admin's backup page lists it (core/services/daily-backup.ts). */
export interface BackupEntry {
  name: string;
  dir: string;
  /** daily: DATA/backups/YYYY-MM-DD; manual: one made on request; partial: cut off, never restorable. */
  kind: 'daily' | 'manual' | 'partial';
  /** From its manifest where it says so, else the folder's time. */
  createdAt: string;
  databaseBytes: number | null;
  attachments: number | null;
}

/** How the last restore from the UI ended, as the reopened desk recorded it (services/restore-from-desk.ts). */
export interface RestoreReport {
  at: string;
  /** The admin who asked. */
  by: string;
  from: string;
  ok: boolean;
  /** Why it was refused (an error code) and in the admin's words. */
  code?: string;
  message_zh?: string;
  /** Where the database that was in place now lies (never deleted). */
  keptAside: string | null;
  backupCreatedAt: string | null;
  attachmentsCopied: number;
}
