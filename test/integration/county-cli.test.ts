/**
 * The county's and the township's bundle commands end to end. Most runs drive the real commander
 * program in-process (the same modules `intake` registers, the same error-to-exit-code rule as
 * core/cli/main.ts) so a dozen refusals stay fast; a few spawn the real `intake` to prove the wiring.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../../core/app.js';
import { exportBundle } from '../../core/bundle/export.js';
import { setCounty } from '../../core/bundle/county-setting.js';
import { IntakeError } from '../../core/kernel/errors.js';
import { createLogger } from '../../core/kernel/log.js';
import { CliError } from '../../core/cli/support.js';
import { registerBundle } from '../../core/cli/commands/bundle.js';
import { registerKeys } from '../../core/cli/commands/keys.js';
import { registerCounty } from '../../core/cli/commands/county.js';
import { craft, dbDigest, entry, movableClock, dropPgDatabases, pgTestDatabase, registerOne, sha256, TEST_PG } from '../helpers/bundle.js';
import { openCountyStore } from '../../core/store/county-store.js';
import { tempDir } from '../helpers/core.js';

interface Run {
  status: number;
  stdout: string;
  stderr: string;
}

/** The bundle commands in-process, with main.ts's rule: a CliError or IntakeError is one line and exit 1. */
async function intake(...args: string[]): Promise<Run> {
  const program = new Command('intake').exitOverride();
  program.configureOutput({ writeOut: () => {}, writeErr: () => {} });
  registerBundle(program);
  registerKeys(program);
  registerCounty(program);
  const out: string[] = [];
  const err: string[] = [];
  const { log, error } = console;
  console.log = (...a: unknown[]) => void out.push(a.join(' '));
  console.error = (...a: unknown[]) => void err.push(a.join(' '));
  try {
    await program.parseAsync(['node', 'intake', ...args]);
    return { status: 0, stdout: out.join('\n'), stderr: err.join('\n') };
  } catch (e) {
    const x = e as { code?: string; exitCode?: number; message?: string };
    if (x.code?.startsWith('commander.')) return { status: x.exitCode ?? 1, stdout: out.join('\n'), stderr: x.message ?? '' };
    if (!(e instanceof CliError || e instanceof IntakeError)) throw e;
    return { status: 1, stdout: out.join('\n'), stderr: [...err, `error: ${x.message}`].join('\n') };
  } finally {
    console.log = log;
    console.error = error;
  }
}

/** The real `intake`, as a county clerk would run it. */
const spawnIntake = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'core/cli/main.ts', ...args], { encoding: 'utf8', env: { ...process.env, INTAKE_DATA: '', INTAKE_COUNTY: '' } });

const root = tempDir('intake-county-cli-');
const countyDir = path.join(root, 'county');
const deskDir = path.join(root, 'desk');
const countyDb = path.join(countyDir, 'county.db');
const restored = path.join(root, 'restored');

/** Each desk's township, set when it is first opened. */
const townships = new Map<string, string>();
function desk(dir = deskDir, clock?: ReturnType<typeof movableClock>): Core {
  return openCore({ dataDir: dir, township: townships.get(dir) ?? 'ZMQ', log: createLogger(null, 'silent'), clock });
}
/** Runs fn on a desk opened for it, closed after. */
async function onDesk<T>(fn: (core: Core) => Promise<T> | T, dir = deskDir): Promise<T> {
  const core = desk(dir);
  try {
    return await fn(core);
  } finally {
    core.close();
  }
}
const publicKey = async (dir: string) => JSON.parse((await intake('keys', 'show', '--data', dir, '--json')).stdout) as { publicKey: string; fingerprint: string };

/** A desk whose key the county trusts, for a township code. */
async function trustedDesk(dir: string, township: string): Promise<void> {
  townships.set(dir, township);
  await onDesk(() => undefined, dir);
  const k = await publicKey(dir);
  expect((await intake('county', 'trust', 'add', '--county', countyDir, '--township', township, '--key', k.publicKey, '--fingerprint', k.fingerprint)).status).toBe(0);
  expect((await intake('bundle', 'set-county', '--data', dir, '--card', path.join(countyDir, 'county-card.json'))).status).toBe(0);
}

let b1 = '';
let b2 = '';

