/**
 * Attachments in a backup that leaves the data folder: each file AES-256-GCM-encrypted, streamed
 * (a 30 MB scan never sits in memory whole). Layout: 12-byte random nonce ‖ ciphertext ‖ 16-byte tag.
 * The key is derived from the backup's key, so whoever can open the backup's database can open these.
 */
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes, type DecipherGCM } from 'node:crypto';
import { pipeline } from 'node:stream/promises';

const NONCE = 12;
const TAG = 16;

export function attachmentKey(backupKey: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', backupKey, Buffer.alloc(0), 'township-intake backup attachments v1', 32));
}

/** Writes `dst` (a new file, 0600, flushed) holding `src` encrypted. */
export async function sealFile(src: string, dst: string, key: Buffer): Promise<void> {
  const nonce = randomBytes(NONCE);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  const out = await fsp.open(dst, 'wx', 0o600);
  try {
    await out.write(nonce);
    for await (const chunk of fs.createReadStream(src)) await out.write(cipher.update(chunk as Buffer));
    await out.write(cipher.final());
    await out.write(cipher.getAuthTag());
    await out.sync();
  } catch (err) {
    await out.close();
    await fsp.rm(dst, { force: true });
    throw err;
  }
  await out.close();
}

/** Reads a sealed file's nonce and tag: a decipher that checks the tag at final(), and the file's size. */
async function openFrame(src: string, key: Buffer): Promise<{ size: number; decipher: DecipherGCM }> {
  const size = (await fsp.stat(src)).size;
  if (size < NONCE + TAG) throw new Error(`${src} is too short to be a sealed file`);
  const fh = await fsp.open(src, 'r');
  const head = Buffer.alloc(NONCE);
  const tag = Buffer.alloc(TAG);
  try {
    await fh.read(head, 0, NONCE, 0);
    await fh.read(tag, 0, TAG, size - TAG);
  } finally {
    await fh.close();
  }
  const decipher = createDecipheriv('aes-256-gcm', key, head);
  decipher.setAuthTag(tag);
  return { size, decipher };
}

/** Decrypts a sealed file into `dst` (0600); a wrong key or any changed byte fails and leaves no `dst`. */
export async function unsealFile(src: string, dst: string, key: Buffer): Promise<void> {
  const { size, decipher } = await openFrame(src, key);
  try {
    if (size === NONCE + TAG) {
      decipher.final(); // an empty file: only the tag to check
      await fsp.writeFile(dst, Buffer.alloc(0), { flag: 'wx', mode: 0o600 });
    } else {
      await pipeline(fs.createReadStream(src, { start: NONCE, end: size - TAG - 1 }), decipher, fs.createWriteStream(dst, { flags: 'wx', mode: 0o600 }));
    }
  } catch (err) {
    await fsp.rm(dst, { force: true });
    throw err;
  }
}

/** The SHA-256 of what a sealed file holds, checking its tag, without writing the plain bytes anywhere. */
export async function sealedSha256(src: string, key: Buffer): Promise<string> {
  const { size, decipher } = await openFrame(src, key);
  const hash = createHash('sha256');
  if (size > NONCE + TAG) {
    for await (const chunk of fs.createReadStream(src, { start: NONCE, end: size - TAG - 1 })) hash.update(decipher.update(chunk as Buffer));
  }
  hash.update(decipher.final());
  return hash.digest('hex');
}
