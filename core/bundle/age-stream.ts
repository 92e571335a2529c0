/**
 * age's payload at native speed. An age file is a text header (the recipients' stanzas and a MAC
 * under the file key), a 16-byte nonce, then the STREAM payload: the plaintext cut into 64 KiB
 * chunks, each sealed with ChaCha20-Poly1305 under HKDF-SHA256(file key, salt = nonce, "payload"),
 * with the 12-byte chunk nonce = 11-byte big-endian chunk counter | 1 byte flag (1 on the last chunk
 * only). Only the last chunk may be short, and it is empty only when the whole payload is.
 *
 * `age-encryption` keeps the header and every recipient type (it wraps and unwraps the file key and
 * checks the header MAC); the payload goes through node:crypto's native chacha20-poly1305 here,
 * because the library's JavaScript ChaCha runs at a few percent of SHA-256's speed. Both directions
 * are interop-tested against the library (test/unit/bundle/age-stream.test.ts).
 *
 * The sealer and opener are synchronous and hold at most one chunk: callers feed them what they read
 * and write what comes out, so a 500 MB file never sits in memory.
 */
import { createCipheriv, createDecipheriv, hkdfSync } from 'node:crypto';
import { Decrypter, Encrypter, type Recipient } from 'age-encryption';

export const AGE_CHUNK = 64 * 1024;
const TAG = 16;
const SEALED_CHUNK = AGE_CHUNK + TAG;
const FILE_KEY_BYTES = 16;
const NONCE_BYTES = 16;
/** The header is a few stanzas of a few hundred bytes (a post-quantum one about 1.5 KB); more is not age. */
export const MAX_HEADER_BYTES = 64 * 1024;

/** A refusal of the payload: the caller maps it to its own error code. */
export class AgeStreamError extends Error {}

function payloadKey(fileKey: Uint8Array, nonce: Uint8Array): Buffer {
  return Buffer.from(hkdfSync('sha256', fileKey, nonce, 'payload', 32));
}

function chunkNonce(counter: number, last: boolean): Buffer {
  const n = Buffer.alloc(12);
  // 11-byte big-endian counter; a number covers 2^53 chunks (far past any file), so the top 3 bytes stay 0.
  n.writeUIntBE(Math.floor(counter / 2 ** 32), 3, 4);
  n.writeUInt32BE(counter >>> 0, 7);
  n[11] = last ? 1 : 0;
  return n;
}

/**
 * The header and nonce for a payload to `recipients`, and the payload key. The library builds the
 * header (stanzas, MAC); a recipient of our own that adds no stanza sees the file key it wraps.
 * The library's own empty payload (one empty last chunk, 16 bytes) is cut off the end.
 */
export async function sealHeader(recipients: readonly string[]): Promise<{ prefix: Buffer; key: Buffer }> {
  let fileKey: Uint8Array | null = null;
  const witness: Recipient = {
    wrapFileKey(k) {
      fileKey = Uint8Array.from(k);
      return [];
    },
  };
  const e = new Encrypter();
  for (const r of recipients) e.addRecipient(r);
  e.addRecipient(witness);
  const empty = Buffer.from(await e.encrypt(new Uint8Array(0)));
  if (!fileKey || (fileKey as Uint8Array).length !== FILE_KEY_BYTES) throw new Error('age did not hand out a file key');
  const prefix = empty.subarray(0, empty.length - TAG);
  const nonce = prefix.subarray(prefix.length - NONCE_BYTES);
  return { prefix: Buffer.from(prefix), key: payloadKey(fileKey, nonce) };
}

/**
 * Where the header ends in the first bytes of an age file: after the MAC line "--- <base64>\n".
 * Stanza lines start with "-> " or are base64 (no '-'), so the first "\n--- " is the MAC line.
 */
export function headerLength(start: Buffer): number {
  const mac = start.indexOf('\n--- ');
  if (mac < 0) throw new AgeStreamError(start.length >= MAX_HEADER_BYTES ? 'the age header is too long' : 'the age header has no MAC line');
  const end = start.indexOf('\n', mac + 5);
  if (end < 0) throw new AgeStreamError('the age header ends inside its MAC line');
  return end + 1;
}

/**
 * Opens the header at the start of an age file with the first identity that matches (the library
 * unwraps the file key and checks the MAC). Returns the payload key and where the payload starts.
 * Throws the library's error when no identity matches ("no identity matched …") or the MAC is wrong.
 */
