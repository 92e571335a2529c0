/** The payload worker: the ciphertext's SHA-256, the plaintext written where it lies, each framed entry hashed. */
import fs from 'node:fs';
import path from 'node:path';
import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { PayloadJob } from '../../../core/bundle/payload-worker.js';
import { tempDir } from '../../helpers/core.js';

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const own = (b: Buffer) => {
  const o = Buffer.allocUnsafeSlow(b.length);
  b.copy(o);
  return o;
};

describe('payload worker', () => {
  it('hashes and writes what it is handed, across buffer boundaries, leaving holes for unkept entries', async () => {
    const plain = randomBytes(300_000);
    const cipher = randomBytes(123_457);
    // Entries: [0,10) kept, [10,10) empty, [50, 200050) unkept across buffers, [250000, 300000) kept at the end.
    const ranges: [number, number, 0 | 1][] = [
      [0, 10, 0],
      [10, 0, 0],
      [50, 200_000, 1],
      [250_000, 50_000, 0],
    ];
    const file = path.join(tempDir('intake-pw-'), 'payload');
    const job = new PayloadJob(file);
    for (let at = 0; at < cipher.length; at += 40_000) await job.cipher(own(cipher.subarray(at, at + 40_000)));
    // Plaintext in batches of two buffers of 30,000 bytes; each entry framed in the batch its header is in.
    for (let at = 0; at < plain.length; at += 60_000) {
      const found = ranges.filter(([o]) => o >= at && o < at + 60_000);
      const bufs = [own(plain.subarray(at, at + 30_000)), own(plain.subarray(at + 30_000, at + 60_000))];
      await job.plain(bufs, at, found);
      expect(bufs[0]!.length).toBe(0); // transferred, not copied
    }
    const d = await job.finish();
    expect(d.cipherSha).toBe(sha(cipher));
    expect([...d.entries]).toEqual(ranges.map(([o, s]) => [`${o}:${s}`, sha(plain.subarray(o, o + s))]));
    const written = fs.readFileSync(file);
    expect(written.length).toBe(plain.length);
    expect(written.subarray(50, 200_050).equals(Buffer.alloc(200_000))).toBe(true);
    expect(written.subarray(0, 50).equals(plain.subarray(0, 50))).toBe(true);
    expect(written.subarray(200_050).equals(plain.subarray(200_050))).toBe(true);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });

  it('runs jobs side by side, copies buffers it cannot transfer, and reports a failure to the job', async () => {
    const dir = tempDir('intake-pw-');
    const a = new PayloadJob(path.join(dir, 'a'));
    const b = new PayloadJob(path.join(dir, 'b'));
    const pooled = Buffer.from('pooled bytes'); // a slice of Node's shared pool: must be copied, not detached
    await a.cipher(pooled);
    await b.cipher(own(Buffer.from('other')));
    await a.plain([Buffer.from('xyz')], 0, [[0, 3, 0]]);
    expect(pooled.toString()).toBe('pooled bytes');
    const [da, db] = await Promise.all([a.finish(), b.finish()]);
    expect(da.cipherSha).toBe(sha(Buffer.from('pooled bytes')));
    expect(db.cipherSha).toBe(sha(Buffer.from('other')));
    expect(da.entries.get('0:3')).toBe(sha(Buffer.from('xyz')));
    expect(fs.readFileSync(path.join(dir, 'a'), 'utf8')).toBe('xyz');

    const clash = new PayloadJob(path.join(dir, 'a')); // exists: the worker refuses to open it ('wx')
    await expect(clash.finish()).rejects.toThrow(/payload worker: .*EEXIST/);
  });
});
