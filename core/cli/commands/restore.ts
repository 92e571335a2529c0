import type { Command } from 'commander';
import { IntakeError } from '../../kernel/errors.js';
import { BackupError } from '../../store/backup.js';
import { restoreIntoDataDir } from '../../services/restore-backup.js';
import { osKeyStore } from '../../store/os-key-store.js';
import { readSecret } from '../secret-input.js';
import { SCHEMA_VERSION } from '../../store/migrations/index.js';
import { resolveDataDir } from '../../store/data-dir.js';
import { CliError, DATA_OPTION } from '../support.js';

export function registerRestore(program: Command): void {
  program
    .command('restore')
    .description('restore a backup made by `intake backup` (or a daily one from DATA/backups/) after checking it; the current database is kept aside, never deleted')
    .option(...DATA_OPTION)
    .requiredOption('--from <path>', 'the backup folder (or a bare database file)')
    .option('--recovery-key', 'the backup was made on another machine: type the paper recovery key (AGE-SECRET-KEY-1…) when asked, or pipe it in')
    .option('--json', 'print the result as JSON')
    .action(async (opts: { data?: string; from: string; recoveryKey?: boolean; json?: boolean }) => {
      const dataDir = resolveDataDir({ flag: opts.data });
      try {
        const recoveryKey = opts.recoveryKey ? await readSecret('Paper recovery key: ', true) : null;
        if (recoveryKey !== null && !/^AGE-SECRET-KEY-1[0-9A-Z]{58}$/.test(recoveryKey.trim().toUpperCase())) {
          throw new CliError('that is not a recovery key: it starts with AGE-SECRET-KEY-1 and has 74 characters in all');
        }
        const r = await restoreIntoDataDir(dataDir, opts.from, { now: new Date(), keys: osKeyStore(), recoveryKey: recoveryKey?.trim().toUpperCase() });
        const i = r.inspection;
        if (opts.json) {
          return console.log(
            JSON.stringify(
              { dataDir, from: i.dir, knownKey: r.knownKey, signedBy: r.signedBy, schemaVersion: i.schemaVersion, keptAside: r.keptAside, attachmentsCopied: r.attachmentsCopied, missingAttachments: i.missingAtBackup.length, ms: Math.round(r.ms) },
              null,
              2,
            ),
          );
        }
        console.log(`Restored ${i.dir} into ${dataDir} (schema version ${i.schemaVersion}; signature, schema and every file checked).`);
        if (!r.knownKey) console.log(`  The data folder had no readable desk: the backup's signing key ${r.signedBy.slice(0, 16)}… was taken as this center's. Check it against the county's trust file.`);
        if (i.schemaVersion < SCHEMA_VERSION) console.log(`  The app will upgrade it to schema version ${SCHEMA_VERSION} when it next opens it.`);
        console.log(`  attachments copied in: ${r.attachmentsCopied}`);
        console.log(r.keptAside ? `  The previous database was kept as ${r.keptAside}` : '  There was no previous database.');
        if (i.missingAtBackup.length > 0) console.error(`warning: ${i.missingAtBackup.length} attachment(s) were missing when the backup was made and are not restored`);
      } catch (err) {
        if (err instanceof BackupError) throw new CliError(`restore refused: ${err.message}. The database in ${dataDir} was not changed.`);
        if (err instanceof IntakeError) throw new CliError(`restore refused: ${err.message}. The database in ${dataDir} was not changed.`);
        throw err;
      }
    });
}
