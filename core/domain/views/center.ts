/** The center as every screen and document names it. */
export interface TownshipDto {
  code: string;
  name: string;
  kind: 'town' | 'township' | 'zone';
}
export interface SystemInfo {
  version: string;
  schemaVersion: number;
  county: string;
  township: TownshipDto | null;
  /** The center's phone, printed on receipts and notices. */
  centerPhone: string;
  /** How legal periods are counted: calendar days (default) or working days. */
  dayMode: 'calendar' | 'working';
  /** Days of daily backups kept in the data folder. */
  backupKeepDays: number;
  /** Days an instruction is due in when the leader names no date (never past the legal deadline). */
  instructionDueDays: number;
  /** Attachment limits in MB: one file, and all files of one registration. */
  attachmentMaxFileMb: number;
  attachmentMaxTotalMb: number;
  dataDir: string;
  /** When the last restore from the UI ended, and whether it restored: the page that asked for it waits for this to change. */
  lastRestore: { at: string; ok: boolean } | null;
}
