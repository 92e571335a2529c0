/**
 * The two byte layouts of a bundle, both length-prefixed so a reader never scans for delimiters:
 *
 *   bundle file   = "INTAKEB1" | u32 BE envelope length | envelope (DSSE JSON) | age ciphertext
 *   payload (age) = "INTAKEP1" | entry* ;  entry = u16 BE path length | path (UTF-8) | u64 BE size | bytes
 *
 * The first entry is manifest.json; then every file of the manifest, in the manifest's order, and
 * nothing else. Paths are names checked against a closed pattern, never joined to a folder.
 */
import fs from 'node:fs';
import { createHash } from 'node:crypto';
import { IntakeError } from '../kernel/errors.js';
import { MAX_ENVELOPE_BYTES } from './dsse.js';

export const BUNDLE_MAGIC = Buffer.from('INTAKEB1', 'ascii');
export const PAYLOAD_MAGIC = Buffer.from('INTAKEP1', 'ascii');
const OUTER_HEADER = BUNDLE_MAGIC.length + 4;
const CHUNK = 1024 * 1024;

export function outerHeader(envelope: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(envelope.length);
  return Buffer.concat([BUNDLE_MAGIC, len, envelope]);
}

export function entryHeader(path: string, size: number): Buffer {
  const name = Buffer.from(path, 'utf8');
  const head = Buffer.alloc(2 + name.length + 8);
  head.writeUInt16BE(name.length, 0);
  name.copy(head, 2);
  head.writeBigUInt64BE(BigInt(size), 2 + name.length);
  return head;
}

function readExactly(fd: number, length: number, position: number): Buffer {
  const buf = Buffer.alloc(length);
  let got = 0;
  while (got < length) {
    const n = fs.readSync(fd, buf, got, length - got, position + got);
    if (n === 0) break;
    got += n;
  }
  return got === length ? buf : buf.subarray(0, got);
}

export interface OuterParts {
  envelope: Buffer;
  cipherOffset: number;
  cipherSize: number;
}

/** Reads the bundle file's frame: magic, envelope, and where the ciphertext lies. Parses nothing else. */
export function readOuter(fd: number, fileSize: number): OuterParts {
  const head = readExactly(fd, OUTER_HEADER, 0);
  if (head.length < BUNDLE_MAGIC.length || !head.subarray(0, BUNDLE_MAGIC.length).equals(BUNDLE_MAGIC)) {
    throw new IntakeError('BUNDLE_NOT_A_BUNDLE', { detail: 'the file does not start with INTAKEB1' });
  }
  if (head.length < OUTER_HEADER) throw new IntakeError('BUNDLE_TRUNCATED', { detail: 'the file ends inside its header' });
  const envLength = head.readUInt32BE(BUNDLE_MAGIC.length);
  if (envLength > MAX_ENVELOPE_BYTES) throw new IntakeError('BUNDLE_MALFORMED', { detail: `envelope of ${envLength} bytes is over 64 KiB` });
  if (OUTER_HEADER + envLength > fileSize) throw new IntakeError('BUNDLE_TRUNCATED', { detail: 'the file ends inside its signed statement' });
  const envelope = readExactly(fd, envLength, OUTER_HEADER);
  const cipherOffset = OUTER_HEADER + envLength;
  return { envelope, cipherOffset, cipherSize: fileSize - cipherOffset };
}

/** Streams a byte range of one file into another while hashing it; returns the SHA-256 (hex). */
export function copyHashed(fromFd: number, offset: number, size: number, toFd: number | null, onBytes?: (n: number) => void): string {
  const hash = createHash('sha256');
  const buf = Buffer.alloc(CHUNK);
  let done = 0;
  while (done < size) {
    const n = fs.readSync(fromFd, buf, 0, Math.min(CHUNK, size - done), offset + done);
    if (n === 0) throw new IntakeError('BUNDLE_TRUNCATED');
    const chunk = buf.subarray(0, n);
    hash.update(chunk);
    if (toFd !== null) fs.writeSync(toFd, chunk);
    done += n;
    onBytes?.(n);
  }
  return hash.digest('hex');
}

/** SHA-256 of a whole file, streamed. */
export function hashFile(file: string): { sha256: string; size: number } {
  const fd = fs.openSync(file, 'r');
  try {
    const size = fs.fstatSync(fd).size;
    return { sha256: copyHashed(fd, 0, size, null), size };
  } finally {
    fs.closeSync(fd);
  }
}

export interface InnerEntry {
  path: string;
  /** Where the entry's bytes start in the decrypted payload file. */
  offset: number;
  size: number;
}

/**
 * Walks the decrypted payload one entry at a time. `limitFor(path)` gives the most bytes an entry of
 * that name may hold; a bigger one is refused before its bytes are read.
 */
export class PayloadReader {
  private pos = 0;
  constructor(
    private readonly fd: number,
    private readonly size: number,
  ) {
    const magic = readExactly(fd, PAYLOAD_MAGIC.length, 0);
    if (!magic.equals(PAYLOAD_MAGIC)) throw new IntakeError('BUNDLE_MALFORMED', { detail: 'the payload does not start with INTAKEP1' });
    this.pos = PAYLOAD_MAGIC.length;
  }

  atEnd(): boolean {
    return this.pos === this.size;
  }

