import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import type { CoreContext } from '../kernel/context.js';
import type { BackupEntry } from '../domain/views/backups.js';
import { addDays, localDate } from '../domain/local-time.js';
import { BACKUP_MANIFEST, getKeepDays, PARTIAL_SUFFIX } from '../store/backup.js';
import { makeBackup } from './make-backup.js';

/** Daily backups live in DATA/backups/YYYY-MM-DD (the Beijing day they were made). */
export const BACKUPS_DIR = 'backups';
const DAY_DIR = /^\d{4}-\d{2}-\d{2}$/;

export type DailyOutcome =
  | { kind: 'made'; dir: string; ms: number; bytes: number; attachments: number; pruned: string[] }
  | { kind: 'exists'; dir: string; pruned: string[] }
  | { kind: 'busy' }
  | { kind: 'failed'; error: string };

export interface BackupSchedulerOptions {
  /** Days of backups to keep; default the setting backup.keepDays, else 30. */
  keepDays?: number;
  /** First look this long after start, so the backup never competes with the desk opening. */
  firstCheckMs?: number;
  /** Then look again this often; a day's backup is made at the first look that day. */
  everyMs?: number;
}

export interface BackupScheduler {
  /** Makes today's backup if there is none yet, then prunes; one run at a time. */
  runDue(): Promise<DailyOutcome>;
  stop(): void;
}

/** Deletes day folders older than `keepDays` days (today counts as one) and left-over partial folders. */
export async function pruneBackups(root: string, today: string, keepDays: number): Promise<string[]> {
  if (!fs.existsSync(root)) return [];
  const oldestKept = addDays(today, -(keepDays - 1));
  const pruned: string[] = [];
  for (const name of fs.readdirSync(root).sort()) {
    const day = name.endsWith(PARTIAL_SUFFIX) ? name.slice(0, -PARTIAL_SUFFIX.length) : name;
    if (!DAY_DIR.test(day)) continue; // only our own folders are ever deleted
    if (name === day && day >= oldestKept) continue;
    await fsp.rm(path.join(root, name), { recursive: true, force: true });
    pruned.push(name);
  }
  return pruned;
}

export interface ArmedScheduler extends BackupScheduler {
  /** Looks first after `firstMs`, then every `everyMs`. */
  arm(firstMs: number, everyMs: number): void;
}

/** The daily job; its timers start only when armed, so tests drive runDue() with an injected clock. */
export function createBackupScheduler(ctx: CoreContext, opts: BackupSchedulerOptions = {}): ArmedScheduler {
  let running: Promise<DailyOutcome> | null = null;
  const root = path.join(ctx.dataDir, BACKUPS_DIR);

  async function run(): Promise<DailyOutcome> {
    const now = ctx.clock.now();
    const today = localDate(now);
    const dir = path.join(root, today);
    const keepDays = opts.keepDays ?? getKeepDays(ctx.db);
    if (fs.existsSync(path.join(dir, BACKUP_MANIFEST))) return { kind: 'exists', dir, pruned: await pruneBackups(root, today, keepDays) };
    const r = await makeBackup(ctx, dir, { linkAttachments: true });
    // Pruned only after today's backup is safely in place: a failing backup never costs an old one.
    const pruned = await pruneBackups(root, today, keepDays);
    return { kind: 'made', dir, ms: r.ms, bytes: r.manifest.database.bytes, attachments: r.manifest.attachments.count, pruned };
  }

  let timers: NodeJS.Timeout[] = [];
  const scheduler: ArmedScheduler = {
    runDue() {
      if (running) return Promise.resolve({ kind: 'busy' });
      running = run()
        .then((outcome) => {
          if (outcome.kind === 'made') {
            ctx.log.info({ backup: outcome.dir, ms: Math.round(outcome.ms), bytes: outcome.bytes, attachments: outcome.attachments, pruned: outcome.pruned }, 'daily backup made');
          }
          return outcome;
        })
        .catch((err: unknown): DailyOutcome => {
          const error = err instanceof Error ? err.message : String(err);
          ctx.log.error({ err: { name: (err as Error)?.name, message: error } }, 'daily backup failed');
          return { kind: 'failed', error };
        })
        .finally(() => {
          running = null;
        });
      return running;
    },
    arm(firstMs, everyMs) {
      scheduler.stop();
      // unref: the timers never keep the process alive.
      timers = [setTimeout(() => void scheduler.runDue(), firstMs).unref(), setInterval(() => void scheduler.runDue(), everyMs).unref()];
    },
    stop() {
      for (const t of timers) clearTimeout(t);
      timers = [];
    },
  };
  return scheduler;
}

/**
 * Starts the app's daily backup: at most one per Beijing day into DATA/backups/YYYY-MM-DD, made a
 * minute after start and then checked every 30 minutes, keeping backup.keepDays days (default 30).
 * Both shells call this once after opening the core; the timers never keep the process alive.
 */
export function startBackupScheduler(ctx: CoreContext, opts: BackupSchedulerOptions = {}): BackupScheduler {
  const s = createBackupScheduler(ctx, opts);
  s.arm(opts.firstCheckMs ?? 60_000, opts.everyMs ?? 30 * 60_000);
  return s;
}

function readPlain<T>(file: string): T | null {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
  } catch {
    return null; // a manifest this program cannot read plainly (damaged, or a newer format) still lists the folder
  }
}

/** The backups in DATA/backups/, newest first; their manifest is read only for what it plainly says. */
export function listBackups(ctx: CoreContext): BackupEntry[] {
  const root = path.join(ctx.dataDir, BACKUPS_DIR);
  if (!fs.existsSync(root)) return [];
  const out: BackupEntry[] = [];
  for (const name of fs.readdirSync(root)) {
    const dir = path.join(root, name);
    let st: fs.Stats;
    try {
      st = fs.statSync(dir);
    } catch {
      continue;
    }
    if (!st.isDirectory()) continue;
    type Plain = { createdAt?: unknown; database?: { bytes?: unknown }; attachments?: { count?: unknown } };
    const manifest = readPlain<Plain>(path.join(dir, BACKUP_MANIFEST));
    const partial = name.endsWith(PARTIAL_SUFFIX) || !fs.existsSync(path.join(dir, BACKUP_MANIFEST));
    out.push({
      name,
      dir,
      kind: partial ? 'partial' : DAY_DIR.test(name) ? 'daily' : 'manual',
      createdAt: typeof manifest?.createdAt === 'string' ? manifest.createdAt : st.mtime.toISOString(),
      databaseBytes: typeof manifest?.database?.bytes === 'number' ? manifest.database.bytes : null,
      attachments: typeof manifest?.attachments?.count === 'number' ? manifest.attachments.count : null,
    });
  }
  return out.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}
