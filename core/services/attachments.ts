/**
 * Attachments arrive as files, not inside a call: a shell (the HTTP upload endpoint, Electron's main
 * process after its file dialog) asks `beginUpload` for a staging slot, streams the bytes to
 * DATA/staging/<id>.part, fsyncs and renames it to DATA/staging/<id>. The registration names the
 * staged ids; its handler hashes each file, links it into attachments/<sha> and inserts the row in
 * the same transaction (undone on rollback, the staged copy removed after the commit).
 *
 * The slots live in the writer's memory, as the sessions do: a restart forgets both, and the core
 * deletes whatever staging files an earlier run left (core/app.ts).
 */
import { createHash, randomUUID } from 'node:crypto';
import type { CoreContext } from '../kernel/context.js';
import type { AttachmentLimits, UploadSlot } from '../domain/views/attachments.js';
import { IntakeError } from '../kernel/errors.js';
import { txEffects } from '../kernel/tx-effects.js';
import { safeFileName } from '../domain/file-name.js';
import { attachmentLimits } from '../store/settings.js';
import {
  clearStaging,
  ensureStagingDir,
  hashStaged,
  insertAttachment,
  placeStaged,
  PART_SUFFIX,
  removeAttachmentFile,
  removeStaged,
  stagingFile,
  writeAttachmentFile,
} from '../store/attachments.js';

interface Slot {
  id: string;
  user: string;
  fileName: string;
  mime: string;
  declaredSize: number;
  createdAt: number;
}

/** A slot not used within a day is dropped (with its file) at the next upload. */
const SLOT_TTL_MS = 24 * 3600_000;
const slots = new WeakMap<CoreContext, Map<string, Slot>>();

function registry(ctx: CoreContext): Map<string, Slot> {
  let r = slots.get(ctx);
  if (!r) slots.set(ctx, (r = new Map()));
  return r;
}

export const limitsOf = (ctx: CoreContext): AttachmentLimits => attachmentLimits(ctx.db);

const mb = (n: number): string => `${(n / 1024 / 1024).toFixed(n < 10 * 1024 * 1024 ? 1 : 0)} MB`;

/** A MIME type as a browser or the dialog names it, or application/octet-stream. */
export function cleanMime(raw: string | undefined): string {
  const m = (raw ?? '').split(';')[0]!.trim().toLowerCase();
  return /^[a-z0-9][a-z0-9.+-]*\/[a-z0-9][a-z0-9.+-]*$/.test(m) && m.length <= 100 ? m : 'application/octet-stream';
}

function tooLarge(fileName: string, size: number, limits: AttachmentLimits, field?: string): IntakeError {
  return new IntakeError('ATTACHMENT_TOO_LARGE', {
    field,
    message_zh: `附件“${fileName}”为 ${mb(size)}，超过单个附件 ${mb(limits.maxFileBytes)} 的上限`,
    detail: `${size} > ${limits.maxFileBytes}`,
  });
}

function totalTooLarge(total: number, limits: AttachmentLimits, field?: string): IntakeError {
  return new IntakeError('ATTACHMENTS_TOO_LARGE', {
    field,
    message_zh: `本次登记的附件合计 ${mb(total)}，超过 ${mb(limits.maxTotalBytes)} 的上限`,
    detail: `${total} > ${limits.maxTotalBytes}`,
  });
}

function tooMany(limits: AttachmentLimits, field?: string): IntakeError {
  return new IntakeError('ATTACHMENTS_TOO_MANY', { field, message_zh: `一次登记最多 ${limits.maxFiles} 个附件` });
}

function sweep(ctx: CoreContext): void {
  const now = ctx.clock.now().getTime();
  for (const [id, s] of registry(ctx)) {
    if (now - s.createdAt > SLOT_TTL_MS) {
      registry(ctx).delete(id);
      removeStaged(ctx.dataDir, id);
    }
  }
}

/**
 * A slot for one file about to be uploaded, after the limits: the file's own size, and with the
 * files this registration already holds (`held`, the staged ids the form has), the total and count.
 */
