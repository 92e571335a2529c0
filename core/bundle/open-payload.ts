/**
 * The county's one pass over a bundle's ciphertext. Every byte is read once into memory; this thread
 * hashes it into the file's SHA-256 (its identity: chain, receipts) and decrypts it (age: the header
 * by age-encryption, the chunks natively), framing the payload's entries as they stream past; the
 * payload worker (payload-worker.ts) hashes the same bytes into the ciphertext's SHA-256 (which must
 * be the one signed), writes the plaintext into the private staging folder and hashes every entry.
 * The bytes hashed are the bytes decrypted, so a file changing under the check cannot split them (the
 * reason the ciphertext used to be copied into the staging folder first). Nothing here parses the
 * plaintext beyond the entry framing: the caller reads it only once the signed hash matched and the
 * chain is judged. A payload that does not decrypt is not refused here but returned, so the refusals
 * keep their order (signature, hash, chain and time, then decryption).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { IntakeError } from '../kernel/errors.js';
import { AgeStreamError, MAX_HEADER_BYTES, openHeader, StreamOpener } from './age-stream.js';
import { EntryHasher, type InnerEntry, type OuterParts } from './container.js';
import { PayloadJob } from './payload-worker.js';

/** Bytes per read: large enough that messages to the worker and syscalls cost little, small enough to stream. */
const READ = 1024 * 1024;

/** The entries' SHA-256 as they streamed past; an entry that did not is not there. */
export interface EntryHashes {
  hashOf(entry: InnerEntry): string | undefined;
}

export interface OpenedPayload {
  /** SHA-256 (hex) of the whole bundle file. */
  sha256: string;
  /** The entries' hashes, or why the payload cannot be decrypted (to be thrown after the chain is judged). */
  decrypted: { ok: true; hashes: EntryHashes } | { ok: false; error: IntakeError };
}

function readFull(fd: number, buf: Buffer, position: number): number {
  let got = 0;
  while (got < buf.length) {
    const n = fs.readSync(fd, buf, got, buf.length - got, position + got);
    if (n === 0) break;
    got += n;
  }
  return got;
}

/**
 * Reads the ciphertext of `fd` (laid out as `outer` says) once: refuses it unless its size and SHA-256
 * are the signed ones, and decrypts it into plainFile (created private) when the identity opens it.
 * With keepFiles false the attachments' bytes (files/…) are hashed but not written: plainFile keeps
 * holes where they lie, so the manifest and tables are still read at their offsets.
 */
export async function openSignedPayload(
  fd: number,
  outer: OuterParts,
  payload: { size: number; sha256: string },
  plainFile: string,
  identity: string | readonly string[],
  maxBytes: number,
  keepFiles = true,
): Promise<OpenedPayload> {
  if (outer.cipherSize < payload.size) throw new IntakeError('BUNDLE_TRUNCATED', { detail: `${outer.cipherSize} of ${payload.size} payload bytes present` });
  if (outer.cipherSize > payload.size) throw new IntakeError('BUNDLE_EXTRA_DATA', { detail: `${outer.cipherSize - payload.size} bytes after the payload` });
  const refuse = (msg: string) => new IntakeError('BUNDLE_MALFORMED', { detail: `the payload cannot be decrypted (${msg})` });
  const whole = createHash('sha256');
  const job = new PayloadJob(plainFile);
  try {
    const head = Buffer.alloc(outer.cipherOffset);
    if (readFull(fd, head, 0) < head.length) throw new IntakeError('BUNDLE_TRUNCATED');
    whole.update(head);

    let opener: StreamOpener | null = null;
    let failed: IntakeError | null = null;
    let ranges: [number, number, 0 | 1][] = [];
    const framer = new EntryHasher((offset, size, path) => ranges.push([offset, size, !keepFiles && path.startsWith('files/') ? 1 : 0]));
    let written = 0;
    // One read's worth of plaintext, framed here, to the worker to be written and hashed.
    const decrypt = async (chunks: () => Buffer[]) => {
      let plain: Buffer[];
      try {
        plain = chunks().filter((c) => c.length > 0);
      } catch (err) {
        if (!(err instanceof AgeStreamError)) throw err;
        failed = refuse(err.message);
        opener = null;
        return;
      }
      const at = written;
      for (const c of plain) {
        written += c.length;
        framer.update(c);
      }
      if (written > maxBytes) {
        failed = new IntakeError('BUNDLE_TOO_LARGE', { detail: 'the decrypted payload is over the bundle limit' });
        opener = null;
        return;
      }
      const found = ranges;
      ranges = [];
      await job.plain(plain, at, found);
    };

    for (let done = 0; done < outer.cipherSize; ) {
      // A fresh buffer each time: it is handed to the worker once this thread is done with it.
      const chunk = Buffer.allocUnsafeSlow(Math.min(READ, outer.cipherSize - done));
      if (readFull(fd, chunk, outer.cipherOffset + done) < chunk.length) throw new IntakeError('BUNDLE_TRUNCATED', { detail: 'the file shrank while it was read' });
      whole.update(chunk);
      let body = chunk;
      if (done === 0) {
        try {
          const header = await openHeader(chunk.subarray(0, MAX_HEADER_BYTES), typeof identity === 'string' ? [identity] : identity);
          opener = new StreamOpener(header.key);
          body = chunk.subarray(header.payloadOffset);
        } catch (err) {
          const msg = (err as Error).message ?? '';
          failed = /no identity matched/.test(msg) ? new IntakeError('BUNDLE_WRONG_COUNTY_KEY') : refuse(msg);
        }
      }
      done += chunk.length;
      const o = opener as StreamOpener | null;
      if (o) await decrypt(() => o.update(body));
      await job.cipher(chunk);
    }
    if (outer.cipherSize === 0) failed = refuse('the payload is empty');
    const o = opener as StreamOpener | null;
    if (o) await decrypt(() => o.final());

    const digests = await job.finish();
    if (digests.cipherSha !== payload.sha256) throw new IntakeError('BUNDLE_CONTENT_MISMATCH', { detail: 'the encrypted payload differs from the one signed' });
    const hashes: EntryHashes = { hashOf: (e) => digests.entries.get(`${e.offset}:${e.size}`) };
    return { sha256: whole.digest('hex'), decrypted: failed ? { ok: false, error: failed } : { ok: true, hashes } };
  } finally {
    job.abandon();
  }
}
