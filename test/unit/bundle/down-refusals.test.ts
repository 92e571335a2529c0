/**
 * Issue 18: every rule the desk applies to what the county sends down, for both kinds (receipt,
 * 交办件), each refused with its own code and nothing imported.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Core } from '../../../core/app.js';
import { rotateIssuer, type CountyDesk } from '../../../core/bundle/county.js';
import { setCounty } from '../../../core/bundle/county-setting.js';
import { DOWN_KINDS, type DownKind, type DownLimits } from '../../../core/bundle/down-format.js';
import { IntakeError, type ErrorCode } from '../../../core/kernel/errors.js';
import { importFromCounty } from '../../../core/services/inbound.js';
import { movableClock, newCounty, newTownship } from '../../helpers/bundle.js';
import { tempDir } from '../../helpers/core.js';
import { craftDown, deskState, sendReal } from '../../helpers/down.js';

async function setup(): Promise<{ county: CountyDesk; desk: Core; clock: ReturnType<typeof movableClock> }> {
  const clock = movableClock('2026-11-24T09:00:00+08:00');
  const county = await newCounty({ clock });
  const desk = await newTownship(county, { clock });
  return { county, desk, clock };
}

/** Imports and expects a refusal with `code`, the desk unchanged. */
async function refused(desk: Core, file: string, code: ErrorCode | ErrorCode[], limits: Partial<DownLimits> = {}): Promise<void> {
  const before = deskState(desk);
  let caught: unknown = null;
  try {
    await importFromCounty(desk.ctx, file, limits);
  } catch (err) {
    caught = err;
  }
  expect(caught, 'it was imported').toBeInstanceOf(IntakeError);
  expect([code].flat()).toContain((caught as IntakeError).code);
  expect(deskState(desk), 'the desk changed').toBe(before);
}

function copyWith(file: string, change: (b: Buffer) => Buffer): string {
  const out = path.join(tempDir('intake-down-bad-'), path.basename(file));
  fs.writeFileSync(out, change(fs.readFileSync(file)));
  return out;
}