export function beginUpload(ctx: CoreContext, user: string, input: { fileName: string; mime?: string; size: number; held: string[] }): UploadSlot {
  sweep(ctx);
  const limits = limitsOf(ctx);
  const fileName = safeFileName(input.fileName);
  if (input.size > limits.maxFileBytes) throw tooLarge(fileName, input.size, limits, 'size');
  const held = [...new Set(input.held)].map((id) => registry(ctx).get(id)).filter((s): s is Slot => s !== undefined && s.user === user);
  if (held.length + 1 > limits.maxFiles) throw tooMany(limits, 'held');
  const heldBytes = held.reduce((n, s) => n + s.declaredSize, 0);
  if (heldBytes + input.size > limits.maxTotalBytes) throw totalTooLarge(heldBytes + input.size, limits, 'size');
  ensureStagingDir(ctx.dataDir);
  const slot: Slot = { id: randomUUID(), user, fileName, mime: cleanMime(input.mime), declaredSize: input.size, createdAt: ctx.clock.now().getTime() };
  registry(ctx).set(slot.id, slot);
  const file = stagingFile(ctx.dataDir, slot.id);
  return {
    stagingId: slot.id,
    fileName,
    mime: slot.mime,
    file,
    partFile: file + PART_SUFFIX,
    maxBytes: Math.min(limits.maxFileBytes, limits.maxTotalBytes - heldBytes),
  };
}

/** The form dropped these files (or was cancelled): their staged bytes go at once. */
export function discardStaged(ctx: CoreContext, user: string, ids: string[]): { discarded: number } {
  let discarded = 0;
  for (const id of ids) {
    const s = registry(ctx).get(id);
    if (!s || s.user !== user) continue;
    registry(ctx).delete(id);
    removeStaged(ctx.dataDir, id);
    discarded += 1;
  }
  return { discarded };
}

/** A file a registration carries: staged by a shell, or (the CLI, tests) small enough to come inline. */
export type AttachmentItem = { stagingId: string } | { fileName: string; mime: string; dataBase64: string };

interface Ready {
  fileName: string;
  mime: string;
  size: number;
  sha256: string;
  source: { stagingId: string } | { bytes: Buffer };
}

/** Each file's name, type, size and hash, the limits checked on the real sizes; nothing written yet. */
export function prepareAttachments(ctx: CoreContext, user: string, items: AttachmentItem[]): Ready[] {
  const limits = limitsOf(ctx);
  if (items.length > limits.maxFiles) throw tooMany(limits, 'attachments');
  const seen = new Set<string>();
  const ready = items.map((a, i): Ready => {
    const field = `attachments.${i}`;
    if ('stagingId' in a) {
      const s = registry(ctx).get(a.stagingId);
      if (!s || s.user !== user || seen.has(a.stagingId)) throw new IntakeError('ATTACHMENT_NOT_STAGED', { field });
      seen.add(a.stagingId);
      const h = hashStaged(ctx.dataDir, a.stagingId);
      if (!h) throw new IntakeError('ATTACHMENT_NOT_STAGED', { field, message_zh: `附件“${s.fileName}”尚未上传完成，请重新添加` });
      if (h.size > limits.maxFileBytes) throw tooLarge(s.fileName, h.size, limits, field);
      return { fileName: s.fileName, mime: s.mime, size: h.size, sha256: h.sha256, source: { stagingId: a.stagingId } };
    }
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(a.dataBase64)) throw new IntakeError('ATTACHMENT_INVALID', { field });
    const bytes = Buffer.from(a.dataBase64, 'base64');
    const fileName = safeFileName(a.fileName);
    if (bytes.length > limits.maxFileBytes) throw tooLarge(fileName, bytes.length, limits, field);
    return { fileName, mime: cleanMime(a.mime), size: bytes.length, sha256: sha256Of(bytes), source: { bytes } };
  });
  const total = ready.reduce((n, r) => n + r.size, 0);
  if (total > limits.maxTotalBytes) throw totalTooLarge(total, limits, 'attachments');
  return ready;
}

const sha256Of = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

/**
 * Stores the prepared files with the visit, inside the caller's transaction: each file is put in
 * place first (removed again if the transaction rolls back, unless the same bytes were there
 * before), then its row; the staged copies go after the commit.
 */
export function storeAttachments(ctx: CoreContext, files: Ready[], owner: { matterId: number; visitId: number }, at: string): void {
  const fx = txEffects(ctx.db);
  for (const f of files) {
    const made = 'stagingId' in f.source ? placeStaged(ctx.dataDir, f.source.stagingId, f.sha256) : writeAttachmentFile(ctx.dataDir, f.sha256, f.source.bytes);
    if (made) fx.onRollback(() => removeAttachmentFile(ctx.dataDir, f.sha256));
    if ('stagingId' in f.source) {
      const id = f.source.stagingId;
      fx.afterCommit(() => {
        registry(ctx).delete(id);
        removeStaged(ctx.dataDir, id);
      });
    }
    insertAttachment(ctx.db, { ...owner, fileName: f.fileName, mime: f.mime, size: f.size, sha256: f.sha256 }, at);
  }
}

/** At open: the staging files an earlier run left (partial uploads among them) are deleted. */
export function clearLeftoverUploads(ctx: CoreContext): number {
  return clearStaging(ctx.dataDir);
}
