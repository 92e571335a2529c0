import type { HandlersOf } from '../handler.js';
import { bundleExportStart, bundleExportStatus, bundleSetCounty, bundleStatus, setReceiptDays } from '../../services/bundles.js';
import { importFromCountyStart } from '../../services/inbound.js';

export const bundlesHandlers: HandlersOf<'bundles'> = {
  'bundles.status': (ctx) => bundleStatus(ctx),
  'bundles.setCounty': bundleSetCounty,
  'bundles.exportStart': (ctx, input, session) => bundleExportStart(ctx, input, session.user),
  'bundles.exportStatus': bundleExportStatus,
  'bundles.importFromCounty': importFromCountyStart,
  'bundles.setReceiptDays': (ctx, input) => setReceiptDays(ctx, input.days),
};
