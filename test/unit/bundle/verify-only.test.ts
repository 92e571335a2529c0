/**
 * A check that imports nothing (keepFiles: false, as `intake county verify` and the upload check
 * run it): every attachment is still hashed against its name and the manifest, but its plaintext is
 * never written to the staging folder; import refuses such a result.
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { checkBundle } from '../../../core/bundle/check.js';
import type { CountyDesk } from '../../../core/bundle/county.js';
import { exportBundle } from '../../../core/bundle/export.js';
import { importBundle } from '../../../core/bundle/import.js';
import { LOCAL_SESSION } from '../../../core/kernel/session.js';
import type { Core } from '../../../core/app.js';
import { craft, entry, newCounty, newTownship, sha256 } from '../../helpers/bundle.js';
import { makeId } from '../../helpers/ids.js';

const open: { close(): void | Promise<void> }[] = [];
afterEach(async () => {
  for (const o of open.splice(0)) await o.close();
});

/** A township with one matter carrying `scan` as its attachment (bigger than a read of the check). */
async function setup(scan: Buffer): Promise<{ county: CountyDesk; core: Core }> {
  const county = await newCounty();
  const core = await newTownship(county);
  open.push(county, core);
  const r = core.call(LOCAL_SESSION, 'visits.register', {
    participants: [{ person: { name: '储扫描', idNumber: makeId('1970-05-01', 7) } }],
    visit: { headcount: 1, involved: 1 },
    matter: { purpose: '申诉求决', category: '国土资源水利林业', tags: ['征地拆迁'], request: '要求兑现征地补偿款' },
    attachments: [{ fileName: '材料.pdf', mime: 'application/pdf', dataBase64: scan.toString('base64') }],
  });
  if (!r.ok) throw new Error(r.code);
  return { county, core };
}

const stagedPayload = (county: CountyDesk) => {
  const dirs = fs.readdirSync(path.join(county.dir, 'staging'));
  expect(dirs).toHaveLength(1);
  return path.join(county.dir, 'staging', dirs[0]!, 'payload');
};

describe('county check without keeping the attachments', () => {
  it('hashes every attachment but leaves no decrypted copy of it; the default keeps it for import', async () => {
    const scan = randomBytes(3 * 1024 * 1024 + 17);
    const { county, core } = await setup(scan);
    const b = await exportBundle(core.ctx);

    const verified = await checkBundle(county, b.file, { keepFiles: false });
    try {
      expect(verified.filesKept).toBe(false);
      expect(verified.files.map((f) => f.path)).toEqual([`files/${sha256(scan)}`]);
      const f = verified.files[0]!;
      const plain = fs.readFileSync(stagedPayload(county));
      expect(plain.length).toBe(f.offset + f.size); // the attachment is the last entry: a hole up to the end
      expect(plain.subarray(f.offset, f.offset + f.size).equals(Buffer.alloc(f.size))).toBe(true);
      expect(plain.indexOf(scan.subarray(0, 64))).toBe(-1);
      expect(verified.manifest.counts.attachments).toEqual({ rows: 1, deletes: 0 });
    } finally {
      verified.dispose();
    }

    const kept = await checkBundle(county, b.file);
    try {
      expect(kept.filesKept).toBe(true);
      const f = kept.files[0]!;
      expect(kept.reader.read(f).equals(scan)).toBe(true);
      expect(kept.sha256).toBe(verified.sha256);
    } finally {
      kept.dispose();
    }
    expect(fs.readdirSync(path.join(county.dir, 'staging'))).toEqual([]);
    expect((await importBundle(county, b.file)).ok).toBe(true);
  });

  it('still refuses an attachment whose bytes are not the ones its name and the manifest give', async () => {
    const { county, core } = await setup(randomBytes(1000));
    const real = randomBytes(2 * 1024 * 1024);
    const other = Buffer.from(real);
    other.writeUInt8(other.readUInt8(1_500_000) ^ 1, 1_500_000);
    const rec = JSON.stringify({ id: 1, matter_id: 1, visit_id: 1, file_name: 'a.pdf', mime: 'application/pdf', size: real.length, sha256: sha256(real), created_at: '2026-11-24T09:00:00+08:00' });
    const table = entry('tables/attachments.ndjson', `${rec}\n`);
    const file = entry(`files/${sha256(real)}`, other);
    const crafted = await craft(core, county, {
      manifest: (m) => ({
        ...m,
        files: [
          { path: table.path, size: table.size, sha256: sha256(table.bytes!) },
          { path: file.path, size: real.length, sha256: sha256(real) },
        ],
        counts: { attachments: { rows: 1, deletes: 0 } },
      }),
      entries: () => [table, file],
    });
    await expect(checkBundle(county, crafted, { keepFiles: false })).rejects.toMatchObject({ code: 'BUNDLE_CONTENT_MISMATCH', message: expect.stringMatching(/does not match its SHA-256/) });
    await expect(checkBundle(county, crafted)).rejects.toMatchObject({ code: 'BUNDLE_CONTENT_MISMATCH' });
    expect(fs.readdirSync(path.join(county.dir, 'staging'))).toEqual([]);
  });
});
