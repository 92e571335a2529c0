import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { spawn, spawnSync } from 'node:child_process';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { LOCAL_SESSION } from '../../core/kernel/session.js';
import type { Clock } from '../../core/kernel/clock.js';
import type { Core } from '../../core/app.js';
import { BACKUPS_DIR, createBackupScheduler, pruneBackups } from '../../core/services/daily-backup.js';
import { attachmentPath } from '../../core/store/attachments.js';
import { BACKUP_MANIFEST, backupDatabase, openForBackup, setKeepDays, sha256File, type BackupManifest } from '../../core/store/backup.js';
import { SCHEMA_VERSION } from '../../core/store/migrations/index.js';
import { beijingStamp, expectedTables, inspectBackup, restoreBackup } from '../../core/store/restore.js';
import { tempDir, testCore } from '../helpers/core.js';
import { makeId } from '../helpers/ids.js';
import { startWriter } from '../helpers/crash-harness.js';

const intake = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'core/cli/main.ts', ...args], { encoding: 'utf8', env: { ...process.env, INTAKE_DATA: '' } });

/** The same, without blocking this process (whose event loop must keep reading a writer's output). */
const intakeAsync = (...args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> =>
  new Promise((resolve) => {
    const p = spawn(process.execPath, ['--import', 'tsx', 'core/cli/main.ts', ...args], { env: { ...process.env, INTAKE_DATA: '' } });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    p.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    p.on('close', (status) => resolve({ status, stdout, stderr }));
  });

let idSeq = 0;
/** Registers one new visitor and matter; every fifth carries an attachment. */
function register(core: Core, withAttachment = false): { matterId: number; sha: string | null } {
  idSeq += 1;
  const bytes = withAttachment ? Buffer.from(`附件 ${idSeq} ${'x'.repeat(500)}`) : null;
  const r = core.call(LOCAL_SESSION, 'visits.register', {
    participants: [{ person: { name: '王芳', idNumber: makeId(`2001-0${1 + (idSeq % 9)}-1${idSeq % 10}`, idSeq % 1000), phones: ['13912345678'] } }],
    visit: { headcount: 1, involved: 1 },
    matter: { purpose: '申诉求决', category: '国土资源水利林业', tags: ['征地拆迁'], request: `要求兑现征地补偿款 ${idSeq}` },
    attachments: bytes ? [{ fileName: '材料.txt', mime: 'text/plain', dataBase64: bytes.toString('base64') }] : [],
  });
  if (!r.ok) throw new Error(`registration refused: ${r.code} ${r.field ?? ''}`);
  return { matterId: r.value.matterId, sha: bytes ? createHash('sha256').update(bytes).digest('hex') : null };
}

function desk(n: number, dataDir = tempDir()): { core: Core; dataDir: string; shas: string[] } {
  const core = testCore({ township: 'ZMQ', dataDir });
  const shas: string[] = [];
  for (let i = 0; i < n; i++) {
    const { sha } = register(core, i % 5 === 0);
    if (sha) shas.push(sha);
  }
  return { core, dataDir, shas };
}

const count = (file: string, table: string): number => {
  const db = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  try {
    return (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  } finally {
    db.close();
  }
};

/**
 * Hashes of the data folder's database files, to prove a refused restore touched nothing. Read in
 * a child process: closing any descriptor of a file drops all of this process's POSIX locks on it,
 * including those of a database connection that has it open.
 */
function snapshot(dataDir: string): Record<string, string> {
  const script = `
    const fs = require('node:fs'), path = require('node:path'), { createHash } = require('node:crypto');
    const dir = process.argv[1], out = {};
    for (const name of fs.readdirSync(dir).sort()) {
      if (name.startsWith('intake.db')) out[name] = createHash('sha256').update(fs.readFileSync(path.join(dir, name))).digest('hex');
    }
    process.stdout.write(JSON.stringify(out));`;
  return JSON.parse(spawnSync(process.execPath, ['-e', script, dataDir], { encoding: 'utf8' }).stdout) as Record<string, string>;
}

function rewriteManifest(dir: string, edit: (m: BackupManifest) => void): void {
  const file = path.join(dir, BACKUP_MANIFEST);
  const m = JSON.parse(fs.readFileSync(file, 'utf8')) as BackupManifest;
  edit(m);
  fs.writeFileSync(file, JSON.stringify(m));
}

async function rehash(dir: string): Promise<void> {
  const sha = await sha256File(path.join(dir, 'intake.db'));
  rewriteManifest(dir, (m) => {
    m.database.sha256 = sha;
  });
}

describe('intake backup', () => {
  it('backs a live database up while another process keeps registering, and the copy is consistent', { timeout: 60_000 }, async () => {
    const { core, dataDir } = desk(200);
    core.close();
    const writer = await startWriter(dataDir);
    const before = writer.acked();
    const out = path.join(tempDir('intake-bk-'), 'live');
    // The CLI: its own connection, in its own process, while the writer commits every millisecond or so.
    const r = await intakeAsync('backup', '--data', dataDir, '--out', out, '--json');
    const during = writer.acked() - before;
    // In small steps from yet another connection: the writer's commits restart the copy, which
    // then finishes in one step instead of chasing the writer for ever.
    const stepped = path.join(tempDir('intake-bk-'), 'stepped');
    const conn = openForBackup(dataDir);
    await backupDatabase(conn, dataDir, stepped, { now: new Date(), appVersion: 'test', pagesPerStep: 2 }).finally(() => conn.close());
    const total = await writer.stop();
    await expect(inspectBackup(stepped, dataDir)).resolves.toMatchObject({ schemaVersion: SCHEMA_VERSION });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const result = JSON.parse(r.stdout) as { verified: boolean; manifest: BackupManifest };
    expect(result.verified).toBe(true);
    expect(during).toBeGreaterThan(0); // the desk kept writing while the backup ran
    expect(fs.readdirSync(out).sort()).toEqual(['attachments', 'intake.db', 'manifest.json']);
    const bk = path.join(out, 'intake.db');
    // One self-contained file: rollback-journal mode, no -wal beside it.
    expect(fs.readFileSync(bk).subarray(18, 20)).toEqual(Buffer.from([1, 1]));
    const db = new BetterSqlite3(bk, { readonly: true });
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      // A transaction is in the copy whole or not at all: every matter has its visit, every visit its persons.
      expect(db.prepare('SELECT count(*) AS n FROM matters m WHERE NOT EXISTS (SELECT 1 FROM visits v WHERE v.matter_id = m.id)').get()).toEqual({ n: 0 });
      expect(db.prepare('SELECT count(*) AS n FROM visits v WHERE NOT EXISTS (SELECT 1 FROM visit_persons p WHERE p.visit_id = v.id)').get()).toEqual({ n: 0 });
      const matters = (db.prepare('SELECT count(*) AS n FROM matters').get() as { n: number }).n;
      expect(matters).toBeGreaterThanOrEqual(200 + before);
      expect(matters).toBeLessThanOrEqual(200 + total + 1);
      const att = (db.prepare('SELECT count(DISTINCT sha256) AS n FROM attachments').get() as { n: number }).n;
      expect(result.manifest.attachments).toMatchObject({ count: att, missing: [] });
    } finally {
      db.close();
    }
  });

  it('the app\'s backup runs in steps on the desk\'s own connection while the desk registers', async () => {
    const { core, dataDir } = desk(300);
    const out = path.join(tempDir('intake-bk-'), 'steps');
    let registered = 0;
    let stop = false;
    const loop = (): void => {
      if (stop) return;
      register(core);
      registered += 1;
      setImmediate(loop);
    };
    setImmediate(loop);
    const r = await backupDatabase(core.ctx.db, dataDir, out, { now: new Date(), appVersion: 'test', pagesPerStep: 4, linkAttachments: true });
    stop = true;
    // The desk's own writes between the steps neither restart nor break the copy: they are carried
    // into it as it runs.
    const matters = count(path.join(out, 'intake.db'), 'matters');
    expect(matters).toBeGreaterThan(300);
    expect(matters).toBeLessThanOrEqual(300 + registered);
    const copy = new BetterSqlite3(path.join(out, 'intake.db'), { readonly: true });
    expect(copy.prepare('SELECT max(id) AS n FROM matters').get()).toEqual({ n: matters });
    expect(copy.prepare('SELECT count(*) AS n FROM matters m WHERE NOT EXISTS (SELECT 1 FROM visits v WHERE v.matter_id = m.id)').get()).toEqual({ n: 0 });
    copy.close();
    await expect(inspectBackup(out, dataDir)).resolves.toMatchObject({ schemaVersion: SCHEMA_VERSION });
    // Daily backups hard-link the immutable attachment files: no second copy on the same disk.
    const sha = (core.ctx.db.prepare('SELECT sha256 FROM attachments LIMIT 1').get() as { sha256: string }).sha256;
    expect(fs.statSync(attachmentPath(out, sha)).ino).toBe(fs.statSync(attachmentPath(dataDir, sha)).ino);
    expect(r.manifest.attachments.count).toBe(60);
    core.close();
  });

  it('a stepped backup larger than the background-flush interval comes out whole', async () => {
    const { core, dataDir } = desk(5);
    core.ctx.db.exec('CREATE TABLE ballast (b BLOB)');
    const put = core.ctx.db.prepare('INSERT INTO ballast VALUES (randomblob(4000))');
    core.ctx.db.transaction(() => {
      for (let i = 0; i < 5000; i++) put.run();
    })();
    const out = path.join(tempDir('intake-bk-'), 'big');
    const r = await backupDatabase(core.ctx.db, dataDir, out, { now: new Date(), appVersion: 'test', pagesPerStep: 64 });
    expect(r.pages).toBeGreaterThan(4096);
    await expect(inspectBackup(out, dataDir)).resolves.toMatchObject({ schemaVersion: SCHEMA_VERSION });
    expect(count(path.join(out, 'intake.db'), 'ballast')).toBe(5000);
    core.close();
  });

  it('refuses an existing target and a folder without a database', () => {
    const { core, dataDir } = desk(1);
    core.close();
    const out = tempDir('intake-bk-');
    expect(intake('backup', '--data', dataDir, '--out', out)).toMatchObject({ status: 1, stderr: expect.stringMatching(/already exists/) });
    expect(intake('backup', '--data', tempDir(), '--out', path.join(out, 'x'))).toMatchObject({ status: 1, stderr: expect.stringMatching(/no database/) });
  });
});

describe('intake restore', () => {
  it('round trip: restores database and attachments, keeping the current database aside', () => {
    const { core, dataDir, shas } = desk(50);
    core.close();
    const out = path.join(tempDir('intake-bk-'), 'b1');
    expect(intake('backup', '--data', dataDir, '--out', out).status).toBe(0);
    const later = testCore({ township: 'ZMQ', dataDir });
    for (let i = 0; i < 7; i++) register(later);
    later.close();
    fs.rmSync(path.join(dataDir, 'attachments'), { recursive: true }); // lost with a disk, say

    const r = intake('restore', '--data', dataDir, '--from', out, '--json');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const res = JSON.parse(r.stdout) as { keptAside: string; attachmentsCopied: number; schemaVersion: number };
    expect(res).toMatchObject({ schemaVersion: SCHEMA_VERSION, attachmentsCopied: shas.length });
    expect(path.basename(res.keptAside)).toMatch(/^intake\.db\.before-restore-\d{8}-\d{6}$/);
    expect(count(path.join(dataDir, 'intake.db'), 'matters')).toBe(50);
    expect(count(res.keptAside, 'matters')).toBe(57); // nothing deleted: the later data is kept aside
    for (const sha of shas) expect(createHash('sha256').update(fs.readFileSync(attachmentPath(dataDir, sha))).digest('hex')).toBe(sha);
    const reopened = testCore({ dataDir });
    expect(reopened.call(LOCAL_SESSION, 'system.info', {})).toMatchObject({ ok: true, value: { township: { code: 'ZMQ' } } });
    expect(register(reopened).matterId).toBe(51);
    reopened.close();
  });

  it('replaces a damaged current database (kept aside as it was) and carries attachments missing at backup time as a warning', async () => {
    const { core, dataDir, shas } = desk(10);
    fs.rmSync(attachmentPath(dataDir, shas[0]!)); // already lost before the backup
    const out = path.join(tempDir('intake-bk-'), 'b');
    const made = await backupDatabase(core.ctx.db, dataDir, out, { now: new Date(), appVersion: 'test' });
    core.close();
    expect(made.manifest.attachments).toMatchObject({ count: shas.length - 1, missing: [shas[0]] });
    fs.writeFileSync(path.join(dataDir, 'intake.db'), Buffer.alloc(8192, 0x5a)); // the disk ate it
    const r = await restoreBackup(dataDir, out, { now: new Date('2026-11-24T01:02:03Z') });
    expect(r.inspection.missingAtBackup).toEqual([shas[0]]);
    expect(r.keptAside).toBe(path.join(dataDir, 'intake.db.before-restore-20261124-090203'));
    expect(fs.readFileSync(r.keptAside!)).toEqual(Buffer.alloc(8192, 0x5a));
    expect(count(path.join(dataDir, 'intake.db'), 'matters')).toBe(10);
  });

  describe('refusals leave the current database untouched', () => {
    async function setup(): Promise<{ dataDir: string; out: string; before: Record<string, string> }> {
      const { core, dataDir } = desk(120);
      const out = path.join(tempDir('intake-bk-'), 'b');
      await backupDatabase(core.ctx.db, dataDir, out, { now: new Date(), appVersion: 'test' });
      core.close();
      return { dataDir, out, before: snapshot(dataDir) };
    }
    const refused = (dataDir: string, from: string, reason: RegExp, before: Record<string, string>) => {
      const r = intake('restore', '--data', dataDir, '--from', from);
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(/^error: restore refused: /);
      expect(r.stderr).toMatch(reason);
      expect(r.stderr).toMatch(/was not changed/);
      expect(snapshot(dataDir)).toEqual(before);
    };

    it('a backup with bytes flipped in the middle of its database', async () => {
      const { dataDir, out, before } = await setup();
      const file = path.join(out, 'intake.db');
      const bytes = fs.readFileSync(file);
      const mid = Math.floor(bytes.length / 2);
      for (let i = 0; i < 16; i++) bytes[mid + i] = bytes[mid + i]! ^ 0xff;
      fs.writeFileSync(file, bytes);
      refused(dataDir, out, /does not match the SHA-256/, before);
    });

    it('a bare database file whose pages are damaged (integrity_check)', async () => {
      const { dataDir, out, before } = await setup();
      const bare = path.join(tempDir('intake-bk-'), 'copy.db');
      const bytes = fs.readFileSync(path.join(out, 'intake.db'));
      const pages = bytes.length / 4096;
      // Garble the b-tree page headers of a few pages in the middle of the file.
      for (const p of [0.4, 0.5, 0.6].map((f) => Math.floor(pages * f))) bytes.fill(0xff, p * 4096, p * 4096 + 64);
      fs.writeFileSync(bare, bytes);
      refused(dataDir, bare, /integrity_check/, before);
    });

    it('a backup written by a newer schema', async () => {
      const { dataDir, out, before } = await setup();
      const db = new BetterSqlite3(path.join(out, 'intake.db'));
      db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
      db.close();
      await rehash(out);
      refused(dataDir, out, /newer version of Township Intake/, before);
    });

    it('a backup missing a table its schema must have', async () => {
      const { dataDir, out, before } = await setup();
      const db = new BetterSqlite3(path.join(out, 'intake.db'));
      db.exec('DROP TABLE level_skips');
      db.close();
      await rehash(out);
      refused(dataDir, out, /lacks tables .*level_skips/, before);
    });

    it('a damaged attachment, a cut-off backup, and something that is not a database', async () => {
      const { dataDir, out, before } = await setup();
      const some = fs.readdirSync(path.join(out, 'attachments'))[0]!;
      const file = path.join(out, 'attachments', some, fs.readdirSync(path.join(out, 'attachments', some))[0]!);
      fs.appendFileSync(file, 'x');
      refused(dataDir, out, /attachment .* does not match its SHA-256/, before);
      fs.rmSync(path.join(out, BACKUP_MANIFEST));
      refused(dataDir, out, /not a complete Township Intake backup/, before);
      const junk = path.join(tempDir(), 'junk.db');
      fs.writeFileSync(junk, 'this is not a database '.repeat(400));
      refused(dataDir, junk, /not a readable SQLite database/, before);
    });

    it('while the app has the database open', async () => {
      const { dataDir, out } = await setup();
      const running = testCore({ dataDir });
      const before = snapshot(dataDir);
      refused(dataDir, out, /is in use: close Township Intake/, before);
      running.close();
      expect(intake('restore', '--data', dataDir, '--from', out).status).toBe(0);
    });
  });

  it('knows the tables of every schema version', () => {
    expect(expectedTables(1)).toEqual(expect.arrayContaining(['settings', 'townships', 'villages']));
    expect(expectedTables(SCHEMA_VERSION)).toEqual(expect.arrayContaining(['persons', 'matters', 'visits', 'attachments']));
    expect(beijingStamp(new Date('2026-11-24T16:30:05Z'))).toBe('20261125-003005');
  });
});

describe('daily backup in the app', () => {
  const movable = (iso: string): Clock & { set(iso: string): void; addDays(n: number): void } => {
    let t = new Date(iso).getTime();
    return {
      now: () => new Date(t),
      set: (s) => {
        t = new Date(s).getTime();
      },
      addDays: (n) => {
        t += n * 86_400_000;
      },
    };
  };

  it('makes at most one backup per Beijing day and keeps 30 days by default', async () => {
    const clock = movable('2026-11-24T09:00:00+08:00');
    const core = testCore({ township: 'ZMQ', clock });
    register(core, true);
    const s = createBackupScheduler(core.ctx);
    const root = path.join(core.ctx.dataDir, BACKUPS_DIR);
    expect(await s.runDue()).toMatchObject({ kind: 'made', dir: path.join(root, '2026-11-24') });
    clock.set('2026-11-24T23:59:00+08:00');
    expect(await s.runDue()).toMatchObject({ kind: 'exists' });
    clock.set('2026-11-25T00:01:00+08:00'); // 16:01 UTC on the 24th: a new day in Beijing
    expect(await s.runDue()).toMatchObject({ kind: 'made', dir: path.join(root, '2026-11-25') });
    for (let d = 0; d < 40; d++) {
      clock.addDays(1);
      register(core);
      await s.runDue();
    }
    const days = fs.readdirSync(root).sort();
    expect(days).toHaveLength(30);
    expect(days.at(-1)).toBe('2027-01-04');
    expect(days[0]).toBe('2026-12-06');
    // Each is a restorable backup of that day.
    await expect(inspectBackup(path.join(root, days.at(-1)!), core.ctx.dataDir)).resolves.toMatchObject({ attachments: [expect.any(String)] });
    expect(count(path.join(root, days.at(-1)!, 'intake.db'), 'matters')).toBe(41);
    core.close();
  });

  it('honours the backup.keepDays setting, runs one backup at a time, and cleans only its own folders', async () => {
    const clock = movable('2026-11-24T09:00:00+08:00');
    const core = testCore({ township: 'ZMQ', clock });
    const s = createBackupScheduler(core.ctx);
    const root = path.join(core.ctx.dataDir, BACKUPS_DIR);
    for (let d = 0; d < 5; d++) {
      await s.runDue();
      clock.addDays(1);
    }
    expect(fs.readdirSync(root)).toHaveLength(5);
    fs.mkdirSync(path.join(root, '2026-11-20.partial')); // a backup cut off by a power cut
    fs.mkdirSync(path.join(root, 'keep-me'));
    setKeepDays(core.ctx.db, 2);
    const [a, b] = await Promise.all([s.runDue(), s.runDue()]);
    expect(a).toMatchObject({ kind: 'made', pruned: ['2026-11-20.partial', '2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27'] });
    expect(b).toEqual({ kind: 'busy' });
    expect(fs.readdirSync(root).sort()).toEqual(['2026-11-28', '2026-11-29', 'keep-me']);
    expect(await pruneBackups(path.join(core.ctx.dataDir, 'nothing-here'), '2026-11-29', 2)).toEqual([]);
    core.close();
  });

  it('reports a failed backup without throwing and keeps the old ones', async () => {
    const clock = movable('2026-11-24T09:00:00+08:00');
    const core = testCore({ township: 'ZMQ', clock });
    const s = createBackupScheduler(core.ctx, { keepDays: 1 });
    await s.runDue();
    clock.addDays(3);
    core.close(); // e.g. the window closed while the timer fired
    expect(await s.runDue()).toMatchObject({ kind: 'failed' });
    expect(fs.readdirSync(path.join(core.ctx.dataDir, BACKUPS_DIR))).toEqual(['2026-11-24']);
  });

  it('openForBackup neither migrates nor writes', () => {
    const dir = tempDir();
    expect(() => openForBackup(dir)).toThrow(/no database/);
    expect(fs.existsSync(path.join(dir, 'intake.db'))).toBe(false);
  });
});
