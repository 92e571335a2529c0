/**
 * Crash harness: rounds of "start the core in a child process, let it register visits, SIGKILL it
 * at a random moment, reopen the database and check it". Shared by test/integration/crash.test.ts
 * (200 rounds) and bench/crash.ts (CRASH_ROUNDS).
 *
 * After every kill the parent opens the database itself and requires: PRAGMA integrity_check is
 * ok; every registration the child acknowledged (reported only after core.call returned ok) is
 * there with its matter and case number, its visit, its persons (with their ID numbers) and its
 * attachment row and file; and no case number was ever given to two matters.
 *
 * The child's start-up (Node plus the core, ~0.2 s) is taken off the clock by starting the next
 * children while the current round runs: each loads, says `ready`, and waits for `go`; only one
 * at a time is ever told to go, so one process writes to the database at a time.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { openDeskFile } from './core.js';
import type { Ack } from './crash-driver.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '../..');
const DRIVER_TS = path.join(HERE, 'crash-driver.ts');

export interface CrashOptions {
  rounds: number;
  /**
   * The kill lands uniformly in [0, maxDelayMs] after the first acknowledged registration, or (one
   * round in five) after `go`, which may fall while the core opens the database.
   */
  maxDelayMs: number;
  dataDir: string;
  /** Deterministic kill delays. */
  seed?: number;
  /** How many children load ahead while a round runs (default 2). */
  prestart?: number;
  onRound?: (r: RoundResult) => void;
}

export interface RoundResult {
  round: number;
  delayMs: number;
  acks: number;
  naks: number;
  verifyMs: number;
}

export interface CrashReport {
  rounds: number;
  acks: number;
  naks: number;
  /** Rounds killed before the first acknowledged registration (during start-up or the first commit). */
  killedBeforeFirstAck: number;
  matters: number;
  visits: number;
  persons: number;
  attachments: number;
  wallMs: number;
  verifyMs: number;
  /** Time spent waiting for the next child to finish loading. */
  readyWaitMs: number;
  driver: 'bundle' | 'tsx';
  failures: string[];
}

/**
 * The command that runs the driver. esbuild (already installed with tsx and vite) bundles the
 * driver, the core and its pure-JS packages into one file in a temporary folder whose
 * node_modules points at ours (for better-sqlite3's native module); it is ready in about 0.15 s
 * where `node --import tsx` takes about 0.5 s. Without esbuild, tsx is used.
 */
async function driverCommand(): Promise<{ args: string[]; kind: 'bundle' | 'tsx'; cleanup(): void }> {
  try {
    const { build } = await import('esbuild');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'intake-crash-driver-'));
    fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'junction');
    const outfile = path.join(dir, 'crash-driver.cjs');
    await build({ entryPoints: [DRIVER_TS], bundle: true, platform: 'node', format: 'cjs', target: 'node20', external: ['better-sqlite3-multiple-ciphers', '@napi-rs/keyring'], outfile, logLevel: 'error' });
    return { args: [outfile], kind: 'bundle', cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
  } catch {
    return { args: ['--import', 'tsx', DRIVER_TS], kind: 'tsx', cleanup: () => undefined };
  }
}

/** A small seeded PRNG (mulberry32) for the kill delays. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Child {
  proc: ChildProcessWithoutNullStreams;
  ready: Promise<void>;
  /** Resolves at the first acknowledged registration (or when the child is gone). */
  streaming: Promise<void>;
  closed: Promise<void>;
  lines: string[];
  stderr: string;
}

