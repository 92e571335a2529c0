/**
 * Attachments over the loopback shell, as files rather than JSON:
 *
 *   POST /upload            raw body = the file; headers x-intake-file-name (percent-encoded), content-type,
 *                           content-length, x-intake-held (the staged ids the form already holds, comma-separated)
 *   GET  /attachment/<id>   a stored attachment's bytes (thumbnails, the PDF viewer)
 *
 * Both sit behind the same token, session, Host and Origin checks as /api/. The core decides
 * (attachments.begin: who, limits); this shell only moves bytes: it streams the body into the
 * staging slot's .part file, fsyncs it and renames it complete. The bytes never pass through a call.
 */
import fs from 'node:fs';
import type http from 'node:http';
import type { CoreClient } from '../host/client.js';
import type { AttachmentFile, CallFailure, UploadSlot } from '../api/contract/index.js';

/** A body the core refused is read and dropped up to this much, so the client reads the answer instead of a reset. */
const DRAIN_LIMIT = 1024 * 1024 * 1024;

type Send = (status: number, body: unknown) => void;

function drain(req: http.IncomingMessage): Promise<void> {
  return new Promise((resolve) => {
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > DRAIN_LIMIT) req.destroy();
    });
    req.on('end', resolve);
    req.on('close', resolve);
    req.on('error', () => resolve());
  });
}

const refusal = (code: CallFailure['code'], message_zh: string): CallFailure => ({ ok: false, code, message_zh });

/** Writes the request body to `slot.partFile`; resolves with the size, or the reason it stopped. */
function receive(req: http.IncomingMessage, slot: UploadSlot): Promise<{ size: number } | { tooLarge: true } | { aborted: true }> {
  return new Promise((resolve) => {
    const fd = fs.openSync(slot.partFile, 'wx', 0o600);
    let size = 0;
    let over = false;
    let settled = false;
    let writing = Promise.resolve();
    const fail = (result: { tooLarge: true } | { aborted: true }) => {
      if (settled) return;
      settled = true;
      void writing.finally(() => {
        fs.closeSync(fd);
        fs.rmSync(slot.partFile, { force: true });
        resolve(result);
      });
    };
    req.on('data', (chunk: Buffer) => {
      if (over) return;
      size += chunk.length;
      if (size > slot.maxBytes) {
        over = true;
        fail({ tooLarge: true });
        return;
      }
      // One write at a time, in order; the socket is paused while the disk catches up.
      req.pause();
      writing = writing.then(
        () =>
          new Promise<void>((done) => {
            fs.write(fd, chunk, 0, chunk.length, null, (err) => {
              if (err) fail({ aborted: true });
              req.resume();
              done();
            });
          }),
      );
    });
    req.on('end', () => {
      if (over || settled) return;
      settled = true;
      void writing.then(() => {
        fs.fsyncSync(fd);
        fs.closeSync(fd);
        fs.renameSync(slot.partFile, slot.file);
        resolve({ size });
      });
    });
    req.on('aborted', () => fail({ aborted: true }));
    req.on('error', () => fail({ aborted: true }));
    req.on('close', () => {
      if (!req.complete) fail({ aborted: true });
    });
  });
}

export async function handleUpload(core: CoreClient, session: string | null, req: http.IncomingMessage, send: Send): Promise<void> {
  const declared = Number(req.headers['content-length']);
  if (req.headers['content-length'] === undefined || !Number.isSafeInteger(declared) || declared < 0) {
    await drain(req);
    return send(411, refusal('INVALID_INPUT', '上传请求缺少文件大小'));
  }
  let fileName: string;
  try {
    fileName = decodeURIComponent(String(req.headers['x-intake-file-name'] ?? ''));
  } catch {
    await drain(req);
    return send(400, refusal('INVALID_INPUT', '附件文件名编码不正确'));
  }
  const held = String(req.headers['x-intake-held'] ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const begun = await core.call(session, 'attachments.begin', { fileName, mime: req.headers['content-type'], size: declared, held });
  if (!begun.ok) {
    await drain(req);
    return send(begun.code === 'ATTACHMENT_TOO_LARGE' || begun.code === 'ATTACHMENTS_TOO_LARGE' ? 413 : 200, begun);
  }
  const slot = begun.value as UploadSlot;
  const got = await receive(req, slot);
  if ('size' in got) return send(200, { ok: true, value: { stagingId: slot.stagingId, fileName: slot.fileName, mime: slot.mime, size: got.size } });
  await core.call(session, 'attachments.discard', { stagingIds: [slot.stagingId] });
  if ('tooLarge' in got) {
    await drain(req);
    return send(413, refusal('ATTACHMENT_TOO_LARGE', `附件“${slot.fileName}”超过大小上限，未保存`));
  }
  // The client went away: nobody reads an answer, and the partial file is already gone.
}

export async function handleDownload(core: CoreClient, session: string | null, rawId: string, res: http.ServerResponse, send: Send): Promise<void> {
  const attachmentId = /^\d{1,12}$/.test(rawId) ? Number(rawId) : NaN;
  if (!Number.isSafeInteger(attachmentId)) return send(400, refusal('INVALID_INPUT', '附件编号不正确'));
  const found = await core.call(session, 'attachments.locate', { attachmentId });
  if (!found.ok) return send(found.code === 'NOT_FOUND' ? 404 : 403, found);
  const a = found.value as AttachmentFile;
  if (!fs.existsSync(a.file)) return send(404, refusal('NOT_FOUND', '附件文件缺失'));
  // Only what the desk shows inline keeps its type; anything else is plain bytes, never a page.
  const inline = /^image\/(png|jpeg|gif|webp|bmp)$/.test(a.mime) || a.mime === 'application/pdf';
  res.writeHead(200, {
    'x-content-type-options': 'nosniff',
    'cache-control': 'no-store',
    'content-type': inline ? a.mime : 'application/octet-stream',
    'content-length': String(fs.statSync(a.file).size),
    'content-disposition': `${inline ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(a.fileName)}`,
    'content-security-policy': "sandbox; default-src 'none'",
  });
  fs.createReadStream(a.file).pipe(res);
}
