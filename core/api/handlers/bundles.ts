import type { HandlersOf } from '../handler.js';
import { bundleExportStart, bundleExportStatus, bundleSetCounty, bundleStatus } from '../../services/bundles.js';

export const bundlesHandlers: HandlersOf<'bundles'> = {
  'bundles.status': (ctx) => bundleStatus(ctx),
  'bundles.setCounty': bundleSetCounty,
  'bundles.exportStart': bundleExportStart,
  'bundles.exportStatus': bundleExportStatus,
};
