/** Random byte-level mutations of a file, for the "never imported" properties (township and county bundles). */
import fc from 'fast-check';

export type Mutation =
  | { kind: 'flip'; at: number; bit: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'insert'; at: number; bytes: Uint8Array }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'duplicate'; at: number; length: number }
  | { kind: 'swap'; a: number; b: number; length: number };

export function apply(b: Buffer, m: Mutation): Buffer {
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
export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: index, bit: fc.integer({ min: 0, max: 7 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: index }),
  fc.record({ kind: fc.constant('insert' as const), at: index, bytes: fc.uint8Array({ minLength: 1, maxLength: 64 }) }),
  fc.record({ kind: fc.constant('delete' as const), at: index, length: fc.integer({ min: 1, max: 512 }) }),
  fc.record({ kind: fc.constant('duplicate' as const), at: index, length: fc.integer({ min: 1, max: 512 }) }),
  fc.record({ kind: fc.constant('swap' as const), a: index, b: index, length: fc.integer({ min: 1, max: 256 }) }),
);
