import { spawnSync } from 'node:child_process';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { openDeskFile, tempDir, testCore } from '../helpers/core.js';
import { appendAudit } from '../../core/store/audit.js';
import { SCHEMA_VERSION } from '../../core/store/migrations/index.js';

const intake = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'core/cli/main.ts', ...args], { encoding: 'utf8', env: { ...process.env, INTAKE_DATA: '' } });

describe('intake CLI', () => {
  it('prints help with its commands', () => {
    const r = intake('--help');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Usage: intake');
    expect(r.stdout).toContain('info');
  });

  it('info --data DIR creates the database and prints the schema version', () => {
    const dir = tempDir();
    const r = intake('info', '--data', dir);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`schema version: ${SCHEMA_VERSION}\\b`));
    expect(r.stdout).toContain(`data folder:    ${dir}`);
    const json = JSON.parse(intake('info', '--data', dir, '--json').stdout);
    expect(json).toMatchObject({ schemaVersion: SCHEMA_VERSION, county: '舒城县', township: null });
  });

  it('refuses a database from a newer program with an English message and exit code 1', () => {
    const dir = tempDir();
    const db = new BetterSqlite3(path.join(dir, 'intake.db'));
    db.pragma('user_version = 99');
    db.close();
    const r = intake('info', '--data', dir);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/newer version of Township Intake/);
  });

  it('rejects an unknown command with a non-zero exit', () => {
    const r = intake('frobnicate');
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/unknown command/);
  });
});

describe('the built program under plain Node', () => {
  // tsx and vite smooth over CommonJS interop that Node's own ESM loader refuses; the shipped build
  // runs under the latter, so load every module of it once the way production does.
  it('loads the compiled CLI (and with it the whole core) without tsx', () => {
    const built = path.resolve('out/node/core/cli/main.js');
    const r = spawnSync(process.execPath, [built, 'info', '--data', tempDir(), '--json'], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ schemaVersion: SCHEMA_VERSION });
  });
});

describe('intake admin and audit', () => {
  it('creates the first admin from stdin, and audit verify finds an edited entry', () => {
    const dir = tempDir();
    const created = spawnSync(process.execPath, ['--import', 'tsx', 'core/cli/main.ts', 'admin', 'create', '--data', dir, '--username', 'admin', '--name', '王管理', '--password-stdin'], {
      encoding: 'utf8',
      input: 'Desk-Keeper-2026\n',
    });
    expect(created.stderr).toBe('');
    expect(created.stdout).toContain('created admin admin');
    const weak = spawnSync(process.execPath, ['--import', 'tsx', 'core/cli/main.ts', 'admin', 'create', '--data', dir, '--username', 'second', '--name', '李', '--password-stdin'], {
      encoding: 'utf8',
      input: 'weak\n',
    });
    expect(weak.status).toBe(1);
    expect(weak.stderr).toMatch(/10\+ characters/);

    const ok = intake('audit', 'verify', '--data', dir);
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(/audit chain intact: 2 entries/);

    const db = openDeskFile(dir);
    db.exec('DROP TRIGGER audit_log_no_update');
    db.prepare("UPDATE audit_log SET actor = 'someone-else' WHERE id = 1").run();
    db.close();
    const broken = intake('audit', 'verify', '--data', dir);
    expect(broken.status).toBe(1);
    expect(broken.stderr).toMatch(/audit chain broken at entry 1/);
  }, 60_000); // four CLI processes, each compiling the core from source (tsx)
});

describe('intake audit verify and signed checkpoints', () => {
  it('reports a trail cut after a checkpoint, which the chain alone would not show', () => {
    const dir = tempDir();
    const core = testCore({ dataDir: dir, township: 'ZMQ' });
    core.ctx.db.transaction(() => {
      for (let i = 0; i < 120; i++) appendAudit(core.ctx.db, { at: '2026-11-24T01:00:00.000Z', actor: 'admin', action: 'villages.add', target: `village:${i}`, outcome: 'ok' });
    })();
    core.close();
    const ok = intake('audit', 'verify', '--data', dir);
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(/audit chain intact: 120 entries/);
    expect(ok.stdout).toMatch(/signed checkpoints: 1, the last at 100 entries \(interval, .*\); 20 entries since; signed by [0-9A-F ]{39}/);

    const db = openDeskFile(dir);
    db.exec('DROP TRIGGER audit_log_no_delete');
    db.prepare('DELETE FROM audit_log WHERE id > 90').run();
    db.close();
    const cut = intake('audit', 'verify', '--data', dir);
    expect(cut.status).toBe(1);
    expect(cut.stderr).toMatch(/audit trail cut: a signed checkpoint of 2026-11-24T01:00:00.000Z records 100 entries, only 90 remain/);
  });
});

describe('intake CLI through the contract', () => {
  const auditRows = (dir: string) => {
    const db = openDeskFile(dir, { readonly: true });
    try {
      return db.prepare('SELECT actor, action, outcome FROM audit_log ORDER BY id').all() as { actor: string; action: string; outcome: string }[];
    } finally {
      db.close();
    }
  };
  const withInput = (input: string, ...args: string[]) =>
    spawnSync(process.execPath, ['--import', 'tsx', 'core/cli/main.ts', ...args], { encoding: 'utf8', input, env: { ...process.env, INTAKE_DATA: '' } });

  it('records contract method names with cli:<os user>, or the account named by --as', async () => {
    const { generateX25519Identity, identityToRecipient } = await import('age-encryption');
    const recipient = await identityToRecipient(await generateX25519Identity());
    const dir = tempDir();
    expect(withInput('Desk-Keeper-2026\n', 'admin', 'create', '--data', dir, '--username', 'wangli', '--name', '王丽', '--password-stdin').status).toBe(0);
    const r = intake('bundle', 'set-county', '--data', dir, '--recipient', recipient);
    expect(r.status, r.stderr).toBe(0);
    const as = withInput('Desk-Keeper-2026\n', '--as', 'wangli', 'bundle', 'set-county', '--data', dir, '--recipient', recipient);
    expect(as.status, as.stderr).toBe(0);
    const wrong = withInput('not-the-password\n', '--as', 'wangli', 'info', '--data', dir);
    expect(wrong.status).toBe(1);
    expect(wrong.stderr).toMatch(/^error: /);
    const os = (await import('node:os')).userInfo().username;
    const rows = auditRows(dir).filter((x) => x.action === 'bundles.setCounty');
    expect(rows).toEqual([
      { actor: `cli:${os}`, action: 'bundles.setCounty', outcome: 'ok' },
      { actor: 'wangli', action: 'bundles.setCounty', outcome: 'ok' },
    ]);
    // No hand-written action names: every action the CLI left is a contract method.
    const { contract } = await import('../../core/api/contract/index.js');
    expect(auditRows(dir).map((x) => x.action).filter((a) => !(a in contract))).toEqual([]);
  });
});
