/**
 * Bundles (issue 7): export, verify and import of 10,000 matters, shown beside the raw throughput of
 * the primitives they are built on, measured in the same run: SHA-256 over attachment-sized buffers
 * and Ed25519 signature verification. Until bundles land, only the raw rows have figures.
 */
import { createHash, generateKeyPairSync, sign, verify } from 'node:crypto';
import type { BenchContext } from '../lib/context.js';
import { notLanded, type AreaResult } from '../lib/report.js';
import { fmtInt } from '../lib/stats.js';

const ISSUE = 7;

function sha256Throughput(seconds: number): number {
  const buf = Buffer.alloc(4 * 1024 * 1024, 0xa5); // a scanned page is a few MB
  let bytes = 0;
  const t0 = performance.now();
  while (performance.now() - t0 < seconds * 1000) {
    createHash('sha256').update(buf).digest();
    bytes += buf.length;
  }
  return bytes / ((performance.now() - t0) / 1000);
}

function ed25519Verifies(seconds: number): number {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const msg = Buffer.alloc(256, 7); // a record's canonical bytes
  const sig = sign(null, msg, privateKey);
  let n = 0;
  const t0 = performance.now();
  while (performance.now() - t0 < seconds * 1000) {
    if (!verify(null, msg, publicKey, sig)) throw new Error('Ed25519 verify failed');
    n++;
  }
  return n / ((performance.now() - t0) / 1000);
}

export async function run(ctx: BenchContext): Promise<AreaResult> {
  const secs = Math.max(0.3, 2 * ctx.scale);
  const sha = sha256Throughput(secs);
  const ed = ed25519Verifies(secs);
  const na = notLanded(ISSUE);
  return {
    area: 'bundles',
    tables: [
      {
        title: 'Bundles (10,000 matters)',
        columns: ['what', 'result', 'target'],
        rows: [
          ['raw SHA-256 (4 MiB buffers)', `${(sha / 1e9).toFixed(2)} GB/s`, ''],
          ['raw Ed25519 verify', `${fmtInt(ed)} /s`, ''],
          ['bundle export', na, ''],
          ['bundle verify (attachments)', na, '≥ half of raw SHA-256'],
          ['bundle import', na, '≥ 5,000 records/s'],
        ],
      },
    ],
    data: { sha256BytesPerSec: sha, ed25519VerifiesPerSec: ed, export: null, verify: null, import: null },
  };
}
