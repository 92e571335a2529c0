/**
 * The township's knowledge of the county: its age recipient (bundles are encrypted to it) and the
 * county root key pinned from the signed county card. Kept in settings.
 */
import type { CoreContext } from '../kernel/context.js';
import { IntakeError } from '../kernel/errors.js';
import { formatFingerprint } from '../domain/fingerprint.js';
import { readSetting, writeSetting } from '../store/settings.js';
import { isAgeRecipient, openCard, type CountyIssuer } from './county-card.js';

export interface CountySetting {
  recipient: string;
  /** The county root key pinned from a signed card; null when the recipient was typed in by hand. */
  root: { keyId: string; publicKey: string } | null;
  name: string | null;
  setAt: string;
  /** The county's issuing keys from its card (they sign receipts and 交办件 batches); absent before issue 18. */
  issuers?: CountyIssuer[];
  /** The createdAt of the card these came from: an older card is refused. */
  cardAt?: string;
}

export function countySetting(ctx: CoreContext): CountySetting | null {
  return readSetting(ctx.db, 'bundleCounty') as CountySetting | null;
}

export function requireCounty(ctx: CoreContext): CountySetting {
  const c = countySetting(ctx);
  if (!c) throw new IntakeError('COUNTY_NOT_SET');
  return c;
}

export interface SetCountyInput {
  /** The county card (JSON text) from `intake county init`. */
  card?: string;
  /** Or a bare age recipient, for a county that sends no card. */
  recipient?: string;
  /** The root fingerprint the county read out; checked against the card when given. */
  fingerprint?: string;
  /** Accept a card signed by another root than the one pinned before. */
  replaceRoot?: boolean;
}

export function setCounty(ctx: CoreContext, input: SetCountyInput): CountySetting & { rootFingerprint: string | null } {
  const before = countySetting(ctx);
  const setAt = ctx.clock.now().toISOString();
  let next: CountySetting;
  if (input.card !== undefined && input.card.trim() !== '') {
    const card = openCard(input.card.trim(), input.fingerprint || undefined);
    if (before?.root && before.root.keyId !== card.root.keyId && !input.replaceRoot) throw new IntakeError('COUNTY_ROOT_CHANGED', { field: 'card' });
    // An older card of the same root would bring back an issuing key revoked since.
    if (before?.root?.keyId === card.root.keyId && before.cardAt && card.createdAt < before.cardAt) {
      throw new IntakeError('COUNTY_CARD_INVALID', { field: 'card', detail: `the card is older (${card.createdAt}) than the one set before (${before.cardAt})` });
    }
    next = { recipient: card.recipient, root: { keyId: card.root.keyId, publicKey: card.root.publicKey }, name: card.name, setAt, issuers: card.issuers ?? [], cardAt: card.createdAt };
  } else {
    const recipient = (input.recipient ?? '').trim();
    if (!isAgeRecipient(recipient)) throw new IntakeError('RECIPIENT_INVALID', { field: 'recipient' });
    next = { recipient, root: before?.root ?? null, name: before?.name ?? null, setAt, issuers: before?.issuers ?? [], cardAt: before?.cardAt };
  }
  writeSetting(ctx.db, 'bundleCounty', next);
  return { ...next, rootFingerprint: next.root ? formatFingerprint(next.root.keyId) : null };
}
