import type { Command } from 'commander';
import { LOCAL_SESSION } from '../../kernel/session.js';
import { DATA_OPTION, unwrap, withCore } from '../support.js';

export function registerInfo(program: Command): void {
  program
    .command('info')
    .description('print version, schema version, township and data folder')
    .option(...DATA_OPTION)
    .option('--json', 'print as JSON')
    .action((opts: { data?: string; json?: boolean }) => {
      const info = withCore(opts.data, (core) => unwrap(core.call(LOCAL_SESSION, 'system.info', {})));
      if (opts.json) return console.log(JSON.stringify(info, null, 2));
      console.log(`Township Intake ${info.version}`);
      console.log(`schema version: ${info.schemaVersion}`);
      console.log(`county:         ${info.county}`);
      console.log(`township:       ${info.township ? `${info.township.name} (${info.township.code})` : 'not set'}`);
      console.log(`data folder:    ${info.dataDir}`);
    });
}
