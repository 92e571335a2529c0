import type { Command } from 'commander';
import { rotateIssuer } from '../../bundle/county.js';
import { formatFingerprint } from '../../domain/fingerprint.js';
import { COUNTY_OPTION, DB_OPTION, withCounty, type CountyOpts } from '../county-support.js';

/** The county's issuing key (it signs receipts and 交办件 batches; the root signs the card that names it). */
export function registerCountyIssuer(county: Command): void {
  const issuer = county.command('issuer').description('the key that signs what the county sends down (receipts, 交办件)');
  issuer
    .command('rotate')
    .description('make a new issuing key and revoke the current one; the new county-card.json must go to every township')
    .option(...COUNTY_OPTION)
    .option(...DB_OPTION)
    .action(async (opts: CountyOpts) => {
      await withCounty(opts, (desk) => {
        const r = rotateIssuer(desk);
        console.log(`issuing key: ${formatFingerprint(r.issuer.keyId)}`);
        if (r.revoked) console.log(`revoked:     ${formatFingerprint(r.revoked)}`);
        console.log(`card:        ${r.cardFile} (townships load it with intake bundle set-county --card)`);
      });
    });
}
