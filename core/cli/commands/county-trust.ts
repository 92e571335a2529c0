import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { addKey, addRotation, loadTrust, revokeKey, saveTrust, setKeyRecipient } from '../../bundle/trust.js';
import { formatFingerprint } from '../../domain/fingerprint.js';
import { CliError } from '../support.js';
import { COUNTY_OPTION, DB_OPTION, townshipLabel, withCounty, type CountyOpts } from '../county-support.js';

function isoOrNull(v: string | undefined, what: string): string | null {
  if (v === undefined) return null;
  const t = Date.parse(v);
  if (Number.isNaN(t)) throw new CliError(`${what} is not a date or time: ${v}`);
  return new Date(t).toISOString();
}

export function registerCountyTrust(county: Command): void {
  const trust = county.command('trust').description('the signed list of township keys the county accepts');

  trust
    .command('add')
    .description("trust a township's key (its public key and the fingerprint it read out), or a rotation certificate")
    .option(...COUNTY_OPTION)
    .option(...DB_OPTION)
    .option('--township <code>', 'township code, e.g. ZMQ')
    .option('--key <public-key>', 'the public key from `intake keys show` (ed25519:… or sm2:…)')
    .option('--fingerprint <fp>', 'the fingerprint the township read out; must match the key')
    .option('--from <time>', 'accept bundles created from this time')
    .option('--until <time>', 'accept bundles created until this time')
    .option('--rotation <file>', 'a rotation certificate signed by a key already trusted')
    .option('--recipient <age1…>', "the township's age recipient from `intake keys show` (receipts and 交办件 are encrypted to it)")
    .action(async (opts: CountyOpts & { township?: string; key?: string; fingerprint?: string; from?: string; until?: string; rotation?: string; recipient?: string }) => {
      await withCounty(opts, async (desk) => {
        const at = desk.clock.now().toISOString();
        const current = await loadTrust(desk.dir, desk.store, desk.info.root);
        if (opts.rotation) {
          const r = addRotation(current, fs.readFileSync(path.resolve(opts.rotation)), at);
          await saveTrust(desk.dir, desk.store, desk.rootKey(), r.trust);
          console.log(`trusted ${formatFingerprint(r.key.keyId)} for ${townshipLabel(r.key.township)} (introduced by ${formatFingerprint(r.previous.keyId)}, which now ends at ${r.previous.validUntil})`);
          return;
        }
        if (!opts.township || !/^[A-Z]{2,4}$/.test(opts.township)) throw new CliError('give --township CODE (e.g. ZMQ)');
        if (!opts.key) throw new CliError('give --key PUBLIC-KEY (from `intake keys show` at the township) or --rotation FILE');
        const r = addKey(current, {
          township: opts.township,
          publicKey: opts.key,
          fingerprint: opts.fingerprint,
          validFrom: isoOrNull(opts.from, '--from'),
          validUntil: isoOrNull(opts.until, '--until'),
          at,
          recipient: opts.recipient ?? null,
        });
        await saveTrust(desk.dir, desk.store, desk.rootKey(), r.trust);
        console.log(`trusted ${formatFingerprint(r.key.keyId)} (${r.key.suite}) for ${townshipLabel(r.key.township)}`);
        if (!opts.fingerprint) console.log('No --fingerprint given: check this fingerprint with the township before importing.');
      });
    });

  trust
    .command('recipient')
    .description("set the age recipient a township published for one of its trusted keys")
    .option(...COUNTY_OPTION)
    .option(...DB_OPTION)
    .requiredOption('--key <id>', 'key id or fingerprint')
    .requiredOption('--recipient <age1…>', "the township's age recipient from `intake keys show`")
    .action(async (opts: CountyOpts & { key: string; recipient: string }) => {
      await withCounty(opts, async (desk) => {
        const r = setKeyRecipient(await loadTrust(desk.dir, desk.store, desk.info.root), opts.key, opts.recipient.trim(), desk.clock.now().toISOString());
        await saveTrust(desk.dir, desk.store, desk.rootKey(), r.trust);
        console.log(`recipient of ${townshipLabel(r.key.township)} set on ${formatFingerprint(r.key.keyId)}`);
      });
    });

  trust
    .command('revoke')
    .description('stop accepting a key (every bundle it signed that is not imported yet is refused)')
    .option(...COUNTY_OPTION)
    .option(...DB_OPTION)
    .requiredOption('--key <id>', 'key id or fingerprint')
    .option('--reason <text>', 'why, kept in the trust file', 'revoked')
    .action(async (opts: CountyOpts & { key: string; reason: string }) => {
      await withCounty(opts, async (desk) => {
        const r = revokeKey(await loadTrust(desk.dir, desk.store, desk.info.root), opts.key, desk.clock.now().toISOString(), opts.reason);
        await saveTrust(desk.dir, desk.store, desk.rootKey(), r.trust);
        console.log(`revoked ${formatFingerprint(r.key.keyId)} of ${townshipLabel(r.key.township)}: ${opts.reason}`);
      });
    });

  trust
    .command('list')
    .description('print the trusted keys (after checking the trust file signature)')
    .option(...COUNTY_OPTION)
    .option(...DB_OPTION)
    .option('--json', 'print as JSON')
    .action(async (opts: CountyOpts & { json?: boolean }) => {
      await withCounty(opts, async (desk) => {
        const t = await loadTrust(desk.dir, desk.store, desk.info.root);
        if (opts.json) return console.log(JSON.stringify(t, null, 2));
        console.log(`trust file serial ${t.serial}, ${t.keys.length} keys, signed by root ${formatFingerprint(desk.info.root.keyId)}`);
        for (const k of t.keys) {
          const state = k.revokedAt ? `REVOKED ${k.revokedAt} (${k.revokedReason ?? ''})` : `valid ${k.validFrom ?? '…'} to ${k.validUntil ?? '…'}`;
          console.log(`${townshipLabel(k.township).padEnd(16)} ${formatFingerprint(k.keyId)}  ${k.suite.padEnd(7)} ${state}${k.recipient ? '' : '  (no recipient: nothing can be sent down to it)'}`);
        }
      });
    });
}
