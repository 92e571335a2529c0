import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { COUNTY_FILES } from '../../bundle/county.js';
import { auditContinuity, describeAudit } from '../../bundle/audit-continuity.js';
import { COUNTY_OPTION, DB_OPTION, townshipLabel, withCounty, type CountyOpts } from '../county-support.js';

export function registerCountyReport(county: Command): void {
  county
    .command('report')
    .description('per township: last sequence, last import, records held, audit continuity; and what is in quarantine')
    .option(...COUNTY_OPTION)
    .option(...DB_OPTION)
    .option('--json', 'print as JSON')
    .action(async (opts: CountyOpts & { json?: boolean }) => {
      await withCounty(opts, async (desk) => {
        const audit = new Map((await auditContinuity(desk.store)).map((a) => [a.township, a]));
        const rows = (await desk.store.countySummary()).map((r) => ({ ...r, audit: audit.get(r.township) ?? null }));
        const qdir = path.join(desk.dir, COUNTY_FILES.quarantine);
        const reasons = fs.existsSync(qdir) ? fs.readdirSync(qdir).filter((f) => f.endsWith('.reason.json')).sort() : [];
        const quarantined = reasons.map((f) => JSON.parse(fs.readFileSync(path.join(qdir, f), 'utf8')) as { code: string; reason: string; at: string; file: string });
        if (opts.json) return console.log(JSON.stringify({ townships: rows, quarantined }, null, 2));
        if (rows.length === 0) console.log('no bundles imported yet');
        for (const r of rows) {
          const total = Object.values(r.records).reduce((a, b) => a + b, 0);
          console.log(`${townshipLabel(r.township)}: bundle ${r.lastSequence} (${r.bundles} imported), last import ${r.lastImportedAt}, ${total} records`);
          console.log(`  ${Object.entries(r.records).map(([t, n]) => `${t} ${n}`).join(', ')}`);
          console.log(`  ${describeAudit(r.audit ?? undefined)}`);
        }
        console.log(`quarantined: ${quarantined.length}`);
        for (const q of quarantined.slice(-10)) console.log(`  ${q.at}  ${path.basename(q.file)}: ${q.reason}`);
      });
    });
}
