/** The printed receipt (登记回执) and its check value: a forged receipt cannot carry a matching one. */
import { createHmac, randomBytes } from 'node:crypto';
import type { CoreContext } from '../kernel/context.js';
import { readSetting, writeSetting } from '../store/settings.js';

/**
 * Makes the center's receipt key once, at open (a write), so printing a receipt stays a pure read.
 * It is separate from the bundle signing key, so receipts stay valid across key rotation.
 */
export function ensureReceiptKey(ctx: CoreContext): void {
  if (!readSetting(ctx.db, 'receiptKey')) writeSetting(ctx.db, 'receiptKey', randomBytes(32).toString('hex'));
}

/** 8 characters of HMAC-SHA256 over the case number. */
export function receiptCheck(ctx: CoreContext, caseNo: string): string {
  const hex = readSetting(ctx.db, 'receiptKey');
  if (!hex) throw new Error('receipt key missing: ensureReceiptKey runs at open');
  return createHmac('sha256', Buffer.from(hex, 'hex')).update(caseNo).digest('hex').slice(0, 8).toUpperCase();
}
