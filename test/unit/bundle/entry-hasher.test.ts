/** The one-pass entry hashes the check takes instead of reading the payload back: the same as PayloadReader's. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { EntryHasher, entryHeader, PayloadReader, PAYLOAD_MAGIC } from '../../../core/bundle/container.js';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('EntryHasher', () => {
  const bodies = [Buffer.alloc(0), randomBytes(1), randomBytes(70_000), Buffer.from('{"a":1}\n'), randomBytes(300_001)];
  const payload = Buffer.concat([PAYLOAD_MAGIC, ...bodies.flatMap((b, i) => [entryHeader(`files/${i}`, b.length), b])]);

  it.each([1, 7, 4096, 65_536, payload.length])('fed in pieces of %i bytes, hashes every entry as PayloadReader finds it', (piece) => {
    const h = new EntryHasher();
    for (let at = 0; at < payload.length; at += piece) h.update(payload.subarray(at, at + piece));
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'entry-hasher-')), 'payload');
    fs.writeFileSync(file, payload);
    const fd = fs.openSync(file, 'r');
    try {
      const r = new PayloadReader(fd, payload.length);
      for (const b of bodies) {
        const e = r.next(() => Number.MAX_SAFE_INTEGER);
        expect(h.hashOf(e)).toBe(sha(b));
        expect(r.hash(e)).toBe(sha(b));
      }
      expect(r.atEnd()).toBe(true);
    } finally {
      fs.closeSync(fd);
    }
  });

  it('leaves out an entry whose bytes do not all arrive, and one that claims more than 2^53 bytes', () => {
    const h = new EntryHasher();
    h.update(payload.subarray(0, payload.length - 1));
    expect(h.hashes.size).toBe(bodies.length - 1);
    const huge = Buffer.concat([PAYLOAD_MAGIC, entryHeader('files/x', 0).subarray(0, 9), Buffer.from([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff])]);
    const g = new EntryHasher();
    g.update(huge);
    g.update(randomBytes(100));
    expect(g.hashes.size).toBe(0);
  });
});
