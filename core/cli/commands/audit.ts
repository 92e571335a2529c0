import type { Command } from 'commander';
import { DATA_OPTION, CliError, withCli } from '../support.js';

export function registerAudit(program: Command): void {
  const audit = program.command('audit').description('the tamper-evident audit trail');
  audit
    .command('verify')
    .description('walk the SHA-256 chain of the audit trail, check its signed checkpoints, and name what does not hold')
    .option(...DATA_OPTION)
    .action(async (_opts: unknown, cmd: Command) => {
      const r = await withCli(cmd, (cli) => cli.call('audit.verify', {}));
      if (!r.ok) throw new CliError(r.problem ?? `audit chain broken at entry ${r.brokenAt} (of ${r.entries} read)`);
      console.log(`audit chain intact: ${r.entries} entries, head ${r.head}`);
      const last = r.lastCheckpoint ? `, the last at ${r.lastCheckpoint.entries} entries (${r.lastCheckpoint.reason}, ${r.lastCheckpoint.at})` : '';
      console.log(`signed checkpoints: ${r.checkpoints}${last}; ${r.unsigned} entries since; signed by ${r.signers.join(', ') || 'no key yet'}`);
    });
}
