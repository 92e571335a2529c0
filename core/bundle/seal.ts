/**
 * Seals a bundle: streams the payload (manifest, then each file) through age to the county's
 * recipient (the header by age-encryption, the payload chunks by node:crypto: age-stream.ts), hashes the ciphertext as it is written, signs the statement that names that hash, and
 * writes the bundle file. Nothing is held in memory beyond a chunk: a 500 MB attachment is read,
 * hashed and encrypted 1 MiB at a time. Tests use this directly to build hostile bundles.
 */
import fs from 'node:fs';
import { createHash } from 'node:crypto';
import { IntakeError } from '../kernel/errors.js';
import { sealHeader, StreamSealer } from './age-stream.js';
import { entryHeader, outerHeader, PAYLOAD_MAGIC } from './container.js';
import { signEnvelope } from './dsse.js';
import { MANIFEST_PATH, STATEMENT_TYPE, type Statement } from './manifest.js';
import type { SigningKey } from './suites.js';
import type { DownChain } from './down-format.js';

const CHUNK = 1024 * 1024;

/** One payload entry: bytes in memory (the manifest, small test files) or a file streamed from disk. */
export interface SealEntry {
  path: string;
  size: number;
  bytes?: Buffer;
  file?: string;
  /** When set, the file's bytes must hash to this while they stream (an attachment changed on disk is refused). */
  sha256?: string;
}

export interface SealInput {
  out: string;
  /** The statement without its payload: a township bundle's, or what the county sends down (down-format.ts). */
  chain: Omit<Statement, 'payload'> | DownChain;
  /** The envelope's payload type; the township bundle's by default. */
  statementType?: string;
  manifest: Buffer;
  entries: readonly SealEntry[];
  signer: SigningKey;
  recipient: string;
  /** Bytes of payload encrypted so far, and bytes of the bundle file written so far. */
  onProgress?: (p: { phase: 'encrypt' | 'write'; done: number; total: number }) => void;
}

async function* payloadChunks(manifest: Buffer, entries: readonly SealEntry[]): AsyncGenerator<Uint8Array> {
  yield PAYLOAD_MAGIC;
  yield entryHeader(MANIFEST_PATH, manifest.length);
  yield manifest;
  for (const e of entries) {
    yield entryHeader(e.path, e.size);
    if (e.bytes) {
      yield e.bytes;
      continue;
    }
    const hash = createHash('sha256');
    const fh = await fs.promises.open(e.file!, 'r');
    try {
      let done = 0;
      while (done < e.size) {
        const buf = Buffer.alloc(Math.min(CHUNK, e.size - done));
        const { bytesRead } = await fh.read(buf, 0, buf.length, done);
        if (bytesRead === 0) break;
        const chunk = buf.subarray(0, bytesRead);
        hash.update(chunk);
        done += bytesRead;
        yield chunk;
      }
      if (done !== e.size || (e.sha256 && hash.digest('hex') !== e.sha256)) {
        throw new IntakeError('ATTACHMENT_DAMAGED', { detail: `${e.path} changed while it was being exported` });
      }
    } finally {
      await fh.close();
    }
  }
}

export function payloadSize(manifest: Buffer, entries: readonly SealEntry[]): number {
  return entries.reduce((n, e) => n + entryHeader(e.path, e.size).length + e.size, PAYLOAD_MAGIC.length + entryHeader(MANIFEST_PATH, manifest.length).length + manifest.length);
}

/** Writes the bundle to `out` (atomically: temporary files, fsync, rename); returns its SHA-256 and size. */
export async function sealBundle(input: SealInput): Promise<{ sha256: string; size: number }> {
  const cipherFile = `${input.out}.${process.pid}.cipher`;
  const partFile = `${input.out}.${process.pid}.part`;
  try {
    // 1. The payload through age, hashed as written.
    const total = payloadSize(input.manifest, input.entries);
    const { prefix, key } = await sealHeader([input.recipient]);
    const sealer = new StreamSealer(key);
    const cipherHash = createHash('sha256');
    let cipherSize = 0;
    let fed = 0;
    const cfd = fs.openSync(cipherFile, 'w', 0o600);
    try {
      const put = (b: Buffer) => {
        cipherHash.update(b);
        fs.writeSync(cfd, b);
        cipherSize += b.length;
      };
      put(prefix);
      for await (const value of payloadChunks(input.manifest, input.entries)) {
        fed += value.length;
        input.onProgress?.({ phase: 'encrypt', done: fed, total });
        for (const b of sealer.update(value)) put(b);
      }
      for (const b of sealer.final()) put(b);
    } finally {
      fs.closeSync(cfd);
    }

    // 2. The statement names the ciphertext; the signature covers the statement.
    const statement = {
      ...input.chain,
      payload: { encryption: 'age', recipient: input.recipient, size: cipherSize, sha256: cipherHash.digest('hex') },
    };
    const envelope = signEnvelope(input.statementType ?? STATEMENT_TYPE, Buffer.from(JSON.stringify(statement), 'utf8'), input.signer);

    // 3. Header, then the ciphertext copied behind it; the whole file hashed for the next bundle's link.
    const head = outerHeader(envelope);
    const fileHash = createHash('sha256').update(head);
    const fileTotal = head.length + cipherSize;
    const out = await fs.promises.open(partFile, 'wx', 0o600);
    const inp = await fs.promises.open(cipherFile, 'r');
    try {
      await out.write(head);
      let done = 0;
      const buf = Buffer.alloc(CHUNK);
      while (done < cipherSize) {
        const { bytesRead } = await inp.read(buf, 0, Math.min(CHUNK, cipherSize - done), done);
        if (bytesRead === 0) throw new Error('ciphertext file shrank');
        const chunk = buf.subarray(0, bytesRead);
        fileHash.update(chunk);
        await out.write(chunk);
        done += bytesRead;
        input.onProgress?.({ phase: 'write', done: head.length + done, total: fileTotal });
      }
      await out.sync();
    } finally {
      await out.close();
      await inp.close();
    }
    if (fs.existsSync(input.out)) throw new IntakeError('OUTPUT_EXISTS', { detail: input.out });
    fs.renameSync(partFile, input.out);
    return { sha256: fileHash.digest('hex'), size: fileTotal };
  } finally {
    fs.rmSync(cipherFile, { force: true });
    fs.rmSync(partFile, { force: true });
  }
}
