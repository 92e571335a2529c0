/**
 * The county card: what a township needs to send bundles to the county — the county's age recipient
 * and its root public key — signed by that root key. The township checks the root fingerprint the
 * county reads to it, then pins the root: a later card (a new recipient) must carry the same root.
 *
 *   { "rootKey": "<suite>:<base64>", "envelope": <DSSE envelope of the card statement> }
 */
import { Encrypter } from 'age-encryption';
import { z } from 'zod';
import { IntakeError } from '../kernel/errors.js';
import { normaliseFingerprint } from '../domain/fingerprint.js';
import { openEnvelope, signEnvelope } from './dsse.js';
import { keyIdOf, parsePublicKey, SUITES, type SigningKey } from './suites.js';

export const CARD_TYPE = 'application/vnd.township-intake.county-card+json;version=1';
const AGE_RECIPIENT = /^age1[0-9a-z]{20,1990}$/;

/** An age X25519 or hybrid recipient that the age library itself accepts (bech32 checksum and all). */
export function isAgeRecipient(s: string): boolean {
  if (!AGE_RECIPIENT.test(s)) return false;
  try {
    new Encrypter().addRecipient(s);
    return true;
  } catch {
    return false;
  }
}

const issuerSchema = z
  .object({
    keyId: z.string().regex(/^[0-9a-f]{32}$/),
    suite: z.enum(SUITES),
    publicKey: z.string().max(200),
    createdAt: z.iso.datetime({ offset: true }),
    revokedAt: z.iso.datetime({ offset: true }).nullable(),
  })
  .strict();
export type CountyIssuer = z.infer<typeof issuerSchema>;

const cardSchema = z
  .object({
    format: z.literal('township-intake-county-card'),
    version: z.literal(1),
    county: z.string().regex(/^\d{6}$/),
    name: z.string().max(100),
    recipient: z.string().regex(AGE_RECIPIENT),
    root: z.object({ suite: z.enum(SUITES), publicKey: z.string().max(200), keyId: z.string().regex(/^[0-9a-f]{32}$/) }).strict(),
    createdAt: z.iso.datetime({ offset: true }),
    /**
     * The county's issuing keys (issue 18): they sign what the county sends down (receipts, 交办件
     * batches), so the root key can stay offline. A revoked one is listed with its time; a card
     * from before has none, and the root itself signs.
     */
    issuers: z.array(issuerSchema).max(32).optional(),
  })
  .strict();
export type CountyCard = z.infer<typeof cardSchema>;

export function makeCard(root: SigningKey, card: Omit<CountyCard, 'format' | 'version' | 'root'>): string {
  const statement: CountyCard = {
    format: 'township-intake-county-card',
    version: 1,
    ...card,
    root: { suite: root.suite, publicKey: root.publicKey, keyId: root.keyId },
  };
  const envelope = signEnvelope(CARD_TYPE, Buffer.from(JSON.stringify(statement), 'utf8'), root);
  return `${JSON.stringify({ rootKey: root.publicKey, envelope: JSON.parse(envelope.toString('utf8')) }, null, 2)}\n`;
}

/**
 * Verifies a card's signature by the root key it names, and (when given) that the root is the one
 * whose fingerprint the county read out. Only then is the statement parsed.
 */
export function openCard(text: string, expectedFingerprint?: string): CountyCard {
  const bad = (detail: string) => new IntakeError('COUNTY_CARD_INVALID', { detail, field: 'card' });
  let outer: { rootKey?: unknown; envelope?: unknown };
  try {
    outer = JSON.parse(text) as typeof outer;
  } catch {
    throw bad('not JSON');
  }
  if (typeof outer?.rootKey !== 'string' || !parsePublicKey(outer.rootKey) || typeof outer.envelope !== 'object') throw bad('fields');
  const rootKey = outer.rootKey;
  if (expectedFingerprint !== undefined && normaliseFingerprint(expectedFingerprint) !== keyIdOf(rootKey)) {
    throw new IntakeError('FINGERPRINT_MISMATCH', { field: 'fingerprint' });
  }
  const opened = openEnvelope(
    Buffer.from(JSON.stringify(outer.envelope), 'utf8'),
    CARD_TYPE,
    (keyid) => {
      if (keyid !== keyIdOf(rootKey)) throw bad('signed by another key than the root it names');
      return rootKey;
    },
    { malformed: 'COUNTY_CARD_INVALID', signature: 'COUNTY_CARD_INVALID' },
  );
  let card: CountyCard;
  try {
    card = cardSchema.parse(JSON.parse(opened.payload.toString('utf8')));
  } catch {
    throw bad('statement');
  }
  if (card.root.publicKey !== rootKey || card.root.keyId !== keyIdOf(rootKey)) throw bad('root mismatch');
  for (const i of card.issuers ?? []) if (!parsePublicKey(i.publicKey) || keyIdOf(i.publicKey) !== i.keyId) throw bad('issuing key');
  return card;
}
