import type { Command } from 'commander';
import { BackupError } from '../../store/backup.js';
import { restoreBackup } from '../../store/restore.js';
import { SCHEMA_VERSION } from '../../store/migrations/index.js';
import { resolveDataDir } from '../../store/data-dir.js';
import { CliError, DATA_OPTION } from '../support.js';

export function registerRestore(program: Command): void {
  program
    .command('restore')
    .description('restore a backup made by `intake backup` (or a daily one from DATA/backups/) after checking it; the current database is kept aside, never deleted')
    .option(...DATA_OPTION)
    .requiredOption('--from <path>', 'the backup folder (or a bare database file)')
    .option('--json', 'print the result as JSON')
    .action(async (opts: { data?: string; from: string; json?: boolean }) => {
      const dataDir = resolveDataDir({ flag: opts.data });
      try {
        const r = await restoreBackup(dataDir, opts.from, { now: new Date() });
        const i = r.inspection;
        if (opts.json) {
          return console.log(
            JSON.stringify(
              { dataDir, from: i.dir ?? i.dbFile, schemaVersion: i.schemaVersion, keptAside: r.keptAside, attachmentsCopied: r.attachmentsCopied, missingAttachments: i.missingAtBackup.length, ms: Math.round(r.ms) },
              null,
              2,
            ),
          );
        }
        console.log(`Restored ${i.dir ?? i.dbFile} into ${dataDir} (schema version ${i.schemaVersion}; checks passed).`);
        if (i.schemaVersion < SCHEMA_VERSION) console.log(`  The app will upgrade it to schema version ${SCHEMA_VERSION} when it next opens it.`);
        console.log(`  attachments copied in: ${r.attachmentsCopied}`);
        console.log(r.keptAside ? `  The previous database was kept as ${r.keptAside}` : '  There was no previous database.');
        if (i.missingAtBackup.length > 0) console.error(`warning: ${i.missingAtBackup.length} attachment(s) were missing when the backup was made and are not restored`);
      } catch (err) {
        if (err instanceof BackupError) throw new CliError(`restore refused: ${err.message}. The database in ${dataDir} was not changed.`);
        throw err;
      }
    });
}
