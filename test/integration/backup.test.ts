import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { spawn, spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { LOCAL_SESSION } from '../../core/kernel/session.js';
import type { Clock } from '../../core/kernel/clock.js';
import type { Core } from '../../core/app.js';
import { BACKUPS_DIR, createBackupScheduler, pruneBackups } from '../../core/services/daily-backup.js';
import { attachmentPath } from '../../core/store/attachments.js';
import { BACKUP_MANIFEST, BACKUP_SIGNATURE, openForBackup, setKeepDays, sha256File, type BackupManifest } from '../../core/store/backup.js';
import { SCHEMA_VERSION } from '../../core/store/migrations/index.js';
import { beijingStamp, expectedSchema, inspectBackup } from '../../core/store/restore.js';
import { makeBackup } from '../../core/services/make-backup.js';
import { restoreIntoDataDir } from '../../core/services/restore-backup.js';
import { deskBackupIdentity, recoveryKeyStatus, unlockBackup } from '../../core/bundle/backup-seal.js';
import { centerSigner } from '../../core/bundle/center-keys.js';
import { signBytes } from '../../core/bundle/suites.js';
import { osKeyStore } from '../../core/store/os-key-store.js';
import { databaseKey } from '../../core/store/database-key.js';
import { openSqlite, type Database } from '../../core/store/sqlite.js';
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

/** The key a data folder's database (or a database kept aside from it) is encrypted with. */
const deskKey = (dataDir: string): Buffer => databaseKey(dataDir, path.join(dataDir, 'intake.db'), osKeyStore()).key;
/** A backup's key, opened with this machine's backup identity (the test desks share one key folder). */
const backupKey = async (dir: string, dataDir: string): Promise<Buffer> => (await unlockBackup(dir, null, [deskBackupIdentity(osKeyStore(), dataDir)!])).backupKey;

const count = (file: string, table: string, key: Buffer): number => {
  const db = openSqlite(file, { readonly: true, fileMustExist: true, key });
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

/** An insider who holds the center's signing key: rewrites the manifest's hash and signs it again. */
async function rehash(dir: string, dataDir: string): Promise<void> {
  const sha = await sha256File(path.join(dir, 'intake.db'));
  rewriteManifest(dir, (m) => {
    m.database.sha256 = sha;
  });
  const core = testCore({ dataDir });
  try {
    const signer = centerSigner(core.ctx);
    const bytes = fs.readFileSync(path.join(dir, BACKUP_MANIFEST));
    const sig = { suite: signer.suite, keyId: signer.keyId, publicKey: signer.publicKey, signature: signBytes(signer, bytes).toString('base64') };
    fs.writeFileSync(path.join(dir, BACKUP_SIGNATURE), JSON.stringify(sig));
  } finally {
    core.close();
  }
}

/** Changes a backup's database with its own key (as someone holding that key could). */
async function tamper(dir: string, dataDir: string, change: (db: Database) => void): Promise<void> {
  const key = await backupKey(dir, dataDir);
  const db = openSqlite(path.join(dir, 'intake.db'), { fileMustExist: true, key });
  try {
    change(db);
  } finally {
    db.close();
  }
}

const noClearText = (dir: string, needles: string[]): void => {
  for (const name of fs.readdirSync(dir, { recursive: true }) as string[]) {
    const file = path.join(dir, name);
    if (!fs.statSync(file).isFile()) continue;
    const bytes = fs.readFileSync(file);
    for (const n of needles) expect(bytes.includes(Buffer.from(n)), `${name} holds ${n} in clear`).toBe(false);
  }
};

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
    const total = await writer.stop();
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const result = JSON.parse(r.stdout) as { verified: boolean; manifest: BackupManifest };
    expect(result.verified).toBe(true);
    expect(during).toBeGreaterThan(0); // the desk kept writing while the backup ran
    expect(fs.readdirSync(out).sort()).toEqual(['attachments', 'backup-key.age', 'intake.db', 'manifest.json', 'manifest.sig.json']);
    expect(result.manifest).toMatchObject({ formatVersion: 2, database: { cipher: 'sqlcipher4' }, attachments: { sealed: true }, key: { recipients: 2 } });
    // Encrypted: nobody reads it without the backup's key, which is not the desk's.
    expect(() => openSqlite(path.join(out, 'intake.db'), { readonly: true })).toThrow(/key is wrong/);
    expect(() => openSqlite(path.join(out, 'intake.db'), { readonly: true, key: deskKey(dataDir) })).toThrow(/key is wrong/);
    noClearText(out, ['王芳', '13912345678', '征地补偿款', '附件 1 ']);
    const db = openSqlite(path.join(out, 'intake.db'), { readonly: true, key: await backupKey(out, dataDir) });
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(db.pragma('journal_mode', { simple: true })).toBe('delete'); // one self-contained file
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

  it("the app's backup is copied in a thread of its own while the desk registers; daily ones hard-link attachments", async () => {
    const { core, dataDir } = desk(300);
    const out = path.join(dataDir, 'backups', 'steps');
    let registered = 0;
    let stop = false;
    const loop = (): void => {
      if (stop) return;
      register(core);
      registered += 1;
      setImmediate(loop);
    };
    setImmediate(loop);
    const r = await makeBackup(core.ctx, out, { linkAttachments: true });
    stop = true;
    expect(registered).toBeGreaterThan(0); // the desk's thread was free while the copy ran
    const key = await backupKey(out, dataDir);
    const matters = count(path.join(out, 'intake.db'), 'matters', key);
    expect(matters).toBeGreaterThanOrEqual(300);
    expect(matters).toBeLessThanOrEqual(300 + registered);
    await expect(inspectBackup(out, dataDir, { key })).resolves.toMatchObject({ schemaVersion: SCHEMA_VERSION });
    const sha = (core.ctx.db.prepare('SELECT sha256 FROM attachments LIMIT 1').get() as { sha256: string }).sha256;
    expect(fs.statSync(attachmentPath(out, sha)).ino).toBe(fs.statSync(attachmentPath(dataDir, sha)).ino);
    expect(r.manifest.attachments).toMatchObject({ count: 60, sealed: false });
    core.close();
  });

  it('refuses an existing target and a folder without a database', () => {
    const { core, dataDir } = desk(1);
    core.close();
    const out = tempDir('intake-bk-');
    expect(intake('backup', '--data', dataDir, '--out', out)).toMatchObject({ status: 1, stderr: expect.stringMatching(/already exists/) });
  });
});

