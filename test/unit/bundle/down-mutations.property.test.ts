/**
 * Property (issue 18): no mutation of a valid 交办件 bundle is ever imported at the desk. Bit flips,
 * truncations, insertions, deletions, duplicated and swapped ranges, anywhere in the file; each is
 * refused, and the desk holds exactly what it held.
 */
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../../core/app.js';
import type { CountyDesk } from '../../../core/bundle/county.js';
import { IntakeError } from '../../../core/kernel/errors.js';
import { importFromCounty } from '../../../core/services/inbound.js';
import { assignBatch } from '../../../core/services/county-assign.js';
import { newCounty, newTownship } from '../../helpers/bundle.js';
import { tempDir } from '../../helpers/core.js';
import { deskState } from '../../helpers/down.js';
import { makeId } from '../../helpers/ids.js';
import { apply, mutation } from '../../helpers/mutations.js';

let county: CountyDesk;
let desk: Core;
let original: Buffer;
let state: string;
const work = tempDir('intake-down-prop-');

beforeAll(async () => {
  county = await newCounty();
  desk = await newTownship(county);
  const r = await assignBatch(county, {
    township: 'ZMQ',
    source: '省联席办',
    batch: '2026 第3批',
    items: [
      { person: { name: '王五', idNumber: makeId('1960-01-01', 11), phone: '13812345678' }, purpose: '申诉求决', category: '劳动社保', request: '工资拖欠', deadline: '2027-01-31', leader: '李镇长' },
      { person: { name: '赵六' }, purpose: '建议意见', category: '城乡建设', request: '道路维修', deadline: '2027-02-28' },
    ],
  });
  original = fs.readFileSync(path.join(county.dir, 'outbox', r.fileName));
  state = deskState(desk);
});
afterAll(async () => {
  await county.close();
  desk.close();
});

describe('mutated 交办件 bundles', () => {
  it('are never imported, and leave the desk unchanged', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 3 }), async (ms) => {
        const bytes = ms.reduce(apply, original);
        fc.pre(!bytes.equals(original));
        const file = path.join(work, `m${n++}.assign`);
        fs.writeFileSync(file, bytes);
        await expect(importFromCounty(desk.ctx, file)).rejects.toBeInstanceOf(IntakeError);
        expect(deskState(desk)).toBe(state);
      }),
      { numRuns: 300 },
    );
    // and the unmutated bundle still imports, so the refusals above were about the mutations
    const file = path.join(work, 'original.assign');
    fs.writeFileSync(file, original);
    expect(await importFromCounty(desk.ctx, file)).toMatchObject({ kind: 'assignment', already: false, batch: { matters: 2 } });
    expect(deskState(desk)).not.toBe(state);
  }, 120_000);
});
