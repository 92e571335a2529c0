import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { LOCAL_SESSION } from '../../core/kernel/session.js';
import type { Core } from '../../core/app.js';
import { openCore } from '../../core/app.js';
import { createLogger } from '../../core/kernel/log.js';
import { KEY_ID_FILE } from '../../core/store/database-key.js';
import { ENCRYPTING_SUFFIX } from '../../core/store/encrypt-in-place.js';
import { keysHome } from '../../core/store/os-key-store.js';
import { databaseFileKind, openSqlite } from '../../core/store/sqlite.js';
import { fixedClock, openDeskFile, tempDir, testCore } from '../helpers/core.js';
import { makeId } from '../helpers/ids.js';

const ID = makeId('1968-03-09', 417);
const PHONE = '13955501234';

function register(core: Core, i: number): void {
  const r = core.call(LOCAL_SESSION, 'visits.register', {
    participants: [{ person: { name: i === 0 ? "陶秀英" : "王建国", idNumber: i === 0 ? ID : makeId('1970-01-01', i), phones: [i === 0 ? PHONE : `1398888${String(i).padStart(4, '0')}`] } }],
    visit: { headcount: 1, involved: 1 },
    matter: { purpose: '申诉求决', category: '国土资源水利林业', tags: ['征地拆迁'], request: `要求兑现青苗补偿款第${i}笔` },
    attachments: [],
  });
  if (!r.ok) throw new Error(`registration refused: ${r.code}`);
}

const clear = (dataDir: string): string[] => {
  const found: string[] = [];
  for (const name of fs.readdirSync(dataDir)) {
    const file = path.join(dataDir, name);
    if (!fs.statSync(file).isFile()) continue;
    const bytes = fs.readFileSync(file);
    for (const needle of [ID, PHONE, '陶秀英', '青苗补偿款']) if (bytes.includes(Buffer.from(needle))) found.push(`${name}: ${needle}`);
  }
  return found;
};

const plainCore = (dataDir: string): Core => openCore({ dataDir, clock: fixedClock('2026-11-24T09:00:00+08:00'), log: createLogger(null, 'silent'), township: 'ZMQ', encrypt: false });

