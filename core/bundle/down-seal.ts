/**
 * The county's side of what goes down (issue 18): seals a receipt or a 交办件 batch for one
 * township with the township bundle's own writer (seal.ts), signed by the county's issuing key,
 * encrypted to the recipient on the township's trust entry, numbered and chained per township and
 * kind, written to COUNTY/outbox/ and recorded in the county store.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { IntakeError } from '../kernel/errors.js';
import { MAX_VALIDITY_DAYS } from '../domain/bundle-rules.js';
import type { CountyDesk } from './county.js';
import { DOWN_FORMAT, DOWN_TYPE, ITEMS_PATH, type DownChain, type DownKind } from './down-format.js';
import { sealBundle, type SealEntry } from './seal.js';
import { loadTrust, townshipRecipient } from './trust.js';

export const OUTBOX = 'outbox';
export const DEFAULT_DOWN_VALID_DAYS = 30;

export interface SentDown {
  kind: DownKind;
  township: string;
  sequence: number;
  sha256: string;
  file: string;
  size: number;
  createdAt: string;
}

export function downFileName(kind: DownKind, township: string, sequence: number): string {
  return `${township}-${kind === 'receipt' ? 'R' : 'A'}${String(sequence).padStart(6, '0')}.${kind === 'receipt' ? 'receipt' : 'assign'}`;
}

export interface SendDownInput {
  kind: DownKind;
  township: string;
  /** The manifest's own fields besides the chain and files: `receipt` or `batch`. */
  body: Record<string, unknown>;
  /** An assignment's items, one JSON object per line. */
  items?: Buffer;
  validDays?: number;
  record: { source?: string | null; batch?: string | null; items: number; about?: string | null };
}

export async function sendDown(desk: CountyDesk, input: SendDownInput): Promise<SentDown> {
  const validDays = input.validDays ?? DEFAULT_DOWN_VALID_DAYS;
  if (!(validDays >= 1 && validDays <= MAX_VALIDITY_DAYS)) throw new IntakeError('INVALID_INPUT', { field: 'validDays', detail: `1 to ${MAX_VALIDITY_DAYS} days` });
  const trust = await loadTrust(desk.dir, desk.store, desk.info.root);
  const nowIso = desk.clock.now().toISOString();
  const recipient = townshipRecipient(trust, input.township, nowIso);
  if (!recipient) throw new IntakeError('TOWNSHIP_RECIPIENT_UNKNOWN', { detail: input.township });
  const last = await desk.store.lastOutbound(input.township, input.kind);
  const sequence = (last?.sequence ?? 0) + 1;
  // Created after the last one sent, as the desk requires (by a millisecond if the county's clock went back).
  const created = new Date(Math.max(desk.clock.now().getTime(), last ? Date.parse(last.created_at) + 1 : 0));
  const signer = desk.issuer();
  const chain: DownChain = {
    format: DOWN_FORMAT[input.kind] as DownChain['format'],
    version: 1,
    county: desk.info.county,
    township: input.township,
    keyId: signer.keyId,
    suite: signer.suite,
    sequence,
    previous: last?.sha256 ?? null,
    createdAt: created.toISOString(),
    expiresAt: new Date(created.getTime() + validDays * 86_400_000).toISOString(),
  };
  const entries: SealEntry[] = input.items ? [{ path: ITEMS_PATH, size: input.items.length, bytes: input.items }] : [];
  const files = entries.map((e) => ({ path: e.path, size: e.size, sha256: createHash('sha256').update(e.bytes!).digest('hex') }));
  const manifest = { ...chain, files, ...input.body };
  const dir = path.join(desk.dir, OUTBOX);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const out = path.join(dir, downFileName(input.kind, input.township, sequence));
  const sealed = await sealBundle({ out, chain, statementType: DOWN_TYPE[input.kind], manifest: Buffer.from(JSON.stringify(manifest), 'utf8'), entries, signer, recipient });
  try {
    await desk.store.insertOutbound({
      township: input.township,
      kind: input.kind,
      sequence,
      sha256: sealed.sha256,
      previous: chain.previous,
      key_id: signer.keyId,
      created_at: chain.createdAt,
      expires_at: chain.expiresAt,
      file: out,
      source: input.record.source ?? null,
      batch: input.record.batch ?? null,
      items: input.record.items,
      about: input.record.about ?? null,
    });
  } catch (err) {
    // Never two files under one sequence: one not recorded goes.
    fs.rmSync(out, { force: true });
    throw err;
  }
  return { kind: input.kind, township: input.township, sequence, sha256: sealed.sha256, file: out, size: sealed.size, createdAt: chain.createdAt };
}
