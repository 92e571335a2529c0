import type { Command } from 'commander';
import { DATA_OPTION, CliError, withCli } from '../support.js';

export function registerAudit(program: Command): void {
  const audit = program.command('audit').description('the tamper-evident audit trail');
  audit
    .command('verify')
    .description('walk the SHA-256 chain of the audit trail and name the first broken entry')
    .option(...DATA_OPTION)
    .action(async (_opts: unknown, cmd: Command) => {
      const r = await withCli(cmd, (cli) => cli.call('audit.verify', {}));
      if (!r.ok) throw new CliError(`audit chain broken at entry ${r.brokenAt} (of ${r.entries} read): it was edited, removed or inserted`);
      console.log(`audit chain intact: ${r.entries} entries, head ${r.head}`);
    });
}