describe('the desk database at rest', () => {
  it('is encrypted: database, WAL and SHM hold no name, ID number, phone or grievance in clear, and the key is not in the data folder', () => {
    const dataDir = tempDir();
    const core = testCore({ township: 'ZMQ', dataDir });
    for (let i = 0; i < 30; i++) register(core, i);
    // While the desk is open the records sit in the WAL too.
    expect(fs.existsSync(path.join(dataDir, 'intake.db-wal'))).toBe(true);
    expect(clear(dataDir)).toEqual([]);
    core.close();
    expect(clear(dataDir)).toEqual([]);
    expect(databaseFileKind(path.join(dataDir, 'intake.db'))).toBe('encrypted');
    expect(() => openSqlite(path.join(dataDir, 'intake.db'), { readonly: true })).toThrow(/key is wrong/);
    expect(() => openSqlite(path.join(dataDir, 'intake.db'), { readonly: true, key: Buffer.alloc(32, 7) })).toThrow(/key is wrong/);
    // The data folder names the key; the key itself lives in the key store, outside the folder, owner-only.
    const id = fs.readFileSync(path.join(dataDir, KEY_ID_FILE), 'utf8').trim();
    const keyFile = path.join(keysHome(), `database-${id}.key`);
    expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(path.relative(dataDir, keyFile).startsWith('..')).toBe(true);
    const grep = (dir: string): boolean => fs.readdirSync(dir, { recursive: true }).some((n) => fs.statSync(path.join(dir, String(n))).isFile() && fs.readFileSync(path.join(dir, String(n)), 'utf8').includes(fs.readFileSync(keyFile, 'utf8').trim()));
    expect(grep(dataDir)).toBe(false);
    const db = openDeskFile(dataDir, { readonly: true });
    expect(db.prepare('SELECT count(*) AS n FROM persons').get()).toEqual({ n: 30 });
    expect(db.pragma('cipher', { simple: true })).toBe('sqlcipher');
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
  });

  it('refuses to open without its key, with a message that says what to do, and never makes a new key over an encrypted database', () => {
    const dataDir = tempDir();
    testCore({ township: 'ZMQ', dataDir }).close();
    const id = fs.readFileSync(path.join(dataDir, KEY_ID_FILE), 'utf8').trim();
    const keyFile = path.join(keysHome(), `database-${id}.key`);
    const kept = fs.readFileSync(keyFile);
    fs.rmSync(keyFile);
    expect(() => testCore({ dataDir })).toThrow(/key of this database is not on this machine/);
    fs.rmSync(path.join(dataDir, KEY_ID_FILE)); // and with its name gone too: still no new key
    expect(() => testCore({ dataDir })).toThrow(/key of this database is not on this machine/);
    expect(fs.existsSync(path.join(dataDir, KEY_ID_FILE))).toBe(false);
    fs.writeFileSync(path.join(dataDir, KEY_ID_FILE), `${id}\n`);
    fs.writeFileSync(keyFile, kept, { mode: 0o600 });
    testCore({ dataDir }).close();
  });

  it('converts a plain database of an earlier version at first start: the same rows, no plain file left', () => {
    const dataDir = tempDir();
    const old = plainCore(dataDir);
    for (let i = 0; i < 25; i++) register(old, i);
    const rows = old.ctx.db.prepare('SELECT count(*) AS n FROM matters').get();
    old.close();
    expect(databaseFileKind(path.join(dataDir, 'intake.db'))).toBe('plain');
    expect(clear(dataDir).length).toBeGreaterThan(0); // the earlier version kept everything in clear
    fs.writeFileSync(path.join(dataDir, `intake.db${ENCRYPTING_SUFFIX}`), 'left by a conversion cut off by a crash');

    const now = testCore({ dataDir });
    expect(now.ctx.db.prepare('SELECT count(*) AS n FROM matters').get()).toEqual(rows);
    register(now, 99);
    now.close();
    expect(databaseFileKind(path.join(dataDir, 'intake.db'))).toBe('encrypted');
    expect(clear(dataDir)).toEqual([]);
    expect(fs.readdirSync(dataDir).filter((n) => n.startsWith('intake.db')).sort()).toEqual(['intake.db']);
  });

  it('a conversion killed at any moment leaves either the plain or the encrypted database, whole', { timeout: 120_000 }, async () => {
    const dataDir = tempDir();
    const old = plainCore(dataDir);
    old.ctx.db.exec('CREATE TABLE ballast (b BLOB)');
    const put = old.ctx.db.prepare('INSERT INTO ballast VALUES (randomblob(8000))');
    old.ctx.db.transaction(() => {
      for (let i = 0; i < 4000; i++) put.run(); // ~32 MB: the conversion takes a while
    })();
    for (let i = 0; i < 5; i++) register(old, i);
    old.close();
    const script = `import('./core/app.ts').then((m) => { m.openCore({ dataDir: ${JSON.stringify(dataDir)} }).close(); process.stdout.write('done'); });`;
    for (const delay of [150, 400, 700, 1000, 1400, 2000, 3000]) {
      const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { env: process.env, stdio: ['ignore', 'pipe', 'inherit'] });
      const timer = setTimeout(() => child.kill('SIGKILL'), delay);
      await new Promise((r) => child.on('close', r));
      clearTimeout(timer);
      const kind = databaseFileKind(path.join(dataDir, 'intake.db'));
      expect(['plain', 'encrypted']).toContain(kind);
      const db = kind === 'plain' ? openSqlite(path.join(dataDir, 'intake.db'), { readonly: true }) : openDeskFile(dataDir, { readonly: true });
      expect(db.prepare('SELECT count(*) AS n FROM ballast').get()).toEqual({ n: 4000 });
      expect(db.prepare('SELECT count(*) AS n FROM matters').get()).toEqual({ n: 5 });
      db.close();
      if (kind === 'encrypted') break;
    }
    const core = testCore({ dataDir });
    expect(core.ctx.db.prepare('SELECT count(*) AS n FROM ballast').get()).toEqual({ n: 4000 });
    core.close();
    expect(databaseFileKind(path.join(dataDir, 'intake.db'))).toBe('encrypted');
  });
});
