/**
 * Issue 18 on the command line: `intake county assign` hands a batch down, `intake bundle import`
 * takes it in at the desk (and again changes nothing), `intake county import` answers a bundle with
 * a receipt that `intake bundle import` takes in, `intake county batches` shows the batch, and a
 * damaged file is refused with nothing imported. The real commander program, in-process.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { openCore } from '../../core/app.js';
import { setCounty } from '../../core/bundle/county-setting.js';
import { IntakeError } from '../../core/kernel/errors.js';
import { createLogger } from '../../core/kernel/log.js';
import { CliError } from '../../core/cli/support.js';
import { registerBundle } from '../../core/cli/commands/bundle.js';
import { registerKeys } from '../../core/cli/commands/keys.js';
import { registerCounty } from '../../core/cli/commands/county.js';
import { tempDir } from '../helpers/core.js';
import { makeId } from '../helpers/ids.js';

async function intake(...args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  const program = new Command('intake').exitOverride();
  program.configureOutput({ writeOut: () => {}, writeErr: () => {} });
  registerBundle(program);
  registerKeys(program);
  registerCounty(program);
  const out: string[] = [];
  const { log } = console;
  console.log = (...a: unknown[]) => void out.push(a.join(' '));
  try {
    await program.parseAsync(['node', 'intake', ...args]);
    return { status: 0, stdout: out.join('\n'), stderr: '' };
  } catch (e) {
    const x = e as { code?: string; exitCode?: number; message?: string };
    if (x.code?.startsWith('commander.')) return { status: x.exitCode ?? 1, stdout: out.join('\n'), stderr: x.message ?? '' };
    if (!(e instanceof CliError || e instanceof IntakeError)) throw e;
    return { status: 1, stdout: out.join('\n'), stderr: `error: ${x.message}` };
  } finally {
    console.log = log;
  }
}

describe('the loop on the command line', () => {
  it('assign → bundle import → export → county import with a receipt → bundle import of the receipt → batches', async () => {
    const root = tempDir('intake-loop-cli-');
    const county = path.join(root, 'county');
    const data = path.join(root, 'desk');
    expect((await intake('county', 'init', '--county', county)).status).toBe(0);
    const core = openCore({ dataDir: data, township: 'ZMQ', log: createLogger(null, 'silent') });
    core.ctx.db.transaction(() => setCounty(core.ctx, { card: fs.readFileSync(path.join(county, 'county-card.json'), 'utf8') }))();
    core.close();
    const key = JSON.parse((await intake('keys', 'show', '--data', data, '--json')).stdout) as { publicKey: string; fingerprint: string; recipient: string };
    expect(key.recipient).toMatch(/^age1/);
    const shown = await intake('keys', 'show', '--data', data);
    expect(shown.stdout).toContain(`recipient:   ${key.recipient}`);

    // Without the recipient the county cannot send anything down.
    const items = path.join(root, 'items.json');
    fs.writeFileSync(
      items,
      JSON.stringify([
        { person: { name: '王五', idNumber: makeId('1960-01-01', 21) }, category: '劳动社保', request: '工资拖欠', deadline: '2099-01-31', leader: '李镇长' },
        { person: { name: '赵六' }, category: '城乡建设', request: '道路维修', deadline: '2099-02-28' },
      ]),
    );
    expect((await intake('county', 'trust', 'add', '--county', county, '--township', 'ZMQ', '--key', key.publicKey, '--fingerprint', key.fingerprint)).status).toBe(0);
    const early = await intake('county', 'assign', '--county', county, '--township', 'ZMQ', '--source', '省联席办', '--batch', '2026 第3批', '--items', items);
    expect(early.status).toBe(1);
    expect(early.stderr).toMatch(/no age recipient/);
    expect((await intake('county', 'trust', 'recipient', '--county', county, '--key', key.fingerprint, '--recipient', key.recipient)).status).toBe(0);

    // A bad item is refused before anything is sealed.
    fs.writeFileSync(path.join(root, 'bad.json'), JSON.stringify([{ person: { name: '王五' }, category: '没有这类', request: 'x', deadline: '2099-01-31' }]));
    const bad = await intake('county', 'assign', '--county', county, '--township', 'ZMQ', '--source', '省联席办', '--batch', 'x', '--items', path.join(root, 'bad.json'));
    expect(bad).toMatchObject({ status: 1 });
    expect(bad.stderr).toMatch(/items\.0\.category/);

    const assigned = await intake('county', 'assign', '--county', county, '--township', 'ZMQ', '--source', '省联席办', '--batch', '2026 第3批', '--items', items);
    expect(assigned.status, assigned.stderr).toBe(0);
    expect(assigned.stdout).toContain('assigned:  2 matters to');
    const file = /file:\s+(\S+)/.exec(assigned.stdout)![1]!;
    expect(fs.existsSync(file)).toBe(true);

    // A damaged copy is refused at the desk, nothing imported.
    const damaged = path.join(root, 'damaged.assign');
    const bytes = fs.readFileSync(file);
    bytes[bytes.length - 20] = bytes[bytes.length - 20]! ^ 0x40;
    fs.writeFileSync(damaged, bytes);
    const refused = await intake('bundle', 'import', damaged, '--data', data);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/refused: .*nothing was imported/);

    const imported = await intake('bundle', 'import', file, '--data', data);
    expect(imported.status, imported.stderr).toBe(0);
    expect(imported.stdout).toContain('交办件 1: 省联席办 2026 第3批, 2 matters');
    expect((await intake('bundle', 'import', file, '--data', data)).stdout).toContain('already imported');

    const exported = await intake('bundle', 'export', '--data', data);
    expect(exported.status, exported.stderr).toBe(0);
    const bundle = /bundle:\s+(\S+)/.exec(exported.stdout)![1]!;
    const countyImport = await intake('county', 'import', bundle, '--county', county);
    expect(countyImport.status, countyImport.stderr).toBe(0);
    const receipt = /receipt:\s+(\S+\.receipt)/.exec(countyImport.stdout)![1]!;
    const took = await intake('bundle', 'import', receipt, '--data', data);
    expect(took.stdout).toContain('receipt 1: bundle 1 imported');

    const status = await intake('bundle', 'status', '--data', data);
    expect(status.stdout).toMatch(/bundle +1 +\S+ +received by the county/);

    const batches = await intake('county', 'batches', '--county', county);
    expect(batches.stdout).toContain('省联席办 2026 第3批: 2 handed down, 0 resolved');
    expect(batches.stdout).toMatch(/ZMQ\)\s+2 handed down, 2 tracked, 0 resolved/);
  }, 60_000);
});