describe.each(DOWN_KINDS)('a county %s at the desk', (kind: DownKind) => {
  it('is imported when real, and again changes nothing', async () => {
    const { county, desk } = await setup();
    const sent = await sendReal(county, kind);
    const r = await importFromCounty(desk.ctx, sent.file);
    expect(r).toMatchObject({ kind, sequence: 1, already: false });
    const after = deskState(desk);
    expect(await importFromCounty(desk.ctx, sent.file)).toMatchObject({ already: true });
    expect(deskState(desk)).toBe(after);
  });

  it('refuses a flipped byte anywhere (frame, envelope, ciphertext)', async () => {
    const { county, desk } = await setup();
    const sent = await sendReal(county, kind);
    const size = fs.statSync(sent.file).size;
    for (const at of [3, 10, 60, 200, size - 300, size - 40, size - 1]) {
      await refused(
        desk,
        copyWith(sent.file, (b) => {
          b[at] = b[at]! ^ 0x01;
          return b;
        }),
        ['BUNDLE_NOT_A_BUNDLE', 'BUNDLE_MALFORMED', 'BUNDLE_SIGNATURE_INVALID', 'BUNDLE_CONTENT_MISMATCH', 'BUNDLE_TRUNCATED', 'BUNDLE_EXTRA_DATA', 'BUNDLE_UNKNOWN_KEY'],
      );
    }
  });

  it('refuses a truncated file', async () => {
    const { county, desk } = await setup();
    const sent = await sendReal(county, kind);
    const size = fs.statSync(sent.file).size;
    for (const keep of [5, 11, 100, size - 1]) await refused(desk, copyWith(sent.file, (b) => b.subarray(0, keep)), ['BUNDLE_TRUNCATED', 'BUNDLE_NOT_A_BUNDLE']);
  });

  it('refuses a replay of an older one', async () => {
    const { county, desk } = await setup();
    const one = await sendReal(county, kind);
    const two = await sendReal(county, kind);
    await importFromCounty(desk.ctx, one.file);
    await importFromCounty(desk.ctx, two.file);
    await refused(desk, one.file, 'BUNDLE_REPLAY');
  });

  it('refuses a gap', async () => {
    const { county, desk } = await setup();
    await sendReal(county, kind);
    const two = await sendReal(county, kind);
    await refused(desk, two.file, 'BUNDLE_GAP');
  });

  it('refuses a fork: another bundle under a used sequence, or one naming the wrong previous', async () => {
    const { county, desk } = await setup();
    const one = await sendReal(county, kind);
    await importFromCounty(desk.ctx, one.file);
    await refused(desk, await craftDown(county, desk, kind, { chain: { sequence: 1 } }), 'BUNDLE_FORK');
    await refused(desk, await craftDown(county, desk, kind, { chain: { sequence: 2, previous: 'b'.repeat(64) } }), 'BUNDLE_FORK');
    // The right previous is accepted.
    const later = { createdAt: '2026-11-24T02:00:00.000Z', expiresAt: '2026-12-20T02:00:00.000Z' };
    expect(await importFromCounty(desk.ctx, await craftDown(county, desk, kind, { chain: { sequence: 2, previous: one.sha256, ...later } }))).toMatchObject({ sequence: 2 });
  });

  it('refuses one for another township', async () => {
    const { county, desk } = await setup();
    // 桃溪's own desk and trust entry: the county encrypts to that desk; this one refuses by the statement.
    const other = await newTownship(county, { township: 'TX', clock: movableClock('2026-11-24T09:00:00+08:00') });
    const sent = await sendReal(county, kind, 'TX');
    await refused(desk, sent.file, 'BUNDLE_TOWNSHIP_MISMATCH');
    // And a statement that claims this township but is encrypted to the other desk.
    const { centerKeyInfo } = await import('../../../core/bundle/center-keys.js');
    await refused(desk, await craftDown(county, desk, kind, { recipient: centerKeyInfo(other.ctx)!.recipient! }), 'BUNDLE_NOT_FOR_THIS_DESK');
    other.close();
  });

  it("refuses one signed by the county's revoked issuing key, and one by a key its card does not name", async () => {
    const { county, desk, clock } = await setup();
    const one = await sendReal(county, kind);
    await importFromCounty(desk.ctx, one.file);
    const old = await sendReal(county, kind);
    const oldCard = fs.readFileSync(path.join(county.dir, 'county-card.json'), 'utf8');
    clock.set('2026-11-24T10:00:00+08:00');
    const rotated = rotateIssuer(county);
    desk.ctx.db.transaction(() => setCounty(desk.ctx, { card: fs.readFileSync(rotated.cardFile, 'utf8') }))();
    await refused(desk, old.file, 'BUNDLE_KEY_REVOKED');
    const { generateSigningKey } = await import('../../../core/bundle/suites.js');
    await refused(desk, await craftDown(county, desk, kind, { signer: generateSigningKey('ed25519'), chain: { sequence: 2, previous: one.sha256 } }), 'BUNDLE_UNKNOWN_KEY');
    // What the new issuing key signs is imported.
    const later = { createdAt: '2026-11-24T02:30:00.000Z', expiresAt: '2026-12-20T02:00:00.000Z' };
    expect(await importFromCounty(desk.ctx, await craftDown(county, desk, kind, { chain: { sequence: 2, previous: one.sha256, ...later } }))).toMatchObject({ kind, sequence: 2 });
    // The older card cannot bring the revoked key back.
    expect(() => setCounty(desk.ctx, { card: oldCard })).toThrow(expect.objectContaining({ code: 'COUNTY_CARD_INVALID' }));
  });

  it('refuses a path outside the closed set (path traversal)', async () => {
    const { county, desk } = await setup();
    for (const bad of ['../items.ndjson', '/etc/passwd', 'items.ndjson/../../x', 'files\\x', 'tables/persons.ndjson']) {
      const body = Buffer.from('{}\n');
      const file = await craftDown(county, desk, kind, {
        manifest: (m) => ({ ...m, files: [{ path: bad, size: body.length, sha256: 'c'.repeat(64) }] }),
        entries: () => [{ path: bad, size: body.length, bytes: body }],
      });
      await refused(desk, file, 'BUNDLE_PATH_INVALID');
      // The entry alone, the manifest listing nothing: still refused by its name.
      await refused(desk, await craftDown(county, desk, kind, { manifest: (m) => ({ ...m, files: [] }), entries: () => [{ path: bad, size: body.length, bytes: body }] }), 'BUNDLE_PATH_INVALID');
    }
  });

  it('refuses an oversize file, and an oversize entry', async () => {
    const { county, desk } = await setup();
    const sent = await sendReal(county, kind);
    await refused(desk, sent.file, 'BUNDLE_TOO_LARGE', { bundleBytes: fs.statSync(sent.file).size - 1 });
    await refused(desk, sent.file, 'BUNDLE_TOO_LARGE', { manifestBytes: 100 });
    if (kind === 'assignment') await refused(desk, sent.file, 'BUNDLE_TOO_LARGE', { itemsBytes: 10 });
  });

  it('refuses an expired one, and one from the future', async () => {
    const { county, desk, clock } = await setup();
    const sent = await sendReal(county, kind);
    clock.set('2027-01-24T09:00:00+08:00');
    await refused(desk, sent.file, 'BUNDLE_EXPIRED');
    clock.set('2026-11-24T09:00:00+08:00');
    await refused(desk, await craftDown(county, desk, kind, { chain: { createdAt: '2026-11-27T09:00:00.000Z', expiresAt: '2026-12-20T09:00:00.000Z' } }), 'BUNDLE_FROM_FUTURE');
  });

  it('refuses a manifest that contradicts the statement, and data outside the manifest', async () => {
    const { county, desk } = await setup();
    await refused(desk, await craftDown(county, desk, kind, { manifest: (m) => ({ ...m, sequence: 7 }) }), 'BUNDLE_MANIFEST_MISMATCH');
    const extra = Buffer.from('x');
    await refused(desk, await craftDown(county, desk, kind, { entries: (e) => [...e, { path: 'manifest.json', size: 1, bytes: extra }] }), ['BUNDLE_EXTRA_DATA', 'BUNDLE_ORDER']);
  });
});

