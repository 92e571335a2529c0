import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { systemClock } from '../../kernel/clock.js';
import { initCounty } from '../../bundle/county.js';
import { isSuite, type Suite } from '../../bundle/suites.js';
import { formatFingerprint } from '../../domain/fingerprint.js';
import { COUNTY_OPTION, countyDb, countyDir, DB_OPTION } from '../county-support.js';

export function registerCountyInit(county: Command): void {
  county
    .command('init')
    .description("make the county folder: root signing key, age identity, empty trust file, database, and the card for townships")
    .option(...COUNTY_OPTION)
    .option('--suite <suite>', 'root key suite: ed25519 (default) or sm2', (v: string): Suite => {
      if (!isSuite(v)) throw new InvalidArgumentError('ed25519 or sm2');
      return v;
    })
    .option('--name <name>', 'the bureau name printed on the card')
    .option(...DB_OPTION)
    .action(async (opts: { county?: string; suite?: Suite; name?: string; db?: string }) => {
      const dir = countyDir(opts);
      const { info, cardFile } = await initCounty(dir, { suite: opts.suite, clock: systemClock, name: opts.name, db: countyDb(opts) });
      console.log(`county folder:    ${dir}`);
      console.log(`root fingerprint: ${formatFingerprint(info.root.keyId)} (${info.root.suite})`);
      console.log(`recipient:        ${info.recipient}`);
      console.log(`card:             ${cardFile}`);
      console.log('Give every township the card and read them the root fingerprint; keep root.key and age.key private and backed up.');
    });
}
