/**
 * The county's one pass over a bundle's ciphertext. Every byte is read once into memory and then
 *  - hashed on the SHA-256 worker into the file's SHA-256 (its identity: chain, receipts) and the
 *    ciphertext's (which must be the one signed), and meanwhile, on this thread,
 *  - decrypted (age: the header by age-encryption, the chunks natively) into the private plaintext
 *    file, each payload entry hashed as it streams past.
 * The bytes hashed are the bytes decrypted, so a file changing under the check cannot split them (the
 * reason the ciphertext used to be copied into the staging folder first). Nothing here parses the
 * plaintext beyond the entry framing the hasher follows: the caller reads it only once the signed
 * hash matched and the chain is judged. A payload that does not decrypt is not refused here but
 * returned, so the refusals keep their order (signature, hash, chain and time, then decryption).
 */
import fs from 'node:fs';
import { IntakeError } from '../kernel/errors.js';
import { AgeStreamError, MAX_HEADER_BYTES, openHeader, StreamOpener } from './age-stream.js';
import { EntryHasher, type OuterParts } from './container.js';
import { Sha256Streams } from './off-thread-sha256.js';

/** Bytes per read: large enough that messages to the worker and syscalls cost nothing, small enough to stream. */
const READ = 1024 * 1024;
const FILE = 1;
const CIPHER = 2;

export interface OpenedPayload {
  /** SHA-256 (hex) of the whole bundle file. */
  sha256: string;
  /** The entries' hashes, or why the payload cannot be decrypted (to be thrown after the chain is judged). */
  decrypted: { ok: true; hashes: EntryHasher } | { ok: false; error: IntakeError };
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

function writev(fd: number, chunks: Buffer[], position: number): Promise<void> {
  const length = chunks.reduce((n, c) => n + c.length, 0);
  return new Promise((resolve, reject) =>
    fs.writev(fd, chunks, position, (err, n) => {
      if (err) reject(err);
      else if (n !== length) reject(new Error(`short write to the staged payload (${n} of ${length} bytes)`));
      else resolve();
    }),
  );
}

/**
 * Reads the ciphertext of `fd` (laid out as `outer` says) once: refuses it unless its size and SHA-256
 * are the signed ones, and decrypts it into plainFile (created private) when the identity opens it.
 */
export async function openSignedPayload(
  fd: number,
  outer: OuterParts,
  payload: { size: number; sha256: string },
  plainFile: string,
  identity: string | readonly string[],
  maxBytes: number,
): Promise<OpenedPayload> {
  if (outer.cipherSize < payload.size) throw new IntakeError('BUNDLE_TRUNCATED', { detail: `${outer.cipherSize} of ${payload.size} payload bytes present` });
  if (outer.cipherSize > payload.size) throw new IntakeError('BUNDLE_EXTRA_DATA', { detail: `${outer.cipherSize - payload.size} bytes after the payload` });
  const refuse = (msg: string) => new IntakeError('BUNDLE_MALFORMED', { detail: `the payload cannot be decrypted (${msg})` });
  const hashes = new Sha256Streams(2);
  const out = fs.openSync(plainFile, 'wx', 0o600);
  let writing: Promise<void> = Promise.resolve();
  try {
    // Fresh buffers (allocUnsafeSlow): each is handed to the worker once this thread is done with it.
    const head = Buffer.allocUnsafeSlow(outer.cipherOffset);
    if (readFull(fd, head, 0) < head.length) throw new IntakeError('BUNDLE_TRUNCATED');
    await hashes.update(head, FILE);

    let opener: StreamOpener | null = null;
    let failed: IntakeError | null = null;
    const hasher = new EntryHasher();
    let written = 0;
    // Decrypts one read's worth; the plaintext is written by the thread pool while the next is read.
    const decrypt = async (chunks: () => Buffer[]) => {
      let plain: Buffer[];
      try {
        plain = chunks();
      } catch (err) {
        if (!(err instanceof AgeStreamError)) throw err;
        failed = refuse(err.message);
        opener = null;
        return;
      }
      const at = written;
      for (const c of plain) {
        written += c.length;
        hasher.update(c);
      }
      if (written > maxBytes) {
        failed = new IntakeError('BUNDLE_TOO_LARGE', { detail: 'the decrypted payload is over the bundle limit' });
        opener = null;
        return;
      }
      await writing;
      writing = writev(out, plain, at);
    };

    for (let done = 0; done < outer.cipherSize; ) {
      const chunk = Buffer.allocUnsafeSlow(Math.min(READ, outer.cipherSize - done));
      if (readFull(fd, chunk, outer.cipherOffset + done) < chunk.length) throw new IntakeError('BUNDLE_TRUNCATED', { detail: 'the file shrank while it was read' });
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
      await hashes.update(chunk, FILE | CIPHER);
    }
    if (outer.cipherSize === 0) failed = refuse('the payload is empty');
    const o = opener as StreamOpener | null;
    if (o) await decrypt(() => o.final());
    await writing;

    const [sha256, cipherSha] = await hashes.digests();
    if (cipherSha !== payload.sha256) throw new IntakeError('BUNDLE_CONTENT_MISMATCH', { detail: 'the encrypted payload differs from the one signed' });
    return { sha256: sha256!, decrypted: failed ? { ok: false, error: failed } : { ok: true, hashes: hasher } };
  } finally {
    hashes.abandon();
    await writing.catch(() => undefined);
    fs.closeSync(out);
  }
}
