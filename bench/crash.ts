/**
 * Crash safety and backups, for `npm run bench` (issue 8, items 5 and 6).
 *
 *   - crash rounds: CRASH_ROUNDS (default 1000) SIGKILLs of a core registering visits, each followed
 *     by integrity_check and a check of every acknowledged registration (test/helpers/crash-harness.ts);
 *   - backup: the app's daily backup (online backup API, 256 pages a step) of the bench database,
 *     how long it takes, and how long the desk's event loop is held up at worst while it runs;
 *     then the check `intake restore` runs first (SHA-256, integrity_check, schema, tables).
 *
 * As an area of bench/main.ts it backs up the seeded county-scale copy (ctx.core); run alone
 * (`tsx bench/crash.ts`) it backs up the crash rounds' own database.
 * Self-contained on purpose (no import from bench/lib), so it does not depend on the runner's files.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createLogger } from '../core/kernel/log.js';
import { makeBackup } from '../core/services/make-backup.js';
import { unlockOwnBackup } from '../core/services/restore-backup.js';
import { openCore, type Core } from '../core/app.js';
import { inspectBackup } from '../core/store/restore.js';
import { runCrashRounds, type CrashReport } from '../test/helpers/crash-harness.js';

interface Table {
  title: string;
  columns: string[];
  rows: string[][];
  notes?: string[];
}
interface AreaResult {
  area: string;
  tables: Table[];
  data: Record<string, unknown>;
}

const envInt = (name: string, fallback: number): number => {
  const n = Number((process.env[name] ?? '').replaceAll('_', ''));
  return Number.isInteger(n) && n > 0 ? n : fallback;
};
const mib = (b: number): string => `${(b / 1024 / 1024).toFixed(0)} MiB`;
const s1 = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

async function crashRounds(rounds: number): Promise<{ report: CrashReport; dataDir: string }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'intake-bench-crash-'));
  let last = 0;
  const report = await runCrashRounds({
    rounds,
    maxDelayMs: 80,
    dataDir,
    onRound: (r) => {
      if (r.round - last >= 50 || r.round === rounds) {
        last = r.round;
        process.stderr.write(`  crash round ${r.round}/${rounds}\n`);
      }
    },
  });
  return { report, dataDir };
}

/** One daily-style backup while a 1 ms timer measures how late the event loop gets to it. */
async function measureBackup(core: Core): Promise<Record<string, number>> {
  const dataDir = core.ctx.dataDir;
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'intake-bench-backup-'));
  const out = path.join(outDir, 'b');
  const gaps: number[] = [];
  let last = performance.now();
  const probe = setInterval(() => {
    const now = performance.now();
    gaps.push(now - last);
    last = now;
  }, 1);
  try {
    const r = await makeBackup(core.ctx, out, { linkAttachments: true });
    clearInterval(probe);
    gaps.sort((a, b) => a - b);
    const t0 = performance.now();
    await inspectBackup(out, dataDir, { key: (await unlockOwnBackup(core.ctx, out)).backupKey });
    const checkMs = performance.now() - t0;
    return {
      bytes: r.manifest.database.bytes,
      ms: r.ms,
      attachments: r.manifest.attachments.count,
      maxStallMs: gaps.at(-1) ?? 0,
      p99StallMs: gaps[Math.floor(gaps.length * 0.99)] ?? 0,
      checkMs,
    };
  } finally {
    clearInterval(probe);
    fs.rmSync(outDir, { recursive: true, force: true });
  }
}

function tables(report: CrashReport, rounds: number, backup: Record<string, number>, what: string): Table[] {
  return [
    {
      title: 'Crash safety (SIGKILL while registering)',
      columns: ['what', 'value'],
      rows: [
        ['rounds', `${report.rounds} of ${rounds} in ${s1(report.wallMs)} (${(report.wallMs / Math.max(1, report.rounds)).toFixed(0)} ms a round; ${report.driver} driver)`],
        ['acknowledged registrations', `${report.acks}, every one found after its kill (${report.killedBeforeFirstAck} kills landed before the round's first)`],
        ['in the database at the end', `${report.matters} matters, ${report.visits} visits, ${report.persons} persons, ${report.attachments} attachments`],
        ['integrity_check after every kill', report.failures.length === 0 ? 'ok every time' : `FAILED: ${report.failures.slice(0, 3).join('; ')}`],
        ['parent verification time', `${s1(report.verifyMs)} in total`],
      ],
      notes: ['Each kill lands uniformly within 80 ms of the first acknowledged registration (one round in five: of `go`, so also while the core opens).'],
    },
    {
      title: `Backup (${what})`,
      columns: ['what', 'value'],
      rows: [
        ['database', `${mib(backup.bytes!)} (${backup.pages} pages), ${backup.attachments} attachments`],
        ['daily backup, 256 pages a step', `${s1(backup.ms!)} (${mib((backup.bytes! / backup.ms!) * 1000)}/s, including the SHA-256 of the copy)`],
        ['longest event-loop stall meanwhile', `${backup.maxStallMs!.toFixed(1)} ms (p99 ${backup.p99StallMs!.toFixed(1)} ms)`],
        ['restore\'s checks (SHA-256, integrity_check, schema, tables)', s1(backup.checkMs!)],
      ],
    },
  ];
}

/** As an area of bench/main.ts: crash rounds on a scratch folder, backup of the bench database. */
export async function run(ctx?: { core: Core }): Promise<AreaResult> {
  const rounds = envInt('CRASH_ROUNDS', 1000);
  const { report, dataDir } = await crashRounds(rounds);
  let backup: Record<string, number>;
  let what: string;
  if (ctx) {
    backup = await measureBackup(ctx.core);
    what = 'the bench database';
  } else {
    const core = openCore({ dataDir, log: createLogger(null, 'silent') });
    try {
      backup = await measureBackup(core);
    } finally {
      core.close();
    }
    what = "the crash rounds' database";
  }
  fs.rmSync(dataDir, { recursive: true, force: true });
  if (report.failures.length > 0) process.exitCode = 1;
  return { area: 'crash', tables: tables(report, rounds, backup, what), data: { crash: report, backup } };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const r = await run();
  for (const t of r.tables) {
    console.log(`**${t.title}**\n`);
    for (const row of t.rows) console.log(`- ${row[0]}: ${row[1]}`);
    for (const n of t.notes ?? []) console.log(`\n${n}`);
    console.log();
  }
}