beforeAll(async () => {
  const init = await intake('county', 'init', '--county', countyDir);
  expect(init.status).toBe(0);
  await onDesk((core) => {
    registerOne(core, '张三');
    registerOne(core, '李四');
  });
  await trustedDesk(deskDir, 'ZMQ');
  const e1 = await intake('bundle', 'export', '--data', deskDir);
  expect(e1.status).toBe(0);
  b1 = e1.stdout.match(/^bundle:\s+(.+)$/m)![1]!;
  await onDesk((core) => registerOne(core, '王五'));
  b2 = (await intake('bundle', 'export', '--data', deskDir)).stdout.match(/^bundle:\s+(.+)$/m)![1]!;
  // A copy of the desk as it is now: restored from a backup later, it re-uses sequence 3 (a fork).
  fs.cpSync(deskDir, restored, { recursive: true });
  await onDesk((core) => registerOne(core, '赵六'), restored);
}, 60_000);

afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe('intake county (in-process)', () => {
  it('init made the county folder with private keys readable by the owner only', () => {
    for (const f of ['root.key', 'age.key']) expect(fs.statSync(path.join(countyDir, f)).mode & 0o777).toBe(0o600);
    expect(JSON.parse(fs.readFileSync(path.join(countyDir, 'county-card.json'), 'utf8'))).toMatchObject({ rootKey: expect.stringMatching(/^ed25519:/) });
  });

  it('verify prints township, sequence, counts, signature and chain, and writes nothing', async () => {
    const before = dbDigest(countyDb);
    const r = await intake('county', 'verify', b1, '--county', countyDir);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/township:\s+张母桥镇 \(ZMQ\)/);
    expect(r.stdout).toMatch(/sequence:\s+1 \(full\)/);
    expect(r.stdout).toMatch(/records:\s+.*persons 2.*matters 2/);
    expect(r.stdout).toMatch(/signature: valid, Ed25519 key [0-9A-F ]{39}, trusted for ZMQ/);
    expect(r.stdout).toMatch(/chain:\s+first bundle from ZMQ/);
    expect(r.stdout).toMatch(/files:\s+2 attachments/);
    expect(dbDigest(countyDb)).toBe(before);
  });

  it('imports in order; the same bundle twice changes nothing', async () => {
    expect(await intake('county', 'import', b1, '--db', countyDb)).toMatchObject({ status: 0, stdout: expect.stringMatching(/imported:\s+张母桥镇 \(ZMQ\) bundle 1 \(full\)/) });
    const before = dbDigest(countyDb);
    expect(await intake('county', 'import', b1, '--db', countyDb)).toMatchObject({ status: 0, stdout: expect.stringMatching(/already imported.*nothing changed/) });
    expect(dbDigest(countyDb)).toBe(before);
    expect(await intake('county', 'import', b2, '--db', countyDb)).toMatchObject({ status: 0, stdout: expect.stringMatching(/bundle 2 \(changes\)[\s\S]*persons 1,/) });
  });

  describe('refuses, exit 1, a specific message, the county database unchanged, the file quarantined', () => {
    const cases: [string, () => Promise<string[]>, RegExp][] = [];
    const refuse = (name: string, make: () => Promise<string[]>, message: RegExp) => cases.push([name, make, message]);
    const mutate = (fn: (b: Buffer) => Buffer) => async () => {
      const f = path.join(tempDir(), 'mutated.bundle');
      fs.writeFileSync(f, fn(fs.readFileSync(b2)));
      return [f];
    };

    refuse('a flipped byte', mutate((b) => ((b[b.length - 100] = b[b.length - 100]! ^ 0x40), b)), /does not match its signed hash/);
    refuse('a flipped signature byte', mutate((b) => {
      const at = b.indexOf('"sig":"') + 12;
      b[at] = b[at] === 0x41 ? 0x42 : 0x41;
      return b;
    }), /signature is not valid/);
    refuse('a truncated bundle', mutate((b) => b.subarray(0, b.length - 7)), /truncated/);
    refuse('a replayed bundle', async () => [b1], /Replay: bundle sequence is older than the last imported one/);
    refuse('a gap', async () => {
      await onDesk((core) => exportBundle(core.ctx));
      return [(await onDesk((core) => exportBundle(core.ctx))).file]; // 4 before 3
    }, /Gap: .*expected 3/);
    refuse('entries reordered', async () => {
      const second = entry('tables/villages.ndjson', `${JSON.stringify({ id: 999, township_code: 'ZMQ', name: '新村', created_at: '2026-01-01' })}\n`);
      return [
        await onDesk((core) =>
          craft(core, { info: { recipient: readRecipient() } } as never, {
            chain: { sequence: 3, previous: sha256(fs.readFileSync(b2)) },
            manifest: (m) => ({ ...m, files: [...m.files, { path: second.path, size: second.size, sha256: sha256(second.bytes!) }], counts: { ...m.counts, villages: { rows: 1, deletes: 0 } } }),
            entries: (e) => [second, ...e],
          }),
        ),
      ];
    }, /not in manifest order/);
    refuse('a path traversal', async () => [
      await onDesk((core) =>
        craft(core, { info: { recipient: readRecipient() } } as never, {
          chain: { sequence: 3, previous: sha256(fs.readFileSync(b2)) },
          manifest: (m) => ({ ...m, files: [...m.files, { path: '../../.bashrc', size: 1, sha256: sha256('x') }] }),
          entries: (e) => [...e, entry('../../.bashrc', 'x')],
        }),
      ),
    ], /illegal path \(path traversal refused\)/);
    refuse('an oversized bundle', async () => [b2, '--max-size', '1K'], /exceeds the size limit/);
    refuse('a key the county does not know', async () => {
      const dir = path.join(tempDir(), 'stranger');
      await onDesk((core) => {
        core.ctx.db.transaction(() => setCounty(core.ctx, { recipient: readRecipient() }))();
      }, dir);
      return [(await onDesk((core) => exportBundle(core.ctx), dir)).file];
    }, /signed by a key that is not in the trust file/);
    refuse('a revoked key', async () => {
      const dir = path.join(tempDir(), 'revoked');
      await trustedDesk(dir, 'CG');
      const k = await publicKey(dir);
      const file = (await onDesk((core) => exportBundle(core.ctx), dir)).file;
      expect((await intake('county', 'trust', 'revoke', '--county', countyDir, '--key', k.fingerprint, '--reason', 'desk stolen')).status).toBe(0);
      return [file];
    }, /revoked key.*desk stolen/);
    refuse('an expired bundle', async () => {
      const dir = path.join(tempDir(), 'old');
      await trustedDesk(dir, 'XT');
      const clock = movableClock('2026-01-05T09:00:00+08:00');
      const core = desk(dir, clock);
      try {
        return [(await exportBundle(core.ctx, { validDays: 7 })).file];
      } finally {
        core.close();
      }
    }, /Bundle has expired/);
    refuse("another county's key", async () => {
      const other = path.join(tempDir(), 'other-county');
      expect((await intake('county', 'init', '--county', other)).status).toBe(0);
      const dir = path.join(tempDir(), 'misaddressed');
      await trustedDesk(dir, 'TX');
      expect((await intake('bundle', 'set-county', '--data', dir, '--card', path.join(other, 'county-card.json'), '--replace-root')).status).toBe(0);
      return [(await onDesk((core) => exportBundle(core.ctx), dir)).file];
    }, /not encrypted to this county's key/);

    // Last: it imports sequence 3 from the real desk first (exported by the gap case above).
    refuse('a fork', async () => {
      expect((await intake('county', 'import', path.join(deskDir, 'exports', 'ZMQ-000003.bundle'), '--county', countyDir)).status).toBe(0);
      return [(await onDesk((core) => exportBundle(core.ctx, { full: true }), restored)).file];
    }, /Fork: .*sequence 3 was imported already with other content/);

    it.each(cases)('%s', async (_name, make, message) => {
      const [file, ...extra] = await make();
      const before = dbDigest(countyDb);
      const quarantined = fs.readdirSync(path.join(countyDir, 'quarantine')).length;
      const r = await intake('county', 'import', file!, '--county', countyDir, ...extra);
      expect(r.status).not.toBe(0);
      expect(r.stderr).toMatch(/^error: bundle refused: /);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).toMatch(/the county database was not changed/);
      expect(dbDigest(countyDb)).toBe(before);
      expect(fs.readdirSync(path.join(countyDir, 'quarantine')).length).toBeGreaterThan(quarantined);
    });
  });

  it('report lists each township with its last sequence, records and the quarantine', async () => {
    const r = await intake('county', 'report', '--county', countyDir);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/张母桥镇 \(ZMQ\): bundle 3 \(3 imported\)/);
    expect(r.stdout).toMatch(/persons 3/);
    expect(r.stdout).toMatch(/audit trail: \d+ entries \(head [0-9a-f]{12}…\), continuous across 3 bundles/);
    expect(r.stdout).toMatch(/quarantined: \d+/);
    const json = JSON.parse((await intake('county', 'report', '--county', countyDir, '--json')).stdout);
    expect(json.townships.find((t: { township: string }) => t.township === 'ZMQ')).toMatchObject({ lastSequence: 3, records: { persons: 3, matters: 3 }, audit: { proven: 2, unproven: [] } });
  });

  it('key rotation: the certificate signed by the old key brings the new key into the trust file', async () => {
    const dir = path.join(tempDir(), 'rotating');
    await trustedDesk(dir, 'WFH');
    const first = (await onDesk((core) => exportBundle(core.ctx), dir)).file;
    const rot = await intake('keys', 'rotate', '--data', dir, '--suite', 'sm2');
    expect(rot.status).toBe(0);
    const cert = rot.stdout.match(/^certificate:\s+(.+)$/m)![1]!;
    const second = (await onDesk((core) => exportBundle(core.ctx), dir)).file;
    expect((await intake('county', 'import', first, '--county', countyDir)).status).toBe(0);
    expect(await intake('county', 'import', second, '--county', countyDir)).toMatchObject({ status: 1, stderr: expect.stringMatching(/not in the trust file/) });
    expect(await intake('county', 'trust', 'add', '--county', countyDir, '--rotation', cert)).toMatchObject({ status: 0, stdout: expect.stringMatching(/introduced by/) });
    expect(await intake('county', 'import', second, '--county', countyDir)).toMatchObject({ status: 0, stdout: expect.stringMatching(/bundle 2/) });
    const list = await intake('county', 'trust', 'list', '--county', countyDir);
    expect(list.stdout).toMatch(/万佛湖镇 \(WFH\).*sm2/);
  });
});

