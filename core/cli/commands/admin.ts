import type { Command } from 'commander';
import { CliError, DATA_OPTION, withCli } from '../support.js';
import { readSecret } from '../secret-input.js';

/** `intake admin create`: the first admin without the UI (scripted installs, a lost password). */
export function registerAdmin(program: Command): void {
  const admin = program.command('admin').description('manage staff accounts from the command line');
  admin
    .command('create')
    .description('create an admin account (the first one, or another); the password is read from stdin or a prompt')
    .requiredOption('--username <name>', 'login name: 3–32 lower-case letters, digits or ._-')
    .requiredOption('--name <display>', 'the person\'s name as staff see it')
    .option(...DATA_OPTION)
    .option('--password-stdin', 'read the password from standard input (for scripts)')
    .action(async (opts: { username: string; name: string; passwordStdin?: boolean }, cmd: Command) => {
      const password = await readSecret('Password for the new admin: ', Boolean(opts.passwordStdin));
      if (!password) throw new CliError('no password given');
      await withCli(cmd, ({ call }) => {
        const hasUsers = call('auth.status', {}).hasUsers;
        // The first admin chooses their own password; later ones get an initial one to change.
        if (hasUsers) call('users.create', { username: opts.username, displayName: opts.name, role: 'admin', password });
        else call('auth.setup', { username: opts.username, displayName: opts.name, password });
        console.log(`created admin ${opts.username}${hasUsers ? ' (must change the password at first sign-in)' : ''}`);
      });
    });
}
