import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { openCore } from '../../app.js';
import { setCounty } from '../../bundle/county-setting.js';
import { DEFAULT_VALID_DAYS, exportBundle } from '../../bundle/export.js';
import { bundleStatus } from '../../services/bundles.js';
import { appendAudit } from '../../store/audit.js';
import { resolveDataDir } from '../../store/data-dir.js';
import { createLogger } from '../../log.js';
import { progressBar } from '../progress.js';
import { DATA_OPTION, withCore } from '../support.js';
import { formatBytes, formatCounts } from '../county-support.js';

function days(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > 365) throw new InvalidArgumentError('1..365 days');
  return n;
}

/** The township's side: export a bundle, tell the desk the county's key, see where things stand. */
export function registerBundle(program: Command): void {
  const bundle = program.command('bundle').description("case bundles for the county bureau (the township's side)");

  bundle
    .command('export')
    .description('export everything changed since the last bundle (or everything with --full) as a signed, encrypted bundle')
    .option(...DATA_OPTION)
    .option('--out <file>', 'where to write it (default: DATA/exports/<TOWNSHIP>-<sequence>.bundle)')
    .option('--full', 'carry every record, not only the changes')
    .option('--valid-days <n>', `days the county will accept it (default ${DEFAULT_VALID_DAYS})`, days)
    .action(async (opts: { data?: string; out?: string; full?: boolean; validDays?: number }) => {
      const dataDir = resolveDataDir({ flag: opts.data });
      const core = openCore({ dataDir, log: createLogger(dataDir) });
      try {
        const bar = progressBar('exporting', 100);
        const r = await exportBundle(core.ctx, { out: opts.out, full: opts.full, validDays: opts.validDays, onProgress: (p) => bar.update(Math.floor(p.fraction * 100)) });
        bar.done();
        core.ctx.db.transaction(() =>
          appendAudit(core.ctx.db, { at: core.ctx.clock.now().toISOString(), actor: 'local', action: 'bundles.export', target: `bundle:${r.sequence}`, outcome: 'ok' }),
        )();
        console.log(`bundle:    ${r.file}`);
        console.log(`sequence:  ${r.sequence} (${r.full ? 'full' : 'changes since the last bundle'})`);
        console.log(`size:      ${formatBytes(r.size)}, ${r.attachments} attachments`);
        console.log(`records:   ${formatCounts(r.counts)}`);
        console.log(`sha256:    ${r.sha256}`);
        console.log(`signed by: ${r.keyFingerprint}`);
        console.log(`expires:   ${r.expiresAt}`);
      } finally {
        core.close();
      }
    });

  bundle
    .command('set-county')
    .description("set the county's key: its signed card (from `intake county init`) or a bare age recipient")
    .option(...DATA_OPTION)
    .option('--card <file>', 'county-card.json from the county bureau')
    .option('--fingerprint <fp>', 'the root fingerprint the county read out (checked against the card)')
    .option('--replace-root', 'accept a card signed by another root key than the one set before')
    .option('--recipient <age1…>', 'a bare age recipient, when the county sends no card')
    .action((opts: { data?: string; card?: string; fingerprint?: string; replaceRoot?: boolean; recipient?: string }) => {
      const card = opts.card ? fs.readFileSync(path.resolve(opts.card), 'utf8') : undefined;
      const r = withCore(opts.data, (core) =>
        core.ctx.db.transaction(() => {
          const set = setCounty(core.ctx, { card, recipient: opts.recipient, fingerprint: opts.fingerprint, replaceRoot: opts.replaceRoot });
          appendAudit(core.ctx.db, { at: core.ctx.clock.now().toISOString(), actor: 'local', action: 'bundles.setCounty', target: '', outcome: 'ok' });
          return set;
        })(),
      );
      console.log(`county:    ${r.name ?? '(no card)'}`);
      console.log(`recipient: ${r.recipient}`);
      console.log(`root key:  ${r.rootFingerprint ?? 'none (recipient typed in, not from a signed card)'}`);
    });

  bundle
    .command('status')
    .description("this desk's signing key, the county's key, the last bundle and changes waiting")
    .option(...DATA_OPTION)
    .option('--json', 'print as JSON')
    .action((opts: { data?: string; json?: boolean }) => {
      const s = withCore(opts.data, (core) => bundleStatus(core.ctx));
      if (opts.json) return console.log(JSON.stringify(s, null, 2));
      console.log(`signing key: ${s.key ? `${s.key.fingerprint} (${s.key.suite}, ${s.key.storage}${s.key.available ? '' : ', NOT AVAILABLE HERE'})` : 'none'}`);
      console.log(`county:      ${s.county.set ? `${s.county.name ?? ''} ${s.county.recipient}` : 'not set (intake bundle set-county)'}`);
      console.log(`last bundle: ${s.last ? `${s.last.sequence} at ${s.last.createdAt}: ${s.last.file}` : 'none yet'}`);
      console.log(`waiting:     ${s.pending} changes`);
    });
}
