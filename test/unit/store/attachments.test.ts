/**
 * The attachment store on disk (issue 20: mutation testing): where the bytes of a scan live, the staging
 * folder the upload endpoint fills and the core empties, and the moves between them. The upload endpoint
 * runs these in the core's host, out of reach of in-process coverage, so they are tested here directly.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  attachmentPath,
  clearStaging,
  ensureStagingDir,
  hashStaged,
  placeStaged,
  removeAttachmentFile,
  removeStaged,
  stagingFile,
  writeAttachmentFile,
} from '../../../core/store/attachments.js';
import { tempDir } from '../../helpers/core.js';

afterEach(() => vi.restoreAllMocks());

const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex');
const mode = (p: string): number => fs.statSync(p).mode & 0o777;
const bytes = (n: number, seed = 7): Buffer => Buffer.from(Array.from({ length: n }, (_, i) => (i * 31 + seed) & 0xff));
/** A staged upload as the endpoint leaves it: DATA/staging/<id>. */
function stage(dataDir: string, id: string, b: Buffer): void {
  fs.mkdirSync(path.join(dataDir, 'staging'), { recursive: true });
  fs.writeFileSync(path.join(dataDir, 'staging', id), b);
}

describe('where an attachment lives', () => {
  it('under attachments/, in a folder named by the first two hex digits of its SHA-256', () => {
    const h = sha(Buffer.from('扫描件'));
    expect(attachmentPath('/d', h)).toBe(path.join('/d', 'attachments', h.slice(0, 2), h));
    expect(stagingFile('/d', 'u1')).toBe(path.join('/d', 'staging', 'u1'));
  });

  it('is written once, owner-only, with no temporary file left; the same bytes again make nothing', () => {
    const dataDir = tempDir();
    const b = bytes(5000);
    const h = sha(b);
    expect(writeAttachmentFile(dataDir, h, b)).toBe(true);
    const file = attachmentPath(dataDir, h);
    expect(fs.readFileSync(file)).toEqual(b);
    expect(mode(file)).toBe(0o600);
    expect(mode(path.dirname(file))).toBe(0o700);
    expect(fs.readdirSync(path.dirname(file))).toEqual([h]);
    expect(writeAttachmentFile(dataDir, h, b)).toBe(false);
  });

  it('is removed by its hash, and removing one that is not there is no error', () => {
    const dataDir = tempDir();
    const b = bytes(10);
    writeAttachmentFile(dataDir, sha(b), b);
    removeAttachmentFile(dataDir, sha(b));
    expect(fs.existsSync(attachmentPath(dataDir, sha(b)))).toBe(false);
    expect(() => removeAttachmentFile(dataDir, sha(b))).not.toThrow();
  });
});

describe('the staging folder', () => {
  it('is made owner-only, and making it again is no error', () => {
    const dataDir = tempDir();
    ensureStagingDir(dataDir);
    ensureStagingDir(dataDir);
    expect(mode(path.join(dataDir, 'staging'))).toBe(0o700);
  });

  it('is emptied of complete and partial uploads, folders too, except what is kept, and says how many went', () => {
    const dataDir = tempDir();
    expect(clearStaging(dataDir)).toBe(0); // no folder yet
    stage(dataDir, 'a', bytes(3));
    stage(dataDir, 'b.part', bytes(3));
    fs.mkdirSync(path.join(dataDir, 'staging', 'odd', 'deeper'), { recursive: true });
    stage(dataDir, 'live', bytes(3));
    expect(clearStaging(dataDir, (name) => name === 'live')).toBe(3);
    expect(fs.readdirSync(path.join(dataDir, 'staging'))).toEqual(['live']);
    expect(clearStaging(dataDir)).toBe(1);
    expect(fs.readdirSync(path.join(dataDir, 'staging'))).toEqual([]);
  });

  it('removes one upload, complete or partial, whichever of the two is there', () => {
    const dataDir = tempDir();
    stage(dataDir, 'u1.part', bytes(3));
    removeStaged(dataDir, 'u1');
    stage(dataDir, 'u2', bytes(3));
    removeStaged(dataDir, 'u2');
    expect(fs.readdirSync(path.join(dataDir, 'staging'))).toEqual([]);
    expect(() => removeStaged(dataDir, 'never')).not.toThrow();
  });

  it('hashes a complete upload in 1 MiB steps, never the whole file at once, and closes it', () => {
    const dataDir = tempDir();
    const b = bytes(2.5 * 1024 * 1024);
    stage(dataDir, 'big', b);
    const reads = vi.spyOn(fs, 'readSync');
    const closes = vi.spyOn(fs, 'closeSync');
    expect(hashStaged(dataDir, 'big')).toEqual({ size: b.length, sha256: sha(b) });
    expect(reads).toHaveBeenCalledTimes(4); // three reads of at most 1 MiB, then the end
    expect(closes).toHaveBeenCalledTimes(1);
    stage(dataDir, 'empty', Buffer.alloc(0));
    expect(hashStaged(dataDir, 'empty')).toEqual({ size: 0, sha256: sha(Buffer.alloc(0)) });
    expect(hashStaged(dataDir, 'missing')).toBeNull();
  });
});

