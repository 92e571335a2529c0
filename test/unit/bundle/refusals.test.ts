/**
 * Every way a bundle is refused at the county: each with its own code and English message, the
 * county database the same in content afterwards, and the file quarantined with the reason; on
 * both engines of the county store.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../core/app.js';
import type { CountyDesk } from '../../../core/bundle/county.js';
import type { Limits } from '../../../core/bundle/manifest.js';
import { setCounty } from '../../../core/bundle/county-setting.js';
import { exportBundle } from '../../../core/bundle/export.js';
import { importBundle } from '../../../core/bundle/import.js';
import { loadTrust, revokeKey, saveTrust } from '../../../core/bundle/trust.js';
import { tempDir } from '../../helpers/core.js';
import { craft, countyDigest, forEachCountyEngine, entry, movableClock, newCounty, newTownship, registerOne, sha256, T0, trustTownship } from '../../helpers/bundle.js';
import { appendAudit } from '../../../core/store/audit.js';
import { auditContinuity, describeAudit } from '../../../core/bundle/audit-continuity.js';
import { MAX_VALIDITY_DAYS } from '../../../core/domain/bundle-rules.js';

const open: { close(): void | Promise<void> }[] = [];
afterEach(async () => {
  for (const o of open.splice(0)) await o.close();
});

async function setup(opts: { limits?: Partial<Limits> } = {}): Promise<{ county: CountyDesk; core: Core }> {
  const county = await newCounty({ limits: opts.limits });
  const core = await newTownship(county);
  open.push(county, core);
  registerOne(core);
  return { county, core };
}

/** Imports and expects a refusal with this code and message; the county database must not change. */
async function expectRefused(county: CountyDesk, file: string, code: string, message: RegExp, label = ""): Promise<void> {
  const before = await countyDigest(county);
  const reasons = () => fs.readdirSync(path.join(county.dir, 'quarantine')).filter((f) => f.endsWith('.reason.json')).sort();
  const earlier = new Set(reasons());
  const out = await importBundle(county, file);
  expect(out.ok).toBe(false);
  if (out.ok) return;
  expect(out.error.code, `${label} ${out.error.message}`).toBe(code);
  expect(out.error.message).toMatch(message);
  expect(await countyDigest(county)).toBe(before);
  expect(out.quarantined).toBeTruthy();
  const added = reasons().filter((r) => !earlier.has(r));
  expect(added).toHaveLength(1);
  const reason = JSON.parse(fs.readFileSync(path.join(county.dir, 'quarantine', added[0]!), 'utf8'));
  expect(reason.code).toBe(code);
  expect(fs.readdirSync(path.join(county.dir, 'staging'))).toEqual([]); // nothing decrypted is left behind
}

function mutated(file: string, fn: (b: Buffer) => Buffer): string {
  const out = path.join(tempDir('intake-mut-'), 'mutated.bundle');
  fs.writeFileSync(out, fn(fs.readFileSync(file)));
  return out;
}

/** Offsets of the bundle's parts: header, envelope, ciphertext. */
function layout(file: string): { envStart: number; cipherStart: number; size: number } {
  const b = fs.readFileSync(file);
  const envLength = b.readUInt32BE(8);
  return { envStart: 12, cipherStart: 12 + envLength, size: b.length };
}