  next(limitFor: (path: string) => number): InnerEntry {
    const lenBuf = readExactly(this.fd, 2, this.pos);
    if (lenBuf.length < 2) throw new IntakeError('BUNDLE_TRUNCATED', { detail: 'the payload ends inside an entry header' });
    const pathLength = lenBuf.readUInt16BE(0);
    const rest = readExactly(this.fd, pathLength + 8, this.pos + 2);
    if (rest.length < pathLength + 8) throw new IntakeError('BUNDLE_TRUNCATED', { detail: 'the payload ends inside an entry header' });
    const path = rest.subarray(0, pathLength).toString('utf8');
    const size = rest.readBigUInt64BE(pathLength);
    const limit = limitFor(path);
    if (size > BigInt(limit)) throw new IntakeError('BUNDLE_TOO_LARGE', { detail: `${path} holds ${size} bytes, over the limit of ${limit}` });
    const offset = this.pos + 2 + pathLength + 8;
    const n = Number(size);
    if (offset + n > this.size) throw new IntakeError('BUNDLE_TRUNCATED', { detail: `the payload ends inside ${path}` });
    this.pos = offset + n;
    return { path, offset, size: n };
  }

  read(entry: InnerEntry): Buffer {
    return readExactly(this.fd, entry.size, entry.offset);
  }

  hash(entry: InnerEntry, toFd: number | null = null): string {
    return copyHashed(this.fd, entry.offset, entry.size, toFd);
  }

  /** Calls `line` for every NDJSON line of an entry, streamed; refuses a line longer than maxLine. */
  lines(entry: InnerEntry, maxLine: number, line: (text: string, index: number) => void): number {
    let count = 0;
    for (const [text, index] of this.eachLine(entry, maxLine)) {
      line(text, index);
      count = index + 1;
    }
    return count;
  }

  /** The same lines as a generator, so an async consumer (the county store) can write between them. */
  *eachLine(entry: InnerEntry, maxLine: number): Generator<[string, number]> {
    const buf = Buffer.alloc(CHUNK);
    let carry: Buffer = Buffer.alloc(0);
    let index = 0;
    let done = 0;
    while (done < entry.size) {
      const n = fs.readSync(this.fd, buf, 0, Math.min(CHUNK, entry.size - done), entry.offset + done);
      if (n === 0) throw new IntakeError('BUNDLE_TRUNCATED');
      done += n;
      let data = carry.length ? Buffer.concat([carry, buf.subarray(0, n)]) : buf.subarray(0, n);
      let nl: number;
      while ((nl = data.indexOf(0x0a)) !== -1) {
        if (nl > maxLine) throw new IntakeError('BUNDLE_TOO_LARGE', { detail: `a record in ${entry.path} is over ${maxLine} bytes` });
        // Decoded before the consumer runs: buf is reused by the next read.
        yield [data.subarray(0, nl).toString('utf8'), index++];
        data = data.subarray(nl + 1);
      }
      if (data.length > maxLine) throw new IntakeError('BUNDLE_TOO_LARGE', { detail: `a record in ${entry.path} is over ${maxLine} bytes` });
      carry = Buffer.from(data);
    }
    if (carry.length > 0) throw new IntakeError('BUNDLE_RECORD_INVALID', { detail: `${entry.path} does not end with a newline` });
  }
}

/**
 * Hashes every entry of a payload while it streams past (as it is decrypted), so the check need not
 * read the payload file back to hash it. It only follows the framing; PayloadReader still judges it.
 * An entry whose bytes do not all arrive is simply not in `hashes`.
 */
export class EntryHasher {
  /** SHA-256 (hex) of each complete entry, by `${offset}:${size}` of its bytes in the payload. */
  readonly hashes = new Map<string, string>();
  private pos = 0;
  private head: Buffer = Buffer.alloc(0);
  private want = PAYLOAD_MAGIC.length;
  private state: 'magic' | 'length' | 'name' | 'bytes' = 'magic';
  private entry: { offset: number; size: number; left: number; hash: ReturnType<typeof createHash> | null } | null = null;
  private broken = false;

  /**
   * With `onEntry`, the hasher only frames: it reports each entry's path and where its bytes lie in
   * the payload (as soon as its header has passed) and hashes nothing, for someone else to hash them.
   */
  constructor(private readonly onEntry?: (offset: number, size: number, path: string) => void) {}

  update(data: Buffer): void {
    let at = 0;
    while (at < data.length && !this.broken) {
      if (this.state === 'bytes') {
        const e = this.entry!;
        const n = Math.min(e.left, data.length - at);
        e.hash?.update(data.subarray(at, at + n));
        e.left -= n;
        at += n;
        this.pos += n;
        if (e.left === 0) this.finishEntry();
        continue;
      }
      const n = Math.min(this.want - this.head.length, data.length - at);
      this.head = Buffer.concat([this.head, data.subarray(at, at + n)]);
      at += n;
      this.pos += n;
      if (this.head.length < this.want) continue;
      if (this.state === 'magic') {
        this.state = 'length';
        this.want = 2;
      } else if (this.state === 'length') {
        this.state = 'name';
        this.want = this.head.readUInt16BE(0) + 8;
      } else {
        const size = this.head.readBigUInt64BE(this.head.length - 8);
        if (size > BigInt(Number.MAX_SAFE_INTEGER)) {
          this.broken = true; // PayloadReader refuses it; nothing to hash
          break;
        }
        this.entry = { offset: this.pos, size: Number(size), left: Number(size), hash: this.onEntry ? null : createHash('sha256') };
        this.onEntry?.(this.pos, Number(size), this.head.subarray(0, this.head.length - 8).toString('utf8'));
        this.state = 'bytes';
        if (this.entry.left === 0) this.finishEntry();
      }
      this.head = Buffer.alloc(0);
    }
  }

  private finishEntry(): void {
    const e = this.entry!;
    if (e.hash) this.hashes.set(`${e.offset}:${e.size}`, e.hash.digest('hex'));
    this.entry = null;
    this.state = 'length';
    this.want = 2;
  }

  /** The hash of an entry as PayloadReader found it, if it streamed past whole. */
  hashOf(entry: InnerEntry): string | undefined {
    return this.hashes.get(`${entry.offset}:${entry.size}`);
  }
}
