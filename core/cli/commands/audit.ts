import type { Command } from 'commander';
import { DATA_OPTION, CliError, withCore } from '../support.js';
import { verifyAudit } from '../../store/audit.js';

export function registerAudit(program: Command): void {
  const audit = program.command('audit').description('the tamper-evident audit trail');
  audit
    .command('verify')
    .description('walk the SHA-256 chain of the audit trail and name the first broken entry')
    .option(...DATA_OPTION)
    .action((opts: { data?: string }) => {
      const r = withCore(opts.data, (core) => verifyAudit(core.ctx.db));
      if (!r.ok) throw new CliError(`audit chain broken at entry ${r.brokenAt} (of ${r.entries} read): it was edited, removed or inserted`);
      console.log(`audit chain intact: ${r.entries} entries, head ${r.head}`);
    });
}