describe('intake restore', () => {
  it('round trip: restores database and attachments, keeping the current database aside', { timeout: 90_000 }, async () => {
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
    const res = JSON.parse(r.stdout) as { keptAside: string; attachmentsCopied: number; schemaVersion: number; knownKey: boolean };
    expect(res).toMatchObject({ schemaVersion: SCHEMA_VERSION, attachmentsCopied: shas.length, knownKey: true });
    expect(path.basename(res.keptAside)).toMatch(/^intake\.db\.before-restore-\d{8}-\d{6}$/);
    expect(count(path.join(dataDir, 'intake.db'), 'matters', deskKey(dataDir))).toBe(50);
    expect(count(res.keptAside, 'matters', deskKey(dataDir))).toBe(57); // nothing deleted: the later data is kept aside
    for (const sha of shas) expect(createHash('sha256').update(fs.readFileSync(attachmentPath(dataDir, sha))).digest('hex')).toBe(sha);
    const reopened = testCore({ dataDir });
    expect(reopened.call(LOCAL_SESSION, 'system.info', {})).toMatchObject({ ok: true, value: { township: { code: 'ZMQ' } } });
    expect(register(reopened).matterId).toBe(51);
    reopened.close();
  });

  it('on another machine only the paper recovery key opens a backup', { timeout: 90_000 }, async () => {
    const { core } = desk(12);
    const out = path.join(tempDir('intake-bk-'), 'usb');
    await makeBackup(core.ctx, out, { linkAttachments: false });
    const recovery = recoveryKeyStatus(core.ctx, true).pending!;
    expect(recovery).toMatch(/^AGE-SECRET-KEY-1/);
    core.close();
    // A new machine: its own (empty) key store, a new data folder.
    const env = { ...process.env, INTAKE_DATA: '', INTAKE_KEYS: tempDir('intake-keys-') };
    const target = tempDir('intake-new-');
    const run = (input: string | null) =>
      spawnSync(process.execPath, ['--import', 'tsx', 'core/cli/main.ts', 'restore', '--data', target, '--from', out, ...(input === null ? [] : ['--recovery-key'])], {
        encoding: 'utf8',
        env,
        input: input ?? undefined,
      });
    expect(run(null)).toMatchObject({ status: 1, stderr: expect.stringMatching(/give the paper recovery key/) });
    expect(run('AGE-SECRET-KEY-1NOTAKEY')).toMatchObject({ status: 1, stderr: expect.stringMatching(/not a recovery key/) });
    const ok = run(`${recovery}\n`);
    expect(ok.stderr).toBe('');
    expect(ok.stdout).toMatch(/was taken as this center's/);
    const keys = { env: { INTAKE_KEYS: env.INTAKE_KEYS } };
    const key = databaseKey(target, path.join(target, 'intake.db'), osKeyStore(keys)).key;
    expect(count(path.join(target, 'intake.db'), 'matters', key)).toBe(12);
  });

  it('replaces a damaged current database (kept aside as it was), re-verifies attachments already there, and carries attachments missing at backup time as a warning', async () => {
    const { core, dataDir, shas } = desk(10);
    fs.rmSync(attachmentPath(dataDir, shas[0]!)); // already lost before the backup
    const out = path.join(tempDir('intake-bk-'), 'b');
    const made = await makeBackup(core.ctx, out, { linkAttachments: false });
    core.close();
    expect(made.manifest.attachments).toMatchObject({ count: shas.length - 1, missing: [shas[0]] });
    fs.writeFileSync(attachmentPath(dataDir, shas[1]!), 'rotted'); // a damaged file the backup holds whole
    fs.writeFileSync(path.join(dataDir, 'intake.db'), Buffer.alloc(8192, 0x5a)); // the disk ate it
    const r = await restoreIntoDataDir(dataDir, out, { now: new Date('2026-11-24T01:02:03Z'), keys: osKeyStore() });
    expect(r.inspection.missingAtBackup).toEqual([shas[0]]);
    expect(r.inspection.damagedPresent).toEqual([shas[1]]);
    expect(await sha256File(attachmentPath(dataDir, shas[1]!))).toBe(shas[1]);
    expect(r.keptAside).toBe(path.join(dataDir, 'intake.db.before-restore-20261124-090203'));
    expect(fs.readFileSync(r.keptAside!)).toEqual(Buffer.alloc(8192, 0x5a));
    expect(count(path.join(dataDir, 'intake.db'), 'matters', deskKey(dataDir))).toBe(10);
  });

  describe('refusals leave the current database untouched', { timeout: 90_000 }, () => {
    async function setup(): Promise<{ dataDir: string; out: string; before: Record<string, string> }> {
      const { core, dataDir } = desk(120);
      const out = path.join(tempDir('intake-bk-'), 'b');
      await makeBackup(core.ctx, out, { linkAttachments: false });
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

    it('a backup with bytes flipped in the middle of its database, or a manifest changed after signing', async () => {
      const { dataDir, out, before } = await setup();
      const file = path.join(out, 'intake.db');
      const bytes = fs.readFileSync(file);
      const mid = Math.floor(bytes.length / 2);
      for (let i = 0; i < 16; i++) bytes[mid + i] = bytes[mid + i]! ^ 0xff;
      fs.writeFileSync(file, bytes);
      refused(dataDir, out, /does not match the SHA-256/, before);
      rewriteManifest(out, (m) => {
        m.database.sha256 = createHash('sha256').update(bytes).digest('hex');
      });
      refused(dataDir, out, /does not match its signature/, before);
      fs.rmSync(path.join(out, BACKUP_SIGNATURE));
      refused(dataDir, out, /not a complete, signed Township Intake backup/, before);
    });

    it("a backup signed by another center's key", async () => {
      const { dataDir, before } = await setup();
      const other = desk(3);
      const foreign = path.join(tempDir('intake-bk-'), 'foreign');
      await makeBackup(other.core.ctx, foreign, { linkAttachments: false });
      other.core.close();
      refused(dataDir, foreign, /not this center's/, before);
    });

    it('a re-signed backup whose audit triggers were dropped and a trigger added that makes every new user an admin', async () => {
      const { dataDir, out, before } = await setup();
      await tamper(out, dataDir, (db) => {
        const triggers = db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger'").all() as { name: string }[];
        expect(triggers.length).toBeGreaterThan(0);
        for (const t of triggers) db.exec(`DROP TRIGGER "${t.name}"`);
        db.exec("CREATE TRIGGER evil AFTER INSERT ON users BEGIN UPDATE users SET role = 'admin' WHERE id = new.id; END");
      });
      await rehash(out, dataDir);
      refused(dataDir, out, /schema is not exactly that of schema version \d+ .*unexpected trigger evil/, before);
    });

    it('a re-signed backup written by a newer schema, or missing a table', async () => {
      const { dataDir, out, before } = await setup();
      await tamper(out, dataDir, (db) => db.pragma(`user_version = ${SCHEMA_VERSION + 1}`));
      await rehash(out, dataDir);
      refused(dataDir, out, /newer version of Township Intake/, before);
      await tamper(out, dataDir, (db) => {
        db.pragma(`user_version = ${SCHEMA_VERSION}`);
        db.exec('DROP TABLE level_skips');
      });
      await rehash(out, dataDir);
      refused(dataDir, out, /missing table level_skips/, before);
    });

    it('a damaged attachment, a cut-off backup, and something that is not a backup', async () => {
      const { dataDir, out, before } = await setup();
      const some = fs.readdirSync(path.join(out, 'attachments'))[0]!;
      const file = path.join(out, 'attachments', some, fs.readdirSync(path.join(out, 'attachments', some))[0]!);
      const bytes = fs.readFileSync(file);
      bytes[20] = bytes[20]! ^ 1;
      fs.writeFileSync(file, bytes);
      refused(dataDir, out, /attachment .* fails its authentication tag/, before);
      fs.rmSync(path.join(out, BACKUP_MANIFEST));
      refused(dataDir, out, /not a complete/, before);
      const junk = path.join(tempDir(), 'junk.db');
      fs.writeFileSync(junk, 'this is not a database '.repeat(400));
      refused(dataDir, junk, /not a complete/, before);
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

  it('knows the schema of every schema version', () => {
    const names = (v: number) => expectedSchema(v).filter((o) => o.type === 'table').map((o) => o.name);
    expect(names(1)).toEqual(expect.arrayContaining(['settings', 'townships', 'villages']));
    expect(names(SCHEMA_VERSION)).toEqual(expect.arrayContaining(['persons', 'matters', 'visits', 'attachments']));
    expect(expectedSchema(SCHEMA_VERSION).some((o) => o.type === 'trigger')).toBe(true);
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

  it('makes at most one backup per Beijing day, each restorable', { timeout: 60_000 }, async () => {
    const clock = movable('2026-11-24T09:00:00+08:00');
    const core = testCore({ township: 'ZMQ', clock });
    register(core, true);
    const s = createBackupScheduler(core.ctx);
    const root = path.join(core.ctx.dataDir, BACKUPS_DIR);
    expect(await s.runDue()).toMatchObject({ kind: 'made', dir: path.join(root, '2026-11-24') });
    clock.set('2026-11-24T23:59:00+08:00');
    expect(await s.runDue()).toMatchObject({ kind: 'exists' });
    clock.set('2026-11-25T00:01:00+08:00'); // 16:01 UTC on the 24th: a new day in Beijing
    register(core);
    expect(await s.runDue()).toMatchObject({ kind: 'made', dir: path.join(root, '2026-11-25') });
    expect(fs.readdirSync(root).sort()).toEqual(['2026-11-24', '2026-11-25']);
    const last = path.join(root, '2026-11-25');
    const key = await backupKey(last, core.ctx.dataDir);
    await expect(inspectBackup(last, core.ctx.dataDir, { key })).resolves.toMatchObject({ attachments: [expect.any(String)] });
    expect(count(path.join(last, 'intake.db'), 'matters', key)).toBe(2);
    core.close();
  });

  it('keeps 30 days by default, honours the backup.keepDays setting, runs one backup at a time, and cleans only its own folders', { timeout: 60_000 }, async () => {
    const clock = movable('2026-11-24T09:00:00+08:00');
    const core = testCore({ township: 'ZMQ', clock });
    const s = createBackupScheduler(core.ctx);
    const root = path.join(core.ctx.dataDir, BACKUPS_DIR);
    expect(await pruneBackups(root, '2026-11-24', 30)).toEqual([]);
    for (const day of ['2026-10-20', '2026-10-25', '2026-10-26']) fs.mkdirSync(path.join(root, day), { recursive: true });
    expect(await pruneBackups(root, '2026-11-24', 30)).toEqual(['2026-10-20', '2026-10-25']); // 30 days: 10-26 … 11-24
    for (let d = 0; d < 3; d++) {
      await s.runDue();
      clock.addDays(1);
    }
    expect(fs.readdirSync(root).sort()).toEqual(['2026-11-24', '2026-11-25', '2026-11-26']); // 10-26 fell out of the 30 days on 11-25
    fs.mkdirSync(path.join(root, '2026-11-20.partial')); // a backup cut off by a power cut
    fs.mkdirSync(path.join(root, 'keep-me'));
    setKeepDays(core.ctx.db, 2);
    const [a, b] = await Promise.all([s.runDue(), s.runDue()]);
    expect(a).toMatchObject({ kind: 'made', pruned: ['2026-11-20.partial', '2026-11-24', '2026-11-25'] });
    expect(b).toEqual({ kind: 'busy' });
    expect(fs.readdirSync(root).sort()).toEqual(['2026-11-26', '2026-11-27', 'keep-me']);
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
    expect(() => openForBackup(dir, null)).toThrow(/no database/);
    expect(fs.existsSync(path.join(dir, 'intake.db'))).toBe(false);
  });
});

describe('the paper recovery key', () => {
  it('is shown while the desk holds it, forgotten once the admin confirms it is printed, and still opens the backups made before', { timeout: 90_000 }, async () => {
    const { core, dataDir } = desk(3);
    const out = path.join(tempDir('intake-bk-'), 'b');
    await makeBackup(core.ctx, out, { linkAttachments: false });
    const status = core.call(LOCAL_SESSION, 'keys.recovery', {});
    expect(status).toMatchObject({ ok: true, value: { pending: true, printedAt: null, recipient: expect.stringMatching(/^age1/) } });
    const shownCall = core.call<'keys.recoveryShow'>(LOCAL_SESSION, 'keys.recoveryShow', {});
    if (!shownCall.ok) throw new Error(shownCall.code);
    const secret = shownCall.value.secret;
    expect(core.call(LOCAL_SESSION, 'keys.recoveryPrinted', {})).toMatchObject({ ok: true, value: { pending: false, printedAt: expect.any(String) } });
    expect(core.call(LOCAL_SESSION, 'keys.recoveryShow', {})).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    expect(core.call(LOCAL_SESSION, 'keys.recoveryPrinted', {})).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    // Nothing of the secret is left on this machine, in the key folder or the data folder.
    const holds = (dir: string) =>
      (fs.readdirSync(dir, { recursive: true }) as string[]).some((n) => fs.statSync(path.join(dir, n)).isFile() && fs.readFileSync(path.join(dir, n), 'utf8').includes(secret));
    expect(holds(dataDir)).toBe(false);
    expect(holds(process.env.INTAKE_KEYS!)).toBe(false);
    core.close();
    // Only the paper opens the backup now, on a machine without this desk's backup identity.
    await expect(unlockBackup(out, null, [])).rejects.toThrow(/give the paper recovery key/);
    await expect(unlockBackup(out, null, [secret])).resolves.toMatchObject({ knownKey: false });
  });

  it('is printed by `intake keys recovery` and forgotten with --printed', { timeout: 90_000 }, () => {
    const { core, dataDir } = desk(1);
    core.close();
    const first = intake('keys', 'recovery', '--data', dataDir);
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(/^ {2}AGE-SECRET-KEY-1[0-9A-Z]{58}$/m);
    expect(intake('keys', 'recovery', '--data', dataDir, '--printed')).toMatchObject({ status: 0, stdout: expect.stringMatching(/forgotten/) });
    expect(intake('keys', 'recovery', '--data', dataDir).stdout).toMatch(/no longer holds it/);
  });
});