// Every refusal, on SQLite and on PostgreSQL: one import, one store interface, two engines.
forEachCountyEngine(() => {
  describe('county import refuses', () => {
    it('a flipped byte anywhere: magic, header, statement, signature, ciphertext', async () => {
      const { county, core } = await setup();
      const { file } = await exportBundle(core.ctx);
      const { envStart, cipherStart, size } = layout(file);
      const envText = fs.readFileSync(file).subarray(envStart, cipherStart).toString();
      const sigAt = envStart + envText.indexOf('"sig":"') + 10;
      const payloadAt = envStart + envText.indexOf('"payload":"') + 20;
      const cases: [number, string, RegExp][] = [
        [0, 'BUNDLE_NOT_A_BUNDLE', /Not a Township Intake bundle/],
        [9, 'BUNDLE_MALFORMED', /over 64 KiB/],
        [11, 'BUNDLE_MALFORMED', /malformed/],
        [envStart + 2, 'BUNDLE_MALFORMED', /malformed/],
        [payloadAt, 'BUNDLE_SIGNATURE_INVALID', /signature is not valid/],
        [sigAt, 'BUNDLE_SIGNATURE_INVALID', /signature is not valid/],
        [cipherStart + 5, 'BUNDLE_CONTENT_MISMATCH', /does not match its signed hash/],
        [Math.floor((cipherStart + size) / 2), 'BUNDLE_CONTENT_MISMATCH', /does not match its signed hash/],
        [size - 1, 'BUNDLE_CONTENT_MISMATCH', /does not match its signed hash/],
      ];
      for (const [at, code, message] of cases) {
        // Inside base64 text, another base64 letter, so the envelope stays well-formed and only the signature can object.
        const flip = (b: Buffer) => ((b[at] = at > envStart && at < cipherStart ? (b[at] === 0x41 ? 0x42 : 0x41) : b[at]! ^ 0x01), b);
        await expectRefused(county, mutated(file, flip), code, message, `byte ${at}`);
      }
      expect((await importBundle(county, file)).ok).toBe(true); // the original is fine
    });

    it('a truncated bundle', async () => {
      const { county, core } = await setup();
      const { file } = await exportBundle(core.ctx);
      const { cipherStart, size } = layout(file);
      await expectRefused(county, mutated(file, (b) => b.subarray(0, size - 1)), 'BUNDLE_TRUNCATED', /truncated/);
      await expectRefused(county, mutated(file, (b) => b.subarray(0, cipherStart + 10)), 'BUNDLE_TRUNCATED', /truncated/);
      await expectRefused(county, mutated(file, (b) => b.subarray(0, cipherStart - 3)), 'BUNDLE_TRUNCATED', /truncated/);
      await expectRefused(county, mutated(file, (b) => b.subarray(0, 5)), 'BUNDLE_NOT_A_BUNDLE', /Not a Township Intake bundle/);
    });

    it('bytes appended after the payload', async () => {
      const { county, core } = await setup();
      const { file } = await exportBundle(core.ctx);
      await expectRefused(county, mutated(file, (b) => Buffer.concat([b, Buffer.from('x')])), 'BUNDLE_EXTRA_DATA', /outside its manifest/);
    });

    it('reordered bytes of the ciphertext', async () => {
      const { county, core } = await setup();
      const { file } = await exportBundle(core.ctx);
      const { cipherStart, size } = layout(file);
      const swap = (b: Buffer) => {
        const half = cipherStart + Math.floor((size - cipherStart) / 2);
        return Buffer.concat([b.subarray(0, cipherStart), b.subarray(half), b.subarray(cipherStart, half)]);
      };
      await expectRefused(county, mutated(file, swap), 'BUNDLE_CONTENT_MISMATCH', /does not match its signed hash/);
    });

    it('payload entries in another order than the manifest (even when validly signed)', async () => {
      const { county, core } = await setup();
      const second = entry('tables/villages.ndjson', `${JSON.stringify({ id: 9, township_code: 'ZMQ', name: '新村', created_at: T0 })}\n`);
      const file = await craft(core, county, {
        manifest: (m) => ({
          ...m,
          files: [...m.files, { path: second.path, size: second.size, sha256: sha256(second.bytes!) }],
          counts: { ...m.counts, villages: { rows: 1, deletes: 0 } },
        }),
        entries: (e) => [second, ...e],
      });
      await expectRefused(county, file, 'BUNDLE_ORDER', /not in manifest order/);
    });

    it('a path that tries to leave the bundle, in the manifest or in the payload', async () => {
      const { county, core } = await setup();
      const evil = entry('../../../etc/cron.d/evil', 'x');
      const inManifest = await craft(core, county, {
        manifest: (m) => ({ ...m, files: [...m.files, { path: evil.path, size: 1, sha256: sha256('x') }] }),
        entries: (e) => [...e, evil],
      });
      await expectRefused(county, inManifest, 'BUNDLE_PATH_INVALID', /illegal path \(path traversal refused\)/);
      const onlyInPayload = await craft(core, county, { entries: (e) => [evil, ...e] });
      await expectRefused(county, onlyInPayload, 'BUNDLE_PATH_INVALID', /path traversal refused/);
      const absolute = await craft(core, county, { manifest: (m) => ({ ...m, files: [{ ...m.files[0]!, path: '/etc/passwd' }] }) });
      await expectRefused(county, absolute, 'BUNDLE_PATH_INVALID', /path traversal refused/);
      expect(fs.existsSync(path.join(county.dir, '..', '..', '..', 'etc', 'cron.d', 'evil'))).toBe(false);
    });

    it('an entry the manifest does not list', async () => {
      const { county, core } = await setup();
      const file = await craft(core, county, { entries: (e) => [...e, entry('tables/persons.ndjson', '{"id":1}\n')] });
      await expectRefused(county, file, 'BUNDLE_EXTRA_DATA', /outside its manifest/);
    });

    it('records that do not match the manifest counts, or malformed records', async () => {
      const { county, core } = await setup();
      await expectRefused(county, await craft(core, county, { manifest: (m) => ({ ...m, counts: { projects: { rows: 5, deletes: 0 } } }) }), 'BUNDLE_COUNTS_MISMATCH', /record counts/);
      await expectRefused(county, await craft(core, county, { records: ['{"name":"无主键"}'] }), 'BUNDLE_RECORD_INVALID', /malformed record/);
      await expectRefused(county, await craft(core, county, { records: ['[1,2]'] }), 'BUNDLE_RECORD_INVALID', /malformed record/);
      await expectRefused(county, await craft(core, county, { records: ['{"id":1}', '{"id":1}'] }), 'BUNDLE_RECORD_INVALID', /repeats a key/);
    });

    it('an attachment record whose file the bundle does not carry', async () => {
      const { county, core } = await setup();
      const rec = JSON.stringify({ id: 1, matter_id: 1, visit_id: 1, file_name: 'a.pdf', mime: 'application/pdf', size: 1, sha256: 'a'.repeat(64), created_at: T0 });
      const body = entry('tables/attachments.ndjson', `${rec}\n`);
      const file = await craft(core, county, {
        manifest: (m) => ({ ...m, files: [{ path: body.path, size: body.size, sha256: sha256(body.bytes!) }], counts: { attachments: { rows: 1, deletes: 0 } } }),
        entries: () => [body],
      });
      await expectRefused(county, file, 'BUNDLE_ATTACHMENT_MISSING', /does not carry/);
    });

    it('a replayed older bundle, and accepts the same last bundle twice without change', async () => {
      const { county, core } = await setup();
      const b1 = await exportBundle(core.ctx);
      registerOne(core, '李四');
      const b2 = await exportBundle(core.ctx);
      expect((await importBundle(county, b1.file)).ok).toBe(true);
      expect((await importBundle(county, b2.file)).ok).toBe(true);
      const before = await countyDigest(county);
      expect(await importBundle(county, b2.file)).toMatchObject({ ok: true, report: { status: 'already', sequence: 2 } });
      expect(await countyDigest(county)).toBe(before);
      await expectRefused(county, b1.file, 'BUNDLE_REPLAY', /Replay: bundle sequence is older/);
    });

    it('a gap in the sequence', async () => {
      const { county, core } = await setup();
      const b1 = await exportBundle(core.ctx);
      await exportBundle(core.ctx, { full: true });
      const b3 = await exportBundle(core.ctx);
      await expectRefused(county, b3.file, 'BUNDLE_GAP', /Gap: .*expected 1/);
      expect((await importBundle(county, b1.file)).ok).toBe(true);
      await expectRefused(county, b3.file, 'BUNDLE_GAP', /Gap: .*expected 2/);
    });

    it('a gap even on request, unless a full bundle bridges it; the full bundle then replaces what the lost ones held', async () => {
      const { county, core } = await setup();
      registerOne(core, '李四');
      expect((await importBundle(county, (await exportBundle(core.ctx)).file)).ok).toBe(true);
      core.ctx.db.prepare('DELETE FROM person_phones WHERE person_id = 1').run();
      await exportBundle(core.ctx); // bundle 2, lost for good: it held the deletion
      registerOne(core, '王五');
      const b3 = await exportBundle(core.ctx);
      const before = await countyDigest(county);
      expect(await importBundle(county, b3.file, { acceptGap: true })).toMatchObject({ ok: false, error: { code: 'BUNDLE_GAP', message: /only a full bundle can bridge a gap/ } });
      expect(await countyDigest(county)).toBe(before);
      const b4 = await exportBundle(core.ctx, { full: true });
      await expectRefused(county, b4.file, 'BUNDLE_GAP', /expected 2/);
      expect(await importBundle(county, b4.file, { acceptGap: true })).toMatchObject({ ok: true, report: { sequence: 4, bridged: { from: 2, to: 3 } } });
      const phones = (await county.store.townshipRecords('ZMQ', 'person_phones')).map((r) => JSON.parse(r.data).person_id as number);
      expect(phones.sort()).toEqual([2, 3]);
      expect(await county.store.townshipRecords('ZMQ', 'persons')).toHaveLength(3);
    });

    it('a fork: a desk restored from a copy exports another bundle under a used sequence', async () => {
      const county = await newCounty();
      const dir = tempDir();
      let core = await newTownship(county, { dataDir: dir });
      registerOne(core);
      const b1 = await exportBundle(core.ctx);
      core.close();
      const copy = tempDir();
      fs.cpSync(dir, copy, { recursive: true });
      core = await newTownship(null, { dataDir: dir });
      const restored = await newTownship(null, { dataDir: copy });
      open.push(county, core, restored);
      registerOne(core, '李四');
      const b2 = await exportBundle(core.ctx);
      registerOne(restored, '王五');
      const b2fork = await exportBundle(restored.ctx, { out: path.join(tempDir(), 'fork.bundle') });
      expect(b2fork.sequence).toBe(2);
      expect((await importBundle(county, b1.file)).ok).toBe(true);
      expect((await importBundle(county, b2.file)).ok).toBe(true);
      await expectRefused(county, b2fork.file, 'BUNDLE_FORK', /Fork: .*imported already with other content/);
    });

    it('a bundle that does not follow the previous one imported (broken chain)', async () => {
      const { county, core } = await setup();
      expect((await importBundle(county, await craft(core, county))).ok).toBe(true);
      const file = await craft(core, county, { chain: { sequence: 2, previous: 'f'.repeat(64) } });
      await expectRefused(county, file, 'BUNDLE_FORK', /does not follow bundle 1/);
    });

    it('a bundle signed by a revoked key', async () => {
      const { county, core } = await setup();
      const { file } = await exportBundle(core.ctx);
      const trust = await loadTrust(county.dir, county.store, county.info.root);
      await saveTrust(county.dir, county.store, county.rootKey(), revokeKey(trust, trust.keys[0]!.keyId, T0, 'laptop stolen').trust);
      await expectRefused(county, file, 'BUNDLE_KEY_REVOKED', /revoked key.*laptop stolen/);
    });

    it('a bundle signed by a key the county does not know', async () => {
      const county = await newCounty();
      const stranger = await newTownship(null);
      open.push(county, stranger);
      stranger.ctx.db.transaction(() => setCounty(stranger.ctx, { recipient: county.info.recipient }))();
      registerOne(stranger);
      const { file } = await exportBundle(stranger.ctx);
      await expectRefused(county, file, 'BUNDLE_UNKNOWN_KEY', /not in the trust file/);
    });

    it('a bundle from another township than the key was trusted for', async () => {
      const { county, core } = await setup();
      const file = await craft(core, county, { chain: { township: 'CG' } });
      await expectRefused(county, file, 'BUNDLE_TOWNSHIP_MISMATCH', /does not match its signing key.*CG.*ZMQ/);
    });

    it('an expired bundle, and one from the future', async () => {
      const clock = movableClock('2026-09-01T09:00:00+08:00');
      const county = await newCounty();
      const core = await newTownship(county, { clock });
      open.push(county, core);
      registerOne(core);
      const old = await exportBundle(core.ctx, { validDays: 30 });
      await expectRefused(county, old.file, 'BUNDLE_EXPIRED', /expired/);
      clock.set('2026-12-24T09:00:00+08:00');
      const future = await exportBundle(core.ctx, { full: true, out: path.join(tempDir(), 'future.bundle') });
      expect(future.sequence).toBe(2);
      const c2 = await newCounty();
      const core2 = await newTownship(c2, { clock });
      open.push(c2, core2);
      await expectRefused(c2, (await exportBundle(core2.ctx)).file, 'BUNDLE_FROM_FUTURE', /future/);
    });

    it("a bundle encrypted to another county's key", async () => {
      const county = await newCounty();
      const other = await newCounty();
      const core = await newTownship(county);
      open.push(county, other, core);
      registerOne(core);
      core.ctx.db.transaction(() => setCounty(core.ctx, { recipient: other.info.recipient }))();
      await expectRefused(county, (await exportBundle(core.ctx)).file, 'BUNDLE_WRONG_COUNTY_KEY', /not encrypted to this county's key/);
      // Lying about the recipient does not help: age itself finds no matching identity.
      const liar = await craft(core, county, { recipient: other.info.recipient });
      const bytes = fs.readFileSync(liar);
      const env = bytes.subarray(12, 12 + bytes.readUInt32BE(8)).toString();
      expect(env).toContain('payload');
      await expectRefused(county, liar, 'BUNDLE_WRONG_COUNTY_KEY', /not encrypted to this county's key/);
    });

    it('an oversized bundle, and an oversized entry, before reading them', async () => {
      const { county, core } = await setup({ limits: { bundleBytes: 2000 } });
      const { file } = await exportBundle(core.ctx);
      await expectRefused(county, file, 'BUNDLE_TOO_LARGE', /exceeds the size limit.*limit is 2000/);
      const c2 = await newCounty({ limits: { tableBytes: 10 } });
      const core2 = await newTownship(c2);
      open.push(c2, core2);
      await expectRefused(c2, await craft(core2, c2), 'BUNDLE_TOO_LARGE', /over the limit of 10/);
    });

    it('and never reads a trust file the county root did not sign', async () => {
      const { county, core } = await setup();
      const { file } = await exportBundle(core.ctx);
      const trustFile = path.join(county.dir, 'trust.json');
      const good = fs.readFileSync(trustFile);
      const env = JSON.parse(good.toString()) as { payload: string };
      const payload = JSON.parse(Buffer.from(env.payload, 'base64').toString()) as { keys: { township: string }[] };
      payload.keys[0]!.township = 'CG'; // someone edits the list by hand
      fs.writeFileSync(trustFile, JSON.stringify({ ...env, payload: Buffer.from(JSON.stringify(payload)).toString('base64') }));
      const out = await importBundle(county, file);
      expect(out).toMatchObject({ ok: false, error: { code: 'TRUST_INVALID' }, quarantined: null });
      fs.writeFileSync(trustFile, good);
      expect((await importBundle(county, file)).ok).toBe(true);
    });

    it('an older copy of the trust file (one from before a revocation)', async () => {
      const { county, core } = await setup();
      const { file } = await exportBundle(core.ctx);
      const trustFile = path.join(county.dir, 'trust.json');
      const before = fs.readFileSync(trustFile);
      const trust = await loadTrust(county.dir, county.store, county.info.root);
      await saveTrust(county.dir, county.store, county.rootKey(), revokeKey(trust, trust.keys[0]!.keyId, T0, 'lost').trust);
      fs.writeFileSync(trustFile, before);
      expect(await importBundle(county, file)).toMatchObject({ ok: false, error: { code: 'TRUST_ROLLBACK', message: /older than one already used/ } });
    });
  });

  describe('county import: the audit trail may only grow', () => {
    const cutTrail = (core: Core, keep: number) => {
      core.ctx.db.exec('DROP TRIGGER IF EXISTS audit_log_no_delete'); // as an attacker would
      core.ctx.db.prepare('DELETE FROM audit_log WHERE id > ?').run(keep);
    };
    const trailLength = (core: Core) => (core.ctx.db.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;
    const audited = (core: Core, n: number) =>
      core.ctx.db.transaction(() => {
        for (let i = 0; i < n; i++) appendAudit(core.ctx.db, { at: T0, actor: 'admin', action: 'villages.add', target: `village:${i}`, outcome: 'ok' });
      })();

    it('refuses a bundle whose audit trail is shorter than the one the previous bundle carried', async () => {
      const { county, core } = await setup();
      audited(core, 10);
      expect((await importBundle(county, (await exportBundle(core.ctx)).file)).ok).toBe(true);
      const recorded = trailLength(core);
      cutTrail(core, recorded - 3);
      registerOne(core, '李四');
      const b2 = await exportBundle(core.ctx);
      await expectRefused(county, b2.file, 'BUNDLE_AUDIT_SHORTER', new RegExp(`shorter than in the previous bundle.*ZMQ bundle 2: ${recorded - 2} entries, the previous bundle had ${recorded}`));
    });

    it('refuses one whose trail no longer holds the previous head (cut and refilled, or rewritten)', async () => {
      const { county, core } = await setup();
      audited(core, 5);
      expect((await importBundle(county, (await exportBundle(core.ctx)).file)).ok).toBe(true);
      cutTrail(core, trailLength(core) - 2);
      audited(core, 10); // longer than before, but not the same trail
      await expectRefused(county, (await exportBundle(core.ctx)).file, 'BUNDLE_AUDIT_REWRITTEN', /does not extend.*entry \d+ has another hash since the previous bundle/);
    });

    it('refuses one that leaves out the link to the previous head (its export checkpoint deleted)', async () => {
      const { county, core } = await setup();
      expect((await importBundle(county, (await exportBundle(core.ctx)).file)).ok).toBe(true);
      core.ctx.db.exec("DROP TRIGGER audit_checkpoints_no_delete; DELETE FROM audit_checkpoints WHERE reason = 'export'");
      audited(core, 3);
      await expectRefused(county, (await exportBundle(core.ctx)).file, 'BUNDLE_AUDIT_REWRITTEN', /does not link the previous bundle's head/);
    });

    it('accepts a trail that extends the last one, and says so per township', async () => {
      const { county, core } = await setup();
      for (let i = 0; i < 3; i++) {
        audited(core, 4);
        registerOne(core, ["王一", "王二", "王三"][i]);
        expect((await importBundle(county, (await exportBundle(core.ctx)).file)).ok).toBe(true);
      }
      const [zmq] = await auditContinuity(county.store);
      expect(zmq).toMatchObject({ township: 'ZMQ', proven: 2, unproven: [], without: [] });
      expect(describeAudit(zmq)).toMatch(/^audit trail: \d+ entries \(head [0-9a-f]{12}…\), continuous across 3 bundles$/);
    });
  });

  describe('county import judges time by its own clock', () => {
    it('refuses a bundle created before the last one imported from the township', async () => {
      const { county, core } = await setup();
      expect((await importBundle(county, await craft(core, county, { chain: { createdAt: '2026-11-24T08:00:00+08:00' } }))).ok).toBe(true);
      const imported = (await county.store.lastImport('ZMQ'))!;
      const older = await craft(core, county, { chain: { sequence: 2, previous: imported.sha256, createdAt: '2026-11-24T07:00:00+08:00' } });
      await expectRefused(county, older, 'BUNDLE_TIME_BACKWARDS', /created before the last bundle imported.*ZMQ was created/);
      const same = await craft(core, county, { chain: { sequence: 2, previous: imported.sha256, createdAt: '2026-11-24T08:00:00+08:00' } });
      await expectRefused(county, same, 'BUNDLE_TIME_BACKWARDS', /created before the last bundle imported/);
    });

    it(`refuses a validity longer than ${MAX_VALIDITY_DAYS} days (and the desk will not make one)`, async () => {
      const { county, core } = await setup();
      const created = Date.parse(T0);
      const file = await craft(core, county, { chain: { expiresAt: new Date(created + (MAX_VALIDITY_DAYS + 1) * 86_400_000).toISOString() } });
      await expectRefused(county, file, 'BUNDLE_VALIDITY_TOO_LONG', /validity longer than the county accepts.*at most 90 days/);
      await expect(exportBundle(core.ctx, { validDays: MAX_VALIDITY_DAYS + 1 })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    });

    it('judges the key’s validity at receipt, not at the createdAt the bundle claims', async () => {
      const clock = movableClock(T0);
      const county = await newCounty({ clock });
      const core = await newTownship(null);
      open.push(county, core);
      core.ctx.db.transaction(() => setCounty(core.ctx, { card: fs.readFileSync(path.join(county.dir, 'county-card.json'), 'utf8') }))();
      await trustTownship(county, core, 'ZMQ', { validUntil: '2026-11-30T00:00:00Z' });
      registerOne(core);
      const backdated = await craft(core, county, { chain: { createdAt: '2026-11-24T09:00:00+08:00', expiresAt: '2026-12-20T00:00:00Z' } });
      clock.set('2026-12-01T09:00:00+08:00'); // the key expired yesterday; the bundle claims an earlier day
      await expectRefused(county, backdated, 'BUNDLE_KEY_NOT_VALID', /not valid when the bundle was created: received 2026-12-01/);
    });
  });
});
