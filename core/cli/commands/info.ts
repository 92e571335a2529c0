import type { Command } from 'commander';
import { DATA_OPTION, withCli } from '../support.js';

export function registerInfo(program: Command): void {
  program
    .command('info')
    .description('print version, schema version, township and data folder')
    .option(...DATA_OPTION)
    .option('--json', 'print as JSON')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      const info = await withCli(cmd, (cli) => cli.call('system.info', {}));
      if (opts.json) return console.log(JSON.stringify(info, null, 2));
      console.log(`Township Intake ${info.version}`);
      console.log(`schema version: ${info.schemaVersion}`);
      console.log(`county:         ${info.county}`);
      console.log(`township:       ${info.township ? `${info.township.name} (${info.township.code})` : 'not set'}`);
      console.log(`data folder:    ${info.dataDir}`);
    });
}
