import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { isSuite, type Suite } from '../../bundle/suites.js';
import { DATA_OPTION, CliError, withCli } from '../support.js';

function suite(v: string): Suite {
  if (!isSuite(v)) throw new InvalidArgumentError('ed25519 or sm2');
  return v;
}

/** The center's signing key: show it (the fingerprint is read aloud to the county) and rotate it. */
export function registerKeys(program: Command): void {
  const keys = program.command('keys').description("the center's bundle signing key");

  keys
    .command('show')
    .description('print the signing key, its fingerprint and where it is kept')
    .option(...DATA_OPTION)
    .option('--json', 'print as JSON')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      const k = await withCli(cmd, ({ call }) => call('keys.status', {}));
      if (!k) throw new CliError('this desk has no signing key (it is made when the desk first opens)');
      if (opts.json) return console.log(JSON.stringify(k, null, 2));
      console.log(`fingerprint: ${k.fingerprint}`);
      console.log(`suite:       ${k.suite === 'sm2' ? 'SM2 with SM3' : 'Ed25519'}`);
      console.log(`public key:  ${k.publicKey}`);
      console.log(`created:     ${k.createdAt}`);
      console.log(`kept in:     ${k.storage}${k.available ? '' : ' (not reachable from here: the desktop app keeps it)'}`);
      if (k.rotationFile) console.log(`rotation:    ${k.rotationFile}`);
    });

  keys
    .command('rotate')
    .description('make a new signing key, introduced by a certificate the old key signs')
    .option(...DATA_OPTION)
    .option('--suite <suite>', 'ed25519 or sm2 (default: the current suite)', suite)
    .action(async (opts: { suite?: Suite }, cmd: Command) => {
      const r = await withCli(cmd, ({ call }) => call('keys.rotate', { suite: opts.suite }));
      console.log(`previous key: ${r.previous}`);
      console.log(`new key:      ${r.key.fingerprint} (${r.key.suite})`);
      console.log(`certificate:  ${r.rotationFile}`);
      console.log('Give the certificate to the county bureau (intake county trust add --rotation FILE) and read them the new fingerprint.');
    });
}