describe('a 交办件 batch at the desk', () => {
  it('refuses a malformed item, a repeated item, or a count the manifest does not give, importing none of the batch', async () => {
    const { county, desk } = await setup();
    const good = JSON.stringify({ item: '1', person: { name: '王五', idNumber: null, phone: null, address: '' }, purpose: '申诉求决', category: '劳动社保', request: '工资拖欠', facts: '', deadline: '2027-01-31', leader: null });
    await refused(desk, await craftDown(county, desk, 'assignment', { items: [good, good.replace('"王五"', '"赵六"')] , manifest: (m) => ({ ...m, batch: { ...(m.batch as object), items: 2 } }) }), 'BUNDLE_RECORD_INVALID');
    await refused(desk, await craftDown(county, desk, 'assignment', { items: [good.replace('"2027-01-31"', '"明年"')] }), 'BUNDLE_RECORD_INVALID');
    await refused(
      desk,
      await craftDown(county, desk, 'assignment', { items: [good, good.replace('"item":"1"', '"item":"2"')], manifest: (m) => ({ ...m, batch: { ...(m.batch as object), items: 1 } }) }),
      'BUNDLE_COUNTS_MISMATCH',
    );
    // An item the desk's own person rules refuse (a bad phone): the transaction takes none of the batch.
    const two = [good.replace('"item":"1"', '"item":"2"'), good.replace('"phone":null', '"phone":"12345"')];
    await refused(desk, await craftDown(county, desk, 'assignment', { items: two, manifest: (m) => ({ ...m, batch: { ...(m.batch as object), items: 2 } }) }), 'PHONE_INVALID');
  });
});
