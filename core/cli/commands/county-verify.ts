import path from 'node:path';
import type { Command } from 'commander';
import { checkBundle } from '../../bundle/check.js';
import { formatFingerprint } from '../../domain/fingerprint.js';
import { IntakeError } from '../../kernel/errors.js';
import { CliError } from '../support.js';
import { COUNTY_OPTION, DB_OPTION, formatBytes, formatCounts, MAX_SIZE_OPTION, parseSize, townshipLabel, withCounty, type CountyOpts } from '../county-support.js';

export function registerCountyVerify(county: Command): void {
  county
    .command('verify')
    .description('check a bundle completely without importing it, and print what it holds')
    .argument('<file>', 'the bundle')
    .option(...COUNTY_OPTION)
    .option(...DB_OPTION)
    .option(...MAX_SIZE_OPTION, parseSize)
    .action(async (file: string, opts: CountyOpts) => {
      await withCounty(opts, async (desk) => {
        let c;
        try {
          c = await checkBundle(desk, path.resolve(file), { keepFiles: false });
        } catch (err) {
          if (err instanceof IntakeError) throw new CliError(`bundle refused: ${err.message}`);
          throw err;
        }
        try {
          const s = c.statement;
          const chain =
            c.chain.kind === 'already'
              ? 'already imported (importing it again changes nothing)'
              : c.last
                ? `follows bundle ${c.last.sequence} (imported ${c.last.importedAt})`
                : `first bundle from ${s.township}`;
          const attachmentBytes = c.files.reduce((n, f) => n + f.size, 0);
          console.log(`bundle:    ${path.resolve(file)}`);
          console.log(`sha256:    ${c.sha256} (${formatBytes(c.size)})`);
          console.log(`township:  ${townshipLabel(s.township)}`);
          console.log(`sequence:  ${s.sequence} (${s.full ? 'full' : 'changes'}${s.previous ? `; previous ${s.previous.slice(0, 16)}…` : ''})`);
          console.log(`created:   ${s.createdAt}, expires ${s.expiresAt}`);
          console.log(`signature: valid, ${s.suite === 'sm2' ? 'SM2/SM3' : 'Ed25519'} key ${formatFingerprint(c.key.keyId)}, trusted for ${c.key.township}`);
          console.log(`chain:     ${chain}`);
          console.log(`records:   ${formatCounts(c.manifest.counts)}`);
          console.log(`files:     ${c.files.length} attachments, ${formatBytes(attachmentBytes)}`);
          console.log(`audit:     ${c.manifest.audit ? `head ${c.manifest.audit.head.slice(0, 16)}… after ${c.manifest.audit.entries} entries` : 'none (the desk had no audit trail)'}`);
          console.log(`result:    OK${c.chain.kind === 'already' ? '' : ', can be imported'}`);
        } finally {
          c.dispose();
        }
      });
    });
}
