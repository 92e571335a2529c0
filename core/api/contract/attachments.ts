import { z } from 'zod';
import type { AttachmentFile, AttachmentLimits, UploadSlot } from '../../domain/views/attachments.js';
import { ANYONE, DESK, id, text } from './spec.js';
import { method, type Namespace } from './spec.js';

export type { AttachmentFile, AttachmentLimits, UploadSlot };

/** A staged upload's id (core/services/attachments.ts). */
export const stagingId = z.uuid({ error: '附件上传编号不正确' });

/**
 * The `attachments.*` methods. The bytes never travel inside a call: a shell (the HTTP upload
 * endpoint, Electron's main process after its file dialog) asks `begin` for a slot, streams the file
 * there, and the registration names the staged ids.
 */
export const attachmentsMethods = {
  /** The limits the form checks the moment a file is attached (settings; README, 附件). */
  'attachments.limits': method<AttachmentLimits>()({ input: z.object({}).strict(), roles: DESK, label: '查看附件大小上限', kind: 'read' }),
  'attachments.begin': method<UploadSlot>()({
    input: z
      .object({
        fileName: text(1000, '附件缺少文件名', '文件名过长'),
        mime: z.string().max(200).optional(),
        size: z.number({ error: '缺少附件大小' }).int().min(0),
        /** The staged files this registration already holds: the total and the count are checked with them. */
        held: z.array(stagingId).max(100).default([]),
      })
      .strict(),
    roles: DESK,
    label: '接收附件',
    kind: 'write',
  }),
  'attachments.discard': method<{ discarded: number }>()({
    input: z.object({ stagingIds: z.array(stagingId).max(100) }).strict(),
    roles: DESK,
    label: '移除未保存的附件',
    kind: 'write',
  }),
  /** Where a stored attachment's bytes are, for the shell's download endpoint (thumbnails, the PDF viewer). */
  'attachments.locate': method<AttachmentFile>()({ input: z.object({ attachmentId: id }).strict(), roles: ANYONE, label: '查看附件', kind: 'read' }),
} satisfies Namespace<'attachments'>;
