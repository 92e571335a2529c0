import fs from 'node:fs';
import os from 'node:os';
import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';

export interface Machine {
  cpus: number;
  model: string;
  ramGiB: number;
  node: string;
  sqlite: string;
  os: string;
  /** 1-minute load average when the run started: other work on the machine skews every figure. */
  load1: number;
}

export function machine(): Machine {
  let model = os.cpus()[0]?.model ?? 'unknown';
  try {
    const m = /^model name\s*:\s*(.+)$/m.exec(fs.readFileSync('/proc/cpuinfo', 'utf8'));
    if (m) model = m[1]!.trim();
  } catch {
    // not Linux: os.cpus() will do
  }
  const db = new BetterSqlite3(':memory:');
  const sqlite = (db.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v;
  db.close();
  return {
    cpus: os.availableParallelism(),
    model,
    ramGiB: Math.round(os.totalmem() / 1024 ** 3),
    node: process.version,
    sqlite,
    os: `${os.type()} ${os.release()}`,
    load1: os.loadavg()[0]!,
  };
}
