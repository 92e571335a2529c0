import path from 'node:path';
import type { Command } from 'commander';
import { importWithReceipt } from '../../bundle/receipt.js';
import { CliError } from '../support.js';
import { COUNTY_OPTION, DB_OPTION, formatCounts, MAX_SIZE_OPTION, parseSize, townshipLabel, withCounty, type CountyOpts } from '../county-support.js';

export function registerCountyImport(county: Command): void {
  county
    .command('import')
    .description('verify a bundle, then import it in one transaction; a refused bundle is quarantined with the reason')
    .argument('<file>', 'the bundle')
    .option(...COUNTY_OPTION)
    .option(...DB_OPTION)
    .option(...MAX_SIZE_OPTION, parseSize)
    .option('--accept-gap', 'accept a FULL bundle although earlier bundles are missing (they were lost for good)')
    .action(async (file: string, opts: CountyOpts & { acceptGap?: boolean }) => {
      await withCounty(opts, async (desk) => {
        const out = await importWithReceipt(desk, path.resolve(file), { acceptGap: opts.acceptGap });
        // The receipt for the township (imported, already imported, or refused with the reason).
        if (out.receipt) console.log(`receipt:   ${out.receipt.file} (give it to the township: intake bundle import)`);
        else if (out.receiptError) console.log(`receipt:   none (${out.receiptError.message})`);
        if (!out.ok) {
          throw new CliError(`bundle refused: ${out.error.message}${out.quarantined ? `\nquarantined: ${out.quarantined}` : ''}\nthe county database was not changed`);
        }
        const r = out.report;
        if (r.status === 'already') {
          console.log(`already imported: ${townshipLabel(r.township)} bundle ${r.sequence}; nothing changed`);
          return;
        }
        console.log(`imported:  ${townshipLabel(r.township)} bundle ${r.sequence} (${r.full ? 'full' : 'changes'})`);
        if (r.bridged) console.log(`gap:       bundles ${r.bridged.from}–${r.bridged.to} were never imported; this full bundle replaces what they held`);
        console.log(`records:   ${formatCounts(r.counts)}`);
        console.log(`files:     ${r.attachments} attachments`);
      });
    });
}