export async function openHeader(start: Buffer, identities: readonly string[]): Promise<{ key: Buffer; payloadOffset: number }> {
  const length = headerLength(start);
  if (start.length < length + NONCE_BYTES) throw new AgeStreamError('the age file ends before its payload nonce');
  const d = new Decrypter();
  for (const id of identities) d.addIdentity(id);
  const fileKey = await d.decryptHeader(start.subarray(0, length));
  return { key: payloadKey(fileKey, start.subarray(length, length + NONCE_BYTES)), payloadOffset: length + NONCE_BYTES };
}

/** Seals plaintext into STREAM chunks. Feed with update(), then final() once; each returns ciphertext. */
export class StreamSealer {
  private readonly hold = Buffer.alloc(AGE_CHUNK);
  private held = 0;
  private counter = 0;
  private done = false;
  constructor(private readonly key: Buffer) {}

  private seal(plain: Buffer, last: boolean): Buffer {
    const c = createCipheriv('chacha20-poly1305', this.key, chunkNonce(this.counter++, last), { authTagLength: TAG });
    const body = c.update(plain);
    c.final();
    return Buffer.concat([body, c.getAuthTag()]);
  }

  update(data: Uint8Array): Buffer[] {
    if (this.done) throw new Error('the payload is already sealed');
    const out: Buffer[] = [];
    let at = 0;
    while (at < data.length) {
      // A full chunk is sealed only once more data follows: the last one carries the flag.
      if (this.held === AGE_CHUNK) {
        out.push(this.seal(this.hold, false));
        this.held = 0;
      }
      const n = Math.min(AGE_CHUNK - this.held, data.length - at);
      this.hold.set(data.subarray(at, at + n), this.held);
      this.held += n;
      at += n;
    }
    return out;
  }

  final(): Buffer[] {
    if (this.done) throw new Error('the payload is already sealed');
    this.done = true;
    return [this.seal(this.hold.subarray(0, this.held), true)];
  }
}

/**
 * Opens STREAM chunks. Feed ciphertext with update(), then final() at the end of the input; each
 * returns plaintext. Refuses (AgeStreamError) a chunk that does not authenticate under its counter and
 * flag — so reordered, flipped, truncated (at a chunk boundary or not) or extended payloads all fail —
 * data after the last chunk, and an empty last chunk after others.
 */
export class StreamOpener {
  private readonly hold = Buffer.alloc(SEALED_CHUNK);
  private held = 0;
  private counter = 0;
  private done = false;
  constructor(private readonly key: Buffer) {}

  private open(sealed: Uint8Array, last: boolean): Buffer {
    if (sealed.length < TAG) throw new AgeStreamError('the payload is truncated');
    if (last && sealed.length === TAG && this.counter > 0) throw new AgeStreamError('the payload ends in an empty chunk');
    const d = createDecipheriv('chacha20-poly1305', this.key, chunkNonce(this.counter, last), { authTagLength: TAG });
    d.setAuthTag(sealed.subarray(sealed.length - TAG));
    const plain = d.update(sealed.subarray(0, sealed.length - TAG));
    try {
      d.final();
    } catch {
      throw new AgeStreamError(`chunk ${this.counter} of the payload does not authenticate (damaged, truncated or reordered)`);
    }
    this.counter++;
    return plain;
  }

  update(data: Uint8Array): Buffer[] {
    if (this.done) throw new Error('the payload is already opened');
    const out: Buffer[] = [];
    let at = 0;
    while (at < data.length) {
      if (this.held === SEALED_CHUNK) {
        out.push(this.open(this.hold, false));
        this.held = 0;
      }
      // A whole chunk with more after it (so not the last) is opened where it lies, not copied first.
      if (this.held === 0 && data.length - at > SEALED_CHUNK) {
        out.push(this.open(data.subarray(at, at + SEALED_CHUNK), false));
        at += SEALED_CHUNK;
        continue;
      }
      const n = Math.min(SEALED_CHUNK - this.held, data.length - at);
      this.hold.set(data.subarray(at, at + n), this.held);
      this.held += n;
      at += n;
    }
    return out;
  }

  final(): Buffer[] {
    if (this.done) throw new Error('the payload is already opened');
    this.done = true;
    return [this.open(this.hold.subarray(0, this.held), true)];
  }
}
