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

type Mutation =
  | { kind: 'flip'; at: number; bit: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'insert'; at: number; bytes: Uint8Array }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'duplicate'; at: number; length: number }
  | { kind: 'swap'; a: number; b: number; length: number };

function apply(b: Buffer, m: Mutation): Buffer {
  const at = (x: number) => x % (b.length + 1);
  switch (m.kind) {
    case 'flip': {
      const c = Buffer.from(b);
      const i = m.at % b.length;
      c[i] = c[i]! ^ (1 << m.bit);
      return c;
    }
    case 'truncate':
      return b.subarray(0, m.at % b.length);
    case 'insert':
      return Buffer.concat([b.subarray(0, at(m.at)), m.bytes, b.subarray(at(m.at))]);
    case 'delete':
      return Buffer.concat([b.subarray(0, at(m.at)), b.subarray(at(m.at) + m.length)]);
    case 'duplicate':
      return Buffer.concat([b.subarray(0, at(m.at) + m.length), b.subarray(at(m.at), at(m.at) + m.length), b.subarray(at(m.at) + m.length)]);
    case 'swap': {
      const i = m.a % b.length;
      const j = m.b % b.length;
      const [x, y] = i < j ? [i, j] : [j, i];
      const len = Math.min(m.length, y - x);
      return Buffer.concat([b.subarray(0, x), b.subarray(y, y + len), b.subarray(x + len, y), b.subarray(x, x + len), b.subarray(y + len)]);
    }
  }
}

const index = fc.nat({ max: 1 << 20 });
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: index, bit: fc.integer({ min: 0, max: 7 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: index }),
  fc.record({ kind: fc.constant('insert' as const), at: index, bytes: fc.uint8Array({ minLength: 1, maxLength: 64 }) }),
  fc.record({ kind: fc.constant('delete' as const), at: index, length: fc.integer({ min: 1, max: 512 }) }),
  fc.record({ kind: fc.constant('duplicate' as const), at: index, length: fc.integer({ min: 1, max: 512 }) }),
  fc.record({ kind: fc.constant('swap' as const), a: index, b: index, length: fc.integer({ min: 1, max: 256 }) }),
);

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
