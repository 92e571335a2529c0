import type { HandlersOf } from '../handler.js';
import { bundleExportStart, bundleExportStatus, bundleSetCounty, bundleStatus } from '../../services/bundles.js';

export const bundlesHandlers: HandlersOf<'bundles'> = {
  'bundles.status': (ctx) => bundleStatus(ctx),
  'bundles.setCounty': bundleSetCounty,
  'bundles.exportStart': (ctx, input, session) => bundleExportStart(ctx, input, session.user),
  'bundles.exportStatus': bundleExportStatus,
};
