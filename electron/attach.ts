/**
 * Electron's way to attach files: the renderer asks, main shows the file dialog, and the chosen paths
 * are staged for the core here — the bytes go from the disk to the staging slot, never through the
 * renderer or a call. A plain function of its inputs (the relay's call, the paths), so it is tested
 * without Electron; main.ts only adds the dialog.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { CallResult, UploadSlot } from '../core/api/contract/index.js';
import type { CallTarget } from './ipc.js';

export const ATTACH_CHANNEL = 'intake:attach';
export const READ_ATTACHMENT_CHANNEL = 'intake:read-attachment';

export interface StagedFile {
  stagingId: string;
  fileName: string;
  mime: string;
  size: number;
}

const MIME: Record<string, string> = {
  '.pdf': 'application/pdf',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.bmp': 'image/bmp',
  '.tif': 'image/tiff',
  '.tiff': 'image/tiff',
  '.doc': 'application/msword',
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  '.txt': 'text/plain',
};
export const mimeOf = (file: string): string => MIME[path.extname(file).toLowerCase()] ?? 'application/octet-stream';

/** Stages each chosen file in turn (the core checks the limits with what is already held); one answer per file. */
export async function stagePaths(core: CallTarget, session: string | null, paths: readonly string[], held: readonly string[], onProgress?: (i: number, done: number, total: number) => void): Promise<CallResult<StagedFile>[]> {
  const answers: CallResult<StagedFile>[] = [];
  const holding = [...held];
  for (const [i, file] of paths.entries()) {
    let size: number;
    try {
      const st = fs.statSync(file);
      if (!st.isFile()) throw new Error('not a file');
      size = st.size;
    } catch {
      answers.push({ ok: false, code: 'NOT_FOUND', message_zh: `无法读取文件“${path.basename(file)}”` });
      continue;
    }
    const begun = await core.call(session, 'attachments.begin', { fileName: path.basename(file), mime: mimeOf(file), size, held: holding });
    if (!begun.ok) {
      answers.push(begun);
      continue;
    }
    const slot = begun.value as UploadSlot;
    try {
      let done = 0;
      const source = fs.createReadStream(file);
      source.on('data', (c) => {
        done += c.length;
        onProgress?.(i, done, size);
      });
      await pipeline(source, fs.createWriteStream(slot.partFile, { flags: 'wx', mode: 0o600 }));
      if (fs.statSync(slot.partFile).size > slot.maxBytes) throw new Error('grew past the limit');
      const fd = fs.openSync(slot.partFile, 'r');
      try {
        fs.fsyncSync(fd);
      } finally {
        fs.closeSync(fd);
      }
      fs.renameSync(slot.partFile, slot.file);
      holding.push(slot.stagingId);
      answers.push({ ok: true, value: { stagingId: slot.stagingId, fileName: slot.fileName, mime: slot.mime, size: done } });
    } catch {
      fs.rmSync(slot.partFile, { force: true });
      await core.call(session, 'attachments.discard', { stagingIds: [slot.stagingId] });
      answers.push({ ok: false, code: 'ATTACHMENT_NOT_STAGED', message_zh: `附件“${slot.fileName}”读取失败，未添加` });
    }
  }
  return answers;
}

/** A stored attachment's bytes for the renderer's viewer (a thumbnail, a PDF), or null. */
export async function readAttachment(core: CallTarget, session: string | null, attachmentId: number): Promise<{ bytes: Uint8Array; mime: string } | null> {
  const found = await core.call(session, 'attachments.locate', { attachmentId });
  if (!found.ok) return null;
  const a = found.value as { file: string; mime: string };
  try {
    return { bytes: new Uint8Array(await fs.promises.readFile(a.file)), mime: a.mime };
  } catch {
    return null;
  }
}