function startChild(args: string[], dataDir: string, round: number): Child {
  const proc = spawn(process.execPath, [...args, dataDir, String(round)], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
  const child: Child = { proc, lines: [], stderr: '', ready: Promise.resolve(), streaming: Promise.resolve(), closed: Promise.resolve() };
  let partial = '';
  let onReady: () => void = () => undefined;
  let onStream: () => void = () => undefined;
  child.streaming = new Promise((resolve) => {
    onStream = resolve;
  });
  let onFail: (e: Error) => void = () => undefined;
  child.ready = new Promise((resolve, reject) => {
    onReady = resolve;
    onFail = reject;
  });
  proc.stdout.setEncoding('utf8');
  proc.stdout.on('data', (chunk: string) => {
    const parts = (partial + chunk).split('\n');
    partial = parts.pop()!;
    for (const line of parts) {
      if (line === 'ready') onReady();
      else if (line === 'open') continue;
      else {
        child.lines.push(line);
        onStream();
      }
    }
  });
  proc.stderr.setEncoding('utf8');
  proc.stderr.on('data', (c: string) => {
    child.stderr += c;
  });
  child.closed = new Promise((resolve) => {
    proc.on('close', () => {
      // A line cut off by the kill has no newline: it was never a complete acknowledgement.
      onFail(new Error(`driver exited before it was ready: ${child.stderr.trim()}`));
      onStream();
      resolve();
    });
  });
  proc.stdin.on('error', () => undefined); // EPIPE when the child is already gone
  return child;
}

function verify(dbFile: string, dataDir: string, acks: Ack[], caseOwners: Map<string, number>, failures: string[], round: number): void {
  const fail = (msg: string) => failures.push(`round ${round}: ${msg}`);
  const db = openDeskFile(dataDir, { file: dbFile });
  try {
    const integrity = db.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') fail(`integrity_check: ${String(integrity)}`);
    const matter = db.prepare('SELECT case_no FROM matters WHERE id = ?');
    const visit = db.prepare('SELECT matter_id FROM visits WHERE id = ?');
    const visitors = db.prepare('SELECT person_id FROM visit_persons WHERE visit_id = ? ORDER BY person_id');
    const person = db.prepare('SELECT id FROM persons WHERE id_number = ?');
    const attachment = db.prepare('SELECT 1 FROM attachments WHERE matter_id = ? AND visit_id = ? AND sha256 = ?');
    for (const a of acks) {
      const m = matter.get(a.m) as { case_no: string } | undefined;
      if (!m) fail(`acknowledged matter ${a.m} (${a.c}) is missing`);
      else if (m.case_no !== a.c) fail(`matter ${a.m} has case number ${m.case_no}, acknowledged as ${a.c}`);
      const owner = caseOwners.get(a.c);
      if (owner !== undefined && owner !== a.m) fail(`case number ${a.c} was given to matter ${owner} and to matter ${a.m}`);
      caseOwners.set(a.c, a.m);
      const v = visit.get(a.v) as { matter_id: number } | undefined;
      if (!v) fail(`acknowledged visit ${a.v} is missing`);
      else if (v.matter_id !== a.m) fail(`visit ${a.v} belongs to matter ${v.matter_id}, not ${a.m}`);
      const got = (visitors.all(a.v) as { person_id: number }[]).map((r) => r.person_id);
      if (got.join() !== [...a.p].sort((x, y) => x - y).join()) fail(`visit ${a.v} has persons [${got}], acknowledged [${a.p}]`);
      for (const id of a.ids) if (!person.get(id)) fail(`acknowledged person with ID …${id.slice(-4)} is missing`);
      if (a.a) {
        if (!attachment.get(a.m, a.v, a.a)) fail(`attachment row ${a.a.slice(0, 8)} of visit ${a.v} is missing`);
        const file = path.join(dataDir, 'attachments', a.a.slice(0, 2), a.a);
        if (!fs.existsSync(file) || createHash('sha256').update(fs.readFileSync(file)).digest('hex') !== a.a) fail(`attachment file ${a.a.slice(0, 8)} is missing or damaged`);
      }
    }
    const dup = db.prepare('SELECT case_no, count(*) AS n FROM matters GROUP BY case_no HAVING n > 1').all() as { case_no: string }[];
    if (dup.length > 0) fail(`case numbers used twice: ${dup.map((d) => d.case_no).join(', ')}`);
    const last = new Map(
      (db.prepare('SELECT township_code, year, last FROM case_sequences').all() as { township_code: string; year: number; last: number }[]).map((r) => [
        `${r.township_code}-${r.year}`,
        r.last,
      ]),
    );
    for (const { case_no } of db.prepare('SELECT case_no FROM matters').all() as { case_no: string }[]) {
      const [, key, seq] = /^(.+-\d{4})-(\d{6})$/.exec(case_no) ?? [];
      if (!key || Number(seq) > (last.get(key) ?? 0)) fail(`the case sequence counter is behind ${case_no}, which is already given out`);
    }
  } finally {
    db.close();
  }
}

export async function runCrashRounds(opts: CrashOptions): Promise<CrashReport> {
  const started = performance.now();
  const dbFile = path.join(opts.dataDir, 'intake.db');
  const driver = await driverCommand();
  const random = rng(opts.seed ?? 20261124);
  const failures: string[] = [];
  const caseOwners = new Map<string, number>();
  const allAcks: Ack[] = [];
  const report: CrashReport = {
    rounds: 0, acks: 0, naks: 0, killedBeforeFirstAck: 0, matters: 0, visits: 0, persons: 0, attachments: 0, wallMs: 0, verifyMs: 0, readyWaitMs: 0, driver: driver.kind, failures,
  };
  const depth = opts.prestart ?? 2;
  const queue: Child[] = [];
  for (let r = 1; r <= Math.min(depth, opts.rounds); r++) queue.push(startChild(driver.args, opts.dataDir, r));
  try {
    for (let round = 1; round <= opts.rounds && failures.length === 0; round++) {
      const child = queue.shift()!;
      const w0 = performance.now();
      await child.ready;
      report.readyWaitMs += performance.now() - w0;
      const delayMs = Math.round(random() * opts.maxDelayMs);
      // Most kills land while registrations stream in (timed from the first acknowledgement); one
      // in five is timed from `go`, so it may land while the core opens the database (in round 1,
      // creates and migrates it) or commits its first registration.
      const fromGo = random() < 0.2;
      child.proc.stdin.write('go\n');
      const killed = (fromGo ? Promise.resolve() : child.streaming).then(
        () =>
          new Promise<void>((resolve) =>
            setTimeout(() => {
              child.proc.kill('SIGKILL');
              resolve();
            }, delayMs),
          ),
      );
      // The next child loads while this one works.
      if (round + depth <= opts.rounds) queue.push(startChild(driver.args, opts.dataDir, round + depth));
      await killed;
      await child.closed;
      if (child.proc.signalCode !== 'SIGKILL') failures.push(`round ${round}: the driver ended by itself (${child.proc.exitCode}): ${child.stderr.trim()}`);

      const acks: Ack[] = [];
      let naks = 0;
      for (const line of child.lines) {
        if (line.startsWith('ack ')) acks.push(JSON.parse(line.slice(4)) as Ack);
        else if (line.startsWith('nak ')) naks += 1;
      }
      if (naks > 0) failures.push(`round ${round}: ${naks} registrations refused (${child.lines.find((l) => l.startsWith('nak '))})`);
      const t0 = performance.now();
      verify(dbFile, opts.dataDir, acks, caseOwners, failures, round);
      allAcks.push(...acks);
      const verifyMs = performance.now() - t0;
      report.rounds = round;
      report.acks += acks.length;
      report.naks += naks;
      report.verifyMs += verifyMs;
      if (acks.length === 0) report.killedBeforeFirstAck += 1;
      opts.onRound?.({ round, delayMs, acks: acks.length, naks, verifyMs });
    }
  } finally {
    for (const left of queue) {
      if (left.proc.exitCode === null && left.proc.signalCode === null) left.proc.kill('SIGKILL');
      await left.closed;
    }
    driver.cleanup();
  }
  // At the end, every acknowledgement of every round once more: nothing was lost later either.
  if (failures.length === 0) verify(dbFile, opts.dataDir, allAcks, new Map(), failures, report.rounds);
  const db = openDeskFile(opts.dataDir, { file: dbFile, readonly: true });
  try {
    const count = (t: string) => (db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n;
    report.matters = count('matters');
    report.visits = count('visits');
    report.persons = count('persons');
    report.attachments = count('attachments');
  } finally {
    db.close();
  }
  report.wallMs = performance.now() - started;
  return report;
}

/** Another process registering visits into `dataDir` as fast as it can until stopped: a live writer. */
export async function startWriter(dataDir: string, round = 1): Promise<{ acked(): number; stop(): Promise<number> }> {
  const driver = await driverCommand();
  const child = startChild(driver.args, dataDir, round);
  await child.ready;
  child.proc.stdin.write('go\n');
  await child.streaming;
  const acked = () => child.lines.filter((l) => l.startsWith('ack ')).length;
  return {
    acked,
    async stop() {
      child.proc.kill('SIGKILL');
      await child.closed;
      driver.cleanup();
      return acked();
    },
  };
}
