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
  const keys = program.command('keys').description("the center's bundle signing key, and the paper recovery key of its backups");

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
      console.log(`recipient:   ${k.recipient ?? 'none yet'}  (for the county: receipts and 交办件 are encrypted to it)`);
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

  keys
    .command('recovery')
    .description('the paper recovery key of the backups: print it once, store it away, then confirm with --printed')
    .option(...DATA_OPTION)
    .option('--printed', 'confirm the recovery key is printed and put away: this desk then forgets it')
    .action(async (opts: { printed?: boolean }, cmd: Command) => {
      const r = await withCli(cmd, ({ call }) => {
        if (opts.printed) return { status: call('keys.recoveryPrinted', {}), secret: null };
        const status = call('keys.recovery', {});
        return { status, secret: status.pending ? call('keys.recoveryShow', {}).secret : null };
      });
      if (opts.printed) return console.log(`The desk has forgotten the recovery key (printed ${r.status.printedAt}). Keep the paper locked away.`);
      if (!r.secret) {
        return console.log(`The recovery key was printed on ${r.status.printedAt}; the desk no longer holds it. Backups are encrypted to ${r.status.recipient}.`);
      }
      console.log('Paper recovery key of this desk\'s backups (print it, keep it locked away; restoring on another machine needs it):');
      console.log(`  ${r.secret}`);
      console.log('Then run: intake keys recovery --printed');
    });
}
