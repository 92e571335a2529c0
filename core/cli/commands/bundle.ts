import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { DEFAULT_VALID_DAYS } from '../../bundle/export.js';
import { ERROR_MESSAGES, type ErrorCode } from '../../kernel/errors.js';
import { progressBar } from '../progress.js';
import { CliError, DATA_OPTION, withCli } from '../support.js';
import { formatBytes, formatCounts } from '../county-support.js';
import type { InboundResultDto } from '../../domain/views/bundles.js';

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
    .action(async (opts: { out?: string; full?: boolean; validDays?: number }, cmd: Command) => {
      await withCli(cmd, async ({ call }) => {
        const bar = progressBar('exporting', 100);
        // The same job the admin page starts: checked at once, then run and polled.
        let job = call('bundles.exportStart', { full: Boolean(opts.full), out: opts.out ? path.resolve(opts.out) : undefined, validDays: opts.validDays });
        while (job.state === 'running') {
          await new Promise((r) => setTimeout(r, 100));
          job = call('bundles.exportStatus', { jobId: job.id });
          bar.update(job.percent);
        }
        bar.done();
        if (job.state === 'failed' || !job.result) throw new CliError(job.error ? (ERROR_MESSAGES[job.error.code as ErrorCode]?.en ?? job.error.code) : 'export failed');
        const r = job.result;
        console.log(`bundle:    ${r.file}`);
        console.log(`sequence:  ${r.sequence} (${r.full ? 'full' : 'changes since the last bundle'})`);
        console.log(`size:      ${formatBytes(r.size)}, ${r.attachments} attachments`);
        console.log(`records:   ${formatCounts(r.counts)}`);
        console.log(`sha256:    ${r.sha256}`);
        console.log(`signed by: ${r.keyFingerprint}`);
        console.log(`expires:   ${r.expiresAt}`);
      });
    });

  bundle
    .command('set-county')
    .description("set the county's key: its signed card (from `intake county init`) or a bare age recipient")
    .option(...DATA_OPTION)
    .option('--card <file>', 'county-card.json from the county bureau')
    .option('--fingerprint <fp>', 'the root fingerprint the county read out (checked against the card)')
    .option('--replace-root', 'accept a card signed by another root key than the one set before')
    .option('--recipient <age1…>', 'a bare age recipient, when the county sends no card')
    .action(async (opts: { card?: string; fingerprint?: string; replaceRoot?: boolean; recipient?: string }, cmd: Command) => {
      const card = opts.card ? fs.readFileSync(path.resolve(opts.card), 'utf8') : undefined;
      const s = await withCli(cmd, ({ call }) =>
        call('bundles.setCounty', { card, recipient: opts.recipient, fingerprint: opts.fingerprint, replaceRoot: Boolean(opts.replaceRoot) }),
      );
      console.log(`county:    ${s.county.name ?? '(no card)'}`);
      console.log(`recipient: ${s.county.recipient}`);
      console.log(`root key:  ${s.county.rootFingerprint ?? 'none (recipient typed in, not from a signed card)'}`);
    });

  bundle
    .command('import')
    .description("import a file from the county: its receipt for a bundle, or a 交办件 batch (checked first; one transaction)")
    .argument('<file>', 'a .receipt or .assign file from the county')
    .option(...DATA_OPTION)
    .action(async (file: string, _opts: unknown, cmd: Command) => {
      const bytes = fs.readFileSync(path.resolve(file));
      await withCli(cmd, async ({ call }) => {
        let job = call('bundles.importFromCounty', { fileName: path.basename(file), dataBase64: bytes.toString('base64') });
        while (job.state === 'running') {
          await new Promise((r) => setTimeout(r, 50));
          job = call('jobs.status', { jobId: job.id });
        }
        if (job.state !== 'done' || !job.result) throw new CliError(`refused: ${job.error ? (ERROR_MESSAGES[job.error.code as ErrorCode]?.en ?? job.error.code) : 'import failed'}; nothing was imported`);
        const r = job.result as unknown as InboundResultDto;
        if (r.already) return console.log(`already imported: county ${r.kind} ${r.sequence}; nothing changed`);
        if (r.receipt) console.log(`receipt ${r.sequence}: bundle ${r.receipt.bundleSequence} ${r.receipt.status}${r.receipt.reason ? ` (${r.receipt.reason})` : ''}`);
        if (r.batch) console.log(`交办件 ${r.sequence}: ${r.batch.source} ${r.batch.name}, ${r.batch.matters} matters (${r.batch.linkedPersons} linked to persons already registered)`);
      });
    });

  bundle
    .command('status')
    .description("this desk's signing key, the county's key, the last bundle and changes waiting")
    .option(...DATA_OPTION)
    .option('--json', 'print as JSON')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      const s = await withCli(cmd, ({ call }) => call('bundles.status', {}));
      if (opts.json) return console.log(JSON.stringify(s, null, 2));
      console.log(`signing key: ${s.key ? `${s.key.fingerprint} (${s.key.suite}, ${s.key.storage}${s.key.available ? '' : ', NOT AVAILABLE HERE'})` : 'none'}`);
      console.log(`county:      ${s.county.set ? `${s.county.name ?? ''} ${s.county.recipient}` : 'not set (intake bundle set-county)'}`);
      console.log(`last bundle: ${s.last ? `${s.last.sequence} at ${s.last.createdAt}: ${s.last.file}` : 'none yet'}`);
      console.log(`waiting:     ${s.pending} changes`);
      // Each bundle's fate as the county's receipts tell it (issue 18).
      const fate = { received: 'received by the county', quarantined: 'QUARANTINED by the county', pending: 'no receipt yet' } as const;
      for (const e of s.exports.slice(0, 10)) {
        const late = e.overdue ? ` (over ${s.receiptDays} days: check with the county)` : '';
        console.log(`  bundle ${String(e.sequence).padStart(4)}  ${e.createdAt}  ${fate[e.fate]}${e.code ? ` [${e.code}]` : ''}${late}`);
      }
    });
}
