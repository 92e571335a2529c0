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
