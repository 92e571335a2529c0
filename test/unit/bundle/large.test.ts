/**
 * A 500 MB attachment goes through export and import without ever sitting in memory. Slow (tens of
 * seconds, 2 GB of temporary disk), so it runs only with INTAKE_BIG_BUNDLE=1; the numbers it prints
 * are the ones quoted in docs/bundle-format.md.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { exportBundle } from '../../../core/bundle/export.js';
import { importBundle } from '../../../core/bundle/import.js';
import { attachmentPath } from '../../../core/store/attachments.js';
import { newCounty, newTownship, registerOne } from '../../helpers/bundle.js';

const MB = 1024 * 1024;
const SIZE = Number(process.env.INTAKE_BIG_BUNDLE_MB ?? 500) * MB;

function peakRss<T>(fn: () => Promise<T>): Promise<{ value: T; peakMb: number; seconds: number }> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const started = performance.now();
  return fn().then((value) => {
    clearInterval(timer);
    peak = Math.max(peak, process.memoryUsage().rss);
    return { value, peakMb: Math.round(peak / MB), seconds: Math.round((performance.now() - started) / 100) / 10 };
  });
}

describe.runIf(process.env.INTAKE_BIG_BUNDLE === '1')('a bundle with a 500 MB attachment', () => {
  it('is exported and imported in bounded memory', async () => {
    const county = await newCounty();
    const core = await newTownship(county);
    const matterId = registerOne(core, '张三', null);
    // Write the big scan the way a scanner would leave it: streamed, named by its SHA-256.
    const tmp = path.join(core.ctx.dataDir, 'big.tmp');
    const chunk = randomBytes(MB);
    const hash = createHash('sha256');
    const fd = fs.openSync(tmp, 'w');
    for (let i = 0; i < SIZE / MB; i++) {
      chunk[0] = i & 0xff;
      hash.update(chunk);
      fs.writeSync(fd, chunk);
    }
    fs.closeSync(fd);
    const sha = hash.digest('hex');
    fs.mkdirSync(path.dirname(attachmentPath(core.ctx.dataDir, sha)), { recursive: true });
    fs.renameSync(tmp, attachmentPath(core.ctx.dataDir, sha));
    core.ctx.db
      .prepare("INSERT INTO attachments (matter_id, visit_id, file_name, mime, size, sha256, created_at) VALUES (?, 1, 'scan.pdf', 'application/pdf', ?, ?, ?)")
      .run(matterId, SIZE, sha, new Date().toISOString());

    const base = Math.round(process.memoryUsage().rss / MB);
    const ex = await peakRss(() => exportBundle(core.ctx));
    const im = await peakRss(() => importBundle(county, ex.value.file));
    console.log(
      `attachment ${SIZE / MB} MB; bundle ${Math.round(ex.value.size / MB)} MB; rss before ${base} MB; ` +
        `export ${ex.seconds}s peak ${ex.peakMb} MB; import ${im.seconds}s peak ${im.peakMb} MB`,
    );
    expect(im.value.ok).toBe(true);
    expect(fs.statSync(path.join(county.dir, 'attachments', sha.slice(0, 2), sha)).size).toBe(SIZE);
    expect(ex.peakMb - base).toBeLessThan(200);
    expect(im.peakMb - base).toBeLessThan(200);
    await county.close();
    core.close();
  }, 600_000);
});