describe('putting a staged upload in place', () => {
  it('links it under its hash (no copy), in a folder made for it; the same bytes again make nothing', () => {
    const dataDir = tempDir();
    const b = bytes(4096);
    stage(dataDir, 'u1', b);
    expect(placeStaged(dataDir, 'u1', sha(b))).toBe(true);
    const file = attachmentPath(dataDir, sha(b));
    expect(fs.statSync(file).ino).toBe(fs.statSync(stagingFile(dataDir, 'u1')).ino);
    expect(mode(path.dirname(file))).toBe(0o700);
    stage(dataDir, 'u2', b);
    expect(placeStaged(dataDir, 'u2', sha(b))).toBe(false);
  });

  it('a file that appears between the check and the link counts as stored already', () => {
    const dataDir = tempDir();
    const b = bytes(64);
    stage(dataDir, 'u1', b);
    vi.spyOn(fs, 'linkSync').mockImplementation(() => {
      throw Object.assign(new Error('exists'), { code: 'EEXIST' });
    });
    expect(placeStaged(dataDir, 'u1', sha(b))).toBe(false);
  });

  it('across file systems: copied to a temporary name, owner-only, fsynced, then renamed into place', () => {
    const dataDir = tempDir();
    const b = bytes(100_000);
    const h = sha(b);
    stage(dataDir, 'u1', b);
    fs.chmodSync(stagingFile(dataDir, 'u1'), 0o644);
    const order: string[] = [];
    vi.spyOn(fs, 'linkSync').mockImplementation(() => {
      throw Object.assign(new Error('cross-device link'), { code: 'EXDEV' });
    });
    const fsync = fs.fsyncSync;
    vi.spyOn(fs, 'fsyncSync').mockImplementation((fd: number) => {
      order.push(`fsync ${fs.fstatSync(fd).size}`);
      fsync(fd);
    });
    const rename = fs.renameSync;
    vi.spyOn(fs, 'renameSync').mockImplementation((from, to) => {
      order.push(`rename ${path.basename(String(to))}`);
      rename(from, to);
    });
    const opened: number[] = [];
    const openFile = fs.openSync;
    vi.spyOn(fs, 'openSync').mockImplementation(((...a: Parameters<typeof fs.openSync>) => {
      const fd = openFile(...a);
      opened.push(fd);
      return fd;
    }) as typeof fs.openSync);
    const closes = vi.spyOn(fs, 'closeSync');
    expect(placeStaged(dataDir, 'u1', h)).toBe(true);
    // Every descriptor it opened (the copy, to fsync it; the folder, to sync the new name) is closed again.
    expect(opened.length).toBeGreaterThan(0);
    for (const fd of opened) expect(closes).toHaveBeenCalledWith(fd);
    const file = attachmentPath(dataDir, h);
    expect(fs.readFileSync(file)).toEqual(b);
    expect(mode(file)).toBe(0o600);
    expect(fs.statSync(file).ino).not.toBe(fs.statSync(stagingFile(dataDir, 'u1')).ino);
    expect(order.slice(0, 2)).toEqual([`fsync ${b.length}`, `rename ${h}`]);
    expect(fs.readdirSync(path.dirname(file))).toEqual([h]);
  });

  it('any other failure to link is not swallowed when the copy fails too', () => {
    const dataDir = tempDir();
    vi.spyOn(fs, 'linkSync').mockImplementation(() => {
      throw Object.assign(new Error('no such file'), { code: 'ENOENT' });
    });
    expect(() => placeStaged(dataDir, 'gone', sha(Buffer.from('x')))).toThrow();
  });
});
