import path from 'node:path';
import type { Command } from 'commander';
import { BackupError } from '../../store/backup.js';
import { inspectBackup } from '../../store/restore.js';
import { resolveDataDir } from '../../store/data-dir.js';
import { makeBackup } from '../../services/make-backup.js';
import { unlockOwnBackup } from '../../services/restore-backup.js';
import { CliError, DATA_OPTION, withCli } from '../support.js';

const mib = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

export function registerBackup(program: Command): void {
  program
    .command('backup')
    .description('back the data folder up into a new folder: the database encrypted under a key of its own (opened by this desk or the paper recovery key), its attachments sealed, the manifest signed by the center; safe while the app runs')
    .option(...DATA_OPTION)
    .requiredOption('--out <dir>', 'the backup folder to create (must not exist yet)')
    .option('--no-verify', 'skip checking the finished backup (integrity_check, SHA-256 of every file)')
    .option('--json', 'print the result as JSON')
    .action(async (opts: { data?: string; out: string; verify: boolean; json?: boolean }, cmd: Command) => {
      const dataDir = resolveDataDir({ flag: opts.data });
      const out = path.resolve(opts.out);
      if (out === dataDir || (out.startsWith(`${dataDir}${path.sep}`) && !out.startsWith(path.join(dataDir, 'backups') + path.sep))) {
        throw new CliError('put the backup outside the data folder (or under its backups/ folder)');
      }
      try {
        const result = await withCli(cmd, async ({ core }) => {
          const made = await makeBackup(core.ctx, out, { linkAttachments: false });
          if (opts.verify) await inspectBackup(out, dataDir, { key: (await unlockOwnBackup(core.ctx, out)).backupKey });
          return made;
        });
        const m = result.manifest;
        if (opts.json) return console.log(JSON.stringify({ dir: result.dir, ms: Math.round(result.ms), verified: opts.verify, manifest: m }, null, 2));
        console.log(`Backed up ${dataDir} to ${result.dir} in ${(result.ms / 1000).toFixed(1)} s${opts.verify ? ' (verified)' : ''}:`);
        console.log(`  database     ${mib(m.database.bytes)}, schema version ${m.schemaVersion}`);
        console.log(`  attachments  ${m.attachments.count} files, ${mib(m.attachments.bytes)}`);
        if (m.attachments.missing.length > 0) {
          console.error(`warning: ${m.attachments.missing.length} attachment(s) the database references were already missing from ${dataDir}; see manifest.json`);
        }
      } catch (err) {
        if (err instanceof BackupError) throw new CliError(`backup failed: ${err.message}`);
        throw err;
      }
    });
}
