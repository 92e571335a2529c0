import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { localDate } from '../../domain/local-time.js';
import { tableCounts } from '../../store/bulk.js';
import { seedDatabase, SeedError } from '../../seed/generate.js';
import { localInstant } from '../../seed/calendar.js';
import { progressBar } from '../progress.js';
import { CliError, DATA_OPTION, withCli } from '../support.js';

function positiveInt(v: string): number {
  const n = Number(v.replaceAll('_', '').replaceAll(',', ''));
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('must be a positive whole number');
  return n;
}

/** YYYY-MM-DD, or an ISO date-time with its offset (2026-11-24T16:00+08:00) to end at that instant. */
function untilArg(v: string): string {
  const day = /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`));
  const instant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(v) && !Number.isNaN(Date.parse(v));
  if (!day && !instant) throw new InvalidArgumentError('must be YYYY-MM-DD or an ISO date-time with offset');
  return v;
}

interface SeedFlags {
  data?: string;
  persons: number;
  township?: string;
  seed: string;
  until?: string;
  years: number;
  json?: boolean;
}

export function registerSeed(program: Command): void {
  program
    .command('seed')
    .description('fill an empty data folder with synthetic persons, matters and visits (for benchmarks and demos)')
    .option(...DATA_OPTION)
    .requiredOption('--persons <n>', 'how many persons (visits are about twice that)', positiveInt)
    .option('--township <code>', "the center's township (default: the one set, else ZMQ)")
    .option('--seed <s>', 'random seed: the same seed, persons and --until give the same data', '1')
    .option('--until <date>', 'the last day of the data, YYYY-MM-DD (ends 17:30 that day), or the instant it ends (default: now)', untilArg)
    .option('--years <n>', 'years of history', positiveInt, 10)
    .option('--json', 'print the summary as JSON on stdout')
    .action(async (opts: SeedFlags, cmd: Command) => {
      // The bulk rows go straight into the store (the point is speed); the settings go through the contract.
      const summary = await withCli(cmd, ({ core, call }) => {
        const info = call('system.info', {});
        const township = opts.township ?? info.township?.code ?? 'ZMQ';
        if (info.township?.code !== township) call('system.configure', { township });
        // --until D: the data ends at closing time that day (now, if D is today); --until T: at T.
        const now = core.ctx.clock.now();
        const end = !opts.until
          ? now
          : opts.until.includes('T')
            ? new Date(opts.until)
            : opts.until === localDate(now)
              ? now
              : localInstant(opts.until, 17.5 * 3_600_000);
        const bar = progressBar('seeding persons', opts.persons);
        try {
          const s = seedDatabase(core.ctx.db, {
            persons: opts.persons,
            township,
            seed: opts.seed,
            end,
            years: opts.years,
            onProgress: (done) => bar.update(done),
          });
          bar.done();
          const counts = tableCounts(core.ctx.db, ['persons', 'person_phones', 'matters', 'visits', 'visit_persons', 'matter_persons']);
          return { ...s, township, seed: opts.seed, counts, maxRssMiB: Math.round(process.resourceUsage().maxRSS / 1024) };
        } catch (err) {
          bar.done();
          if (err instanceof SeedError) throw new CliError(err.message);
          throw err;
        }
      });
      if (opts.json) return console.log(JSON.stringify(summary, null, 2));
      const n = new Intl.NumberFormat('en-US');
      console.log(`Seeded ${summary.township} with seed ${summary.seed}, ${summary.from} to ${summary.until}:`);
      console.log(`  persons        ${n.format(summary.persons)}`);
      console.log(`  matters        ${n.format(summary.matters)}  (group ${n.format(summary.groupMatters)}, joint ${n.format(summary.jointMatters)}, level-skipping records ${n.format(summary.levelSkips)})`);
      console.log(`  visits         ${n.format(summary.visits)}  (repeat ${n.format(summary.repeatVisits)}, visitor entries ${n.format(summary.visitPersons)})`);
      console.log(`  time           ${summary.seconds.toFixed(1)} s, peak memory ${n.format(summary.maxRssMiB)} MiB`);
    });
}
