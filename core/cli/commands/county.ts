import type { Command } from 'commander';
import { registerCountyInit } from './county-init.js';
import { registerCountyTrust } from './county-trust.js';
import { registerCountyVerify } from './county-verify.js';
import { registerCountyImport } from './county-import.js';
import { registerCountyReport } from './county-report.js';
import { registerCountyServe } from './county-serve.js';
import { registerCountyAssign } from './county-assign.js';
import { registerCountyIssuer } from './county-issuer.js';

/** The county bureau's side of case bundles: one subcommand per module. */
export function registerCounty(program: Command): void {
  const county = program.command('county').description('the county bureau: keys, trusted townships, verify and import bundles, and the county workstation (serve)');
  registerCountyInit(county);
  registerCountyTrust(county);
  registerCountyVerify(county);
  registerCountyImport(county);
  registerCountyReport(county);
  registerCountyServe(county);
  registerCountyAssign(county);
  registerCountyIssuer(county);
}
