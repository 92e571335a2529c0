import type { HandlersOf } from '../handler.js';
import { IntakeError } from '../../kernel/errors.js';
import { attachmentPath, getAttachment } from '../../store/attachments.js';
import { beginUpload, discardStaged, limitsOf } from '../../services/attachments.js';

export const attachmentsHandlers: HandlersOf<'attachments'> = {
  'attachments.limits': (ctx) => limitsOf(ctx),
  'attachments.begin': (ctx, input, session) => beginUpload(ctx, session.user, input),
  'attachments.discard': (ctx, input, session) => discardStaged(ctx, session.user, input.stagingIds),
  'attachments.locate': (ctx, input) => {
    const a = getAttachment(ctx.db, input.attachmentId);
    if (!a) throw new IntakeError('NOT_FOUND', { field: 'attachmentId' });
    return { file: attachmentPath(ctx.dataDir, a.sha256), fileName: a.fileName, mime: a.mime, size: a.size };
  },
};
