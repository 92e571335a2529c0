import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { assignInput } from '../../api/contract/county.js';
import { assignBatch, batchView } from '../../services/county-assign.js';
import { CliError } from '../support.js';
import { COUNTY_OPTION, DB_OPTION, townshipLabel, withCounty, type CountyOpts } from '../county-support.js';

/** 交办件: a batch of matters for one township, signed, numbered, chained and encrypted to it (issue 18). */
export function registerCountyAssign(county: Command): void {
  county
    .command('assign')
    .description('hand a batch of matters (交办件) down to one township: a signed, encrypted bundle in COUNTY/outbox/')
    .requiredOption('--township <code>', 'township code, e.g. ZMQ')
    .requiredOption('--source <text>', 'who handed them down, e.g. 省联席办')
    .requiredOption('--batch <text>', 'the batch, e.g. "2026 第3批"')
    .requiredOption('--items <file>', 'a JSON array of matters: {person:{name,idNumber?,phone?,address?}, category, request, deadline, leader?, purpose?, facts?}')
    .option('--valid-days <n>', 'days the township will accept it (1..90, default 30)', (v) => Number(v))
    .option(...COUNTY_OPTION)
    .option(...DB_OPTION)
    .action(async (opts: CountyOpts & { township: string; source: string; batch: string; items: string; validDays?: number }) => {
      let items: unknown;
      try {
        items = JSON.parse(fs.readFileSync(path.resolve(opts.items), 'utf8'));
      } catch (err) {
        throw new CliError(`--items: cannot read a JSON array from ${opts.items} (${(err as Error).message})`);
      }
      const parsed = assignInput.safeParse({ township: opts.township, source: opts.source, batch: opts.batch, validDays: opts.validDays, items });
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        throw new CliError(`invalid ${issue.path.join('.') || 'input'}: ${issue.message}`);
      }
      await withCounty(opts, async (desk) => {
        const r = await assignBatch(desk, parsed.data);
        console.log(`assigned:  ${r.items} matters to ${townshipLabel(r.township)} (${opts.source} ${opts.batch}), bundle ${r.sequence}`);
        console.log(`file:      ${path.join(desk.dir, 'outbox', r.fileName)} (give it to the township: intake bundle import)`);
      });
    });

  county
    .command('batches')
    .description('交办件 batches: handed down and resolved, per township')
    .option(...COUNTY_OPTION)
    .option(...DB_OPTION)
    .action(async (opts: CountyOpts) => {
      await withCounty(opts, async (desk) => {
        const v = await batchView(desk);
        if (v.batches.length === 0) return console.log('no 交办件 handed down yet');
        for (const b of v.batches) {
          console.log(`${b.source} ${b.batch}: ${b.handedDown} handed down, ${b.resolved} resolved`);
          for (const t of b.townships) console.log(`  ${townshipLabel(t.township).padEnd(16)} ${t.handedDown} handed down, ${t.tracked} tracked, ${t.resolved} resolved`);
        }
      });
    });
}
