/** The printed receipt (登记回执) and its check value: a forged receipt cannot carry a matching one. */
import { createHmac, randomBytes } from 'node:crypto';
import type { CoreContext } from '../kernel/context.js';
import type { KeyStore } from '../kernel/key-store.js';
import { IntakeError } from '../kernel/errors.js';
import { keyStoreOf } from '../bundle/center-keys.js';
import { deleteSetting, readSetting, writeSetting } from '../store/settings.js';

/** The key's name in a key store: random per desk (the setting `receiptKeyId`), so desks sharing a keyring never collide. */
const secretName = (id: string): string => `receipt-${id}`;

/**
 * Where the receipt key is kept: the center's key store, like its signing key (safeStorage in the app,
 * a 0600 file in browser mode); where that store cannot keep a secret (the app on a machine without
 * OS encryption), with the database key (the OS keyring or the key folder outside the data folder).
 */
function stores(ctx: CoreContext): KeyStore[] {
  const center = keyStoreOf(ctx);
  return [center, ...(ctx.localKeys && ctx.localKeys !== center ? [ctx.localKeys] : [])];
}

const writable = (ctx: CoreContext): KeyStore => stores(ctx).find((s) => s.canSave !== false) ?? stores(ctx).at(-1)!;

function loadKey(ctx: CoreContext, id: string): string | null {
  for (const s of stores(ctx)) {
    const hex = s.load(secretName(id));
    if (hex) return hex;
  }
  return null;
}

/**
 * Makes the center's receipt key once, at open (a write), so printing a receipt stays a pure read.
 * It is separate from the bundle signing key, so receipts stay valid across key rotation. It is kept
 * out of the database (a copied database file alone cannot forge receipts); the database holds only
 * its name. A key an earlier version kept in the settings table is moved out: saved to the store,
 * and deleted from the table once the store is known to keep it — at once where the store saves at
 * once, at the next start where the app's shell keeps it (it was handed over, not yet written).
 * A name whose key is not reachable here (the command line on a desk whose key the app keeps) is
 * left alone: a new key would void every receipt printed.
 */
export function ensureReceiptKey(ctx: CoreContext): void {
  ensure(ctx);
  const id = readSetting(ctx.db, 'receiptKeyId');
  const hex = (id ? loadKey(ctx, id) : null) ?? readSetting(ctx.db, 'receiptKey');
  ctx.receiptKey = hex ? Buffer.from(hex, 'hex') : null;
}

function ensure(ctx: CoreContext): void {
  let id = readSetting(ctx.db, 'receiptKeyId');
  const legacy = readSetting(ctx.db, 'receiptKey');
  const kept = id ? loadKey(ctx, id) : null;
  if (legacy) {
    if (kept === legacy) return deleteSetting(ctx.db, 'receiptKey');
    id ??= randomBytes(8).toString('hex');
    const store = writable(ctx);
    try {
      store.save(secretName(id), legacy);
    } catch (err) {
      // Nowhere to keep it here: it stays where it was, and the next start tries again.
      ctx.log.warn({ err: { name: (err as Error)?.name, message: (err as Error)?.message } }, 'the receipt key could not be moved to the key store');
      return;
    }
    writeSetting(ctx.db, 'receiptKeyId', id);
    if (store.savesAtOnce !== false && store.load(secretName(id)) === legacy) deleteSetting(ctx.db, 'receiptKey');
    return;
  }
  if (id) return; // kept, or kept where this process cannot see it
  id = randomBytes(8).toString('hex');
  try {
    writable(ctx).save(secretName(id), randomBytes(32).toString('hex'));
  } catch (err) {
    ctx.log.warn({ err: { name: (err as Error)?.name, message: (err as Error)?.message } }, 'the receipt key could not be made');
    return;
  }
  writeSetting(ctx.db, 'receiptKeyId', id);
}

/** 8 characters of HMAC-SHA256 over the case number. */
export function receiptCheck(ctx: CoreContext, caseNo: string): string {
  // Until a moved key is confirmed kept, the settings copy is the same key (ensureReceiptKey reads both).
  const key = ctx.receiptKey;
  if (!key) throw new IntakeError('RECEIPT_KEY_MISSING');
  return createHmac('sha256', key).update(caseNo).digest('hex').slice(0, 8).toUpperCase();
}
