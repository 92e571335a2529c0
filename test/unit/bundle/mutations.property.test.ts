/**
 * Property: no mutation of a valid bundle is ever imported. Bit flips, truncations, insertions,
 * deletions, duplicated and swapped ranges, anywhere in the file; each is refused and the county
 * database stays exactly as it was.
 */
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../../core/app.js';
import type { CountyDesk } from '../../../core/bundle/county.js';
import { exportBundle } from '../../../core/bundle/export.js';
import { importBundle } from '../../../core/bundle/import.js';
import { countyDigest, newCounty, newTownship, registerOne } from '../../helpers/bundle.js';
import { tempDir } from '../../helpers/core.js';
import { apply, mutation } from '../../helpers/mutations.js';

let county: CountyDesk;
let core: Core;
let original: Buffer;
let digest: string;
const work = tempDir('intake-prop-');

beforeAll(async () => {
  county = await newCounty();
  core = await newTownship(county);
  registerOne(core);
  original = fs.readFileSync((await exportBundle(core.ctx)).file);
  digest = await countyDigest(county);
});
afterAll(async () => {
  await county.close();
  core.close();
});

describe('mutated bundles', () => {
  it('are never imported, and leave the county database unchanged', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 3 }), async (ms) => {
        const bytes = ms.reduce(apply, original);
        fc.pre(!bytes.equals(original));
        const file = path.join(work, `m${n++}.bundle`);
        fs.writeFileSync(file, bytes);
        const out = await importBundle(county, file);
        expect(out.ok).toBe(false);
        expect(await countyDigest(county)).toBe(digest);
      }),
      { numRuns: 300 },
    );
    // and the unmutated bundle still imports, so the refusals above were about the mutations
    const file = path.join(work, 'original.bundle');
    fs.writeFileSync(file, original);
    expect((await importBundle(county, file)).ok).toBe(true);
  }, 120_000);
});
