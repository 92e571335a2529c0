/**
 * Files only their owner can read: after a data folder has been used (register with an attachment,
 * export a bundle, rotate the key, back up, write logs), no file or folder in it is open to group or
 * others; modes a copy or an older version left wider are repaired when the core opens. As root (CI),
 * another account (`nobody`) is shown unable to read each file, through the folders as they are and
 * through folders opened for traversal (so each file's own mode is what stops it).
 */
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../../core/app.js';
import { createLogger } from '../../core/kernel/log.js';
import { LOCAL_SESSION } from '../../core/kernel/session.js';
import { exportBundle } from '../../core/bundle/export.js';
import { rotateCenterKey } from '../../core/bundle/center-keys.js';
import { setCounty } from '../../core/bundle/county-setting.js';
import { makeBackup } from '../../core/services/make-backup.js';
import { fixedClock, tempDir } from '../helpers/core.js';
import { newCounty, registerOne, T0, trustTownship } from '../helpers/bundle.js';

const open: { close(): void }[] = [];
afterEach(() => {
  for (const o of open.splice(0)) o.close();
});

/** Every file and folder under root (not following links), with its mode. */
function walk(root: string): { path: string; dir: boolean; mode: number }[] {
  const out: { path: string; dir: boolean; mode: number }[] = [];
  const visit = (p: string) => {
    const st = fs.lstatSync(p);
    out.push({ path: p, dir: st.isDirectory(), mode: st.mode & 0o777 });
    if (st.isDirectory()) for (const n of fs.readdirSync(p)) visit(path.join(p, n));
  };
  visit(root);
  return out;
}

/** A parent other accounts may enter, so only the data folder's own modes protect it. */
function openParent(): string {
  const parent = tempDir('intake-perm-');
  fs.chmodSync(parent, 0o755);
  return path.join(parent, 'data');
}

async function usedDataFolder(): Promise<{ dataDir: string; core: Core; countyDir: string }> {
  const dataDir = openParent();
  const county = await newCounty();
  open.push(county);
  const core = openCore({ dataDir, township: 'ZMQ', clock: fixedClock(T0), log: createLogger(dataDir, 'info') });
  open.push(core);
  core.ctx.db.transaction(() => setCounty(core.ctx, { card: fs.readFileSync(path.join(county.dir, 'county-card.json'), 'utf8') }))();
  await trustTownship(county, core);
  registerOne(core); // a person, a visit, a matter and an attachment file
  core.call(LOCAL_SESSION, 'villages.add', { name: '甲村' }); // a logged write
  await exportBundle(core.ctx);
  rotateCenterKey(core.ctx); // keys/rotation-….json
  await makeBackup(core.ctx, path.join(dataDir, 'backups', '2026-11-24'), { linkAttachments: true });
  return { dataDir, core, countyDir: county.dir };
}

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const runuser = ['/usr/sbin/runuser', '/sbin/runuser', '/usr/bin/runuser'].find((p) => fs.existsSync(p));
const nobodyCan = (file: string) => spawnSync(runuser!, ['-u', 'nobody', '--', 'cat', file], { stdio: 'ignore' }).status === 0;

describe.skipIf(process.platform === 'win32')('owner-only data folder', () => {
  it('leaves no file or folder readable by group or others after register, export, rotation, backup and logs', async () => {
    const { dataDir } = await usedDataFolder();
    const all = walk(dataDir);
    const names = all.map((e) => path.relative(dataDir, e.path));
    // What the folder holds by now: every kind of file the desk writes.
    for (const expected of [/^intake\.db$/, /^intake\.db-wal$/, /^intake\.db-shm$/, /^logs\/intake\.log$/, /^keys\/signing-[0-9a-f]{32}\.key$/, /^keys\/rotation-[0-9a-f]{32}\.json$/, /^attachments\/[0-9a-f]{2}\/[0-9a-f]{64}$/, /^exports\/ZMQ-000001\.bundle$/, /^backups\/2026-11-24\/intake\.db$/, /^backups\/2026-11-24\/manifest\.json$/, /^backups\/2026-11-24\/attachments\/[0-9a-f]{2}\/[0-9a-f]{64}$/]) {
      expect(names.some((n) => expected.test(n)), String(expected)).toBe(true);
    }
    const wide = all.filter((e) => (e.mode & 0o077) !== 0).map((e) => `${path.relative(dataDir, e.path) || '.'} ${e.mode.toString(8)}`);
    expect(wide).toEqual([]);
    for (const e of all) expect(e.mode, e.path).toBe(e.dir ? 0o700 : 0o600);
  });

  it('repairs wider modes when the core opens (an older version, a copy, a restore)', async () => {
    const { dataDir, core } = await usedDataFolder();
    core.close();
    open.splice(open.indexOf(core), 1);
    fs.chmodSync(dataDir, 0o755);
    fs.chmodSync(path.join(dataDir, 'intake.db'), 0o644);
    fs.chmodSync(path.join(dataDir, 'exports'), 0o755);
    fs.writeFileSync(path.join(dataDir, 'exports', 'copied-in.bundle'), 'x', { mode: 0o644 });
    fs.chmodSync(path.join(dataDir, 'exports', 'copied-in.bundle'), 0o644);
    const again = openCore({ dataDir, township: 'ZMQ', log: createLogger(null, 'silent') });
    open.push(again);
    expect(walk(dataDir).filter((e) => (e.mode & 0o077) !== 0)).toEqual([]);
  });

  it('keeps the county folder owner-only too', async () => {
    const { countyDir } = await usedDataFolder();
    expect(walk(countyDir).filter((e) => (e.mode & 0o077) !== 0).map((e) => e.path)).toEqual([]);
  });

  const reason = !isRoot ? 'not running as root' : !runuser ? 'runuser is not installed' : null;
  if (reason) console.log(`skipped "another account cannot read any file": ${reason} (CI runs it as root)`);
  it.skipIf(reason !== null)('as root: another account (nobody) cannot read any file, even through folders it may traverse', async () => {
    const { dataDir } = await usedDataFolder();
    const all = walk(dataDir);
    const files = all.filter((e) => !e.dir).map((e) => e.path);
    expect(files.length).toBeGreaterThan(10);
    // 1. As the folders are: the 0700 data folder alone keeps nobody out.
    for (const f of files) expect(nobodyCan(f), f).toBe(false);
    // 2. Folders opened for traversal (0711): now each file's own 0600 is what refuses.
    const dirs = all.filter((e) => e.dir);
    for (const d of dirs) fs.chmodSync(d.path, 0o711);
    try {
      const control = path.join(dataDir, 'control.txt');
      fs.writeFileSync(control, 'readable', { mode: 0o644 });
      fs.chmodSync(control, 0o644);
      expect(nobodyCan(control)).toBe(true); // the check can see a readable file
      fs.rmSync(control);
      for (const f of files) expect(nobodyCan(f), f).toBe(false);
    } finally {
      for (const d of dirs) fs.chmodSync(d.path, 0o700);
    }
  });
});