if (!TEST_PG) console.warn('intake county --db postgres://…: skipped, INTAKE_TEST_PG is not set (bash scripts/pg-test-cluster.sh start prints it)');
describe.skipIf(!TEST_PG)('intake county on a PostgreSQL server (--db postgres://…)', () => {
  afterAll(dropPgDatabases);
  const digest = async (url: string) => {
    const store = await openCountyStore(url);
    try {
      return await store.digest();
    } finally {
      await store.close();
    }
  };

  it('imports into the server, the same bundle twice changes nothing, and the report reads it back', async () => {
    const url = await pgTestDatabase();
    expect(await intake('county', 'import', b1, '--county', countyDir, '--db', url)).toMatchObject({ status: 0, stdout: expect.stringMatching(/imported:\s+张母桥镇 \(ZMQ\) bundle 1 \(full\)/) });
    const before = await digest(url);
    expect(await intake('county', 'import', b1, '--county', countyDir, '--db', url)).toMatchObject({ status: 0, stdout: expect.stringMatching(/already imported.*nothing changed/) });
    expect(await digest(url)).toBe(before);
    const bad = path.join(tempDir(), 'truncated.bundle');
    fs.writeFileSync(bad, fs.readFileSync(b2).subarray(0, 500));
    expect(await intake('county', 'import', bad, '--county', countyDir, '--db', url)).toMatchObject({ status: 1, stderr: expect.stringMatching(/bundle refused: Bundle is truncated/) });
    expect(await digest(url)).toBe(before);
    expect(await intake('county', 'import', b2, '--county', countyDir, '--db', url)).toMatchObject({ status: 0, stdout: expect.stringMatching(/bundle 2 \(changes\)/) });
    const json = JSON.parse((await intake('county', 'report', '--county', countyDir, '--db', url, '--json')).stdout);
    expect(json.townships.find((t: { township: string }) => t.township === 'ZMQ')).toMatchObject({ lastSequence: 2, records: { persons: 3 } });
  });

  it('a server that cannot be reached is one clear line, exit 1, nothing quarantined', async () => {
    const quarantined = fs.readdirSync(path.join(countyDir, 'quarantine')).length;
    const r = await intake('county', 'import', b1, '--county', countyDir, '--db', 'postgresql://postgres@/nowhere?host=/nonexistent-socket-dir');
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^error: The county database server cannot be reached/);
    expect(fs.readdirSync(path.join(countyDir, 'quarantine')).length).toBe(quarantined);
  });
});

describe('the real intake command', () => {
  it('lists the bundle commands and refuses a bad bundle with exit code 1 and an English message', () => {
    const help = spawnIntake('county', '--help');
    expect(help.status).toBe(0);
    for (const c of ['init', 'trust', 'verify', 'import', 'report']) expect(help.stdout).toContain(c);
    const before = dbDigest(countyDb);
    const bad = path.join(tempDir(), 'bad.bundle');
    fs.writeFileSync(bad, Buffer.concat([fs.readFileSync(b1).subarray(0, 200)]));
    const r = spawnIntake('county', 'import', bad, '--county', countyDir);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^error: bundle refused: Bundle is truncated/);
    expect(dbDigest(countyDb)).toBe(before);
  }, 30_000);
});

function readRecipient(): string {
  return (JSON.parse(fs.readFileSync(path.join(countyDir, 'county.json'), 'utf8')) as { recipient: string }).recipient;
}
