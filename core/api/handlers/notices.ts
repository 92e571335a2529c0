import type { HandlersOf } from '../handler.js';
import { requirePermission } from '../../services/permissions.js';
import { configureNotices, issue, noticeEntries, noticeSettings, renderNotice, serve, serviceSheet, voidIssued } from '../../services/notices.js';

export const noticesHandlers: HandlersOf<'notices'> = {
  'notices.render': (ctx, input) => renderNotice(ctx, input),
  'notices.issue': (ctx, input, session) => {
    requirePermission(ctx, session, 'recordStep');
    return issue(ctx, session, input);
  },
  'notices.void': (ctx, input, session) => {
    requirePermission(ctx, session, 'correctEvent');
    return voidIssued(ctx, session, input);
  },
  'notices.ofMatter': (ctx, input) => noticeEntries(ctx, input.matterId),
  'notices.serve': (ctx, input, session) => {
    requirePermission(ctx, session, 'recordStep');
    return serve(ctx, session, input);
  },
  'notices.serviceSheet': (ctx, input) => serviceSheet(ctx, input.noticeId),
  'notices.settings': (ctx) => noticeSettings(ctx),
  'notices.configure': (ctx, input) => configureNotices(ctx, input),
};
