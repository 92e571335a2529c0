/**
 * The county's receipt for a bundle it verified (issue 18): imported, already imported, or refused
 * with the code and reason; the bundle's sequence and SHA-256; the audit head the county recorded.
 * Made whenever the bundle's signature was good (only then is it known which township sent it: a
 * bundle whose signer is unknown gets no receipt, and the desk's "no receipt after N days" flag
 * shows it). Signed and encrypted to the township like every bundle that goes down (down-seal.ts).
 */
import { hashFile } from './container.js';
import type { CountyDesk } from './county.js';
import type { ReceiptBody } from './down-format.js';
import { sendDown, type SentDown } from './down-seal.js';
import { importBundle, type ImportOutcome } from './import.js';
import type { CheckOptions } from './check.js';
import { IntakeError } from '../kernel/errors.js';
import { MAX_VALIDITY_DAYS } from '../domain/bundle-rules.js';

export async function issueReceipt(desk: CountyDesk, file: string, outcome: ImportOutcome): Promise<SentDown | null> {
  const township = outcome.ok ? outcome.report.township : outcome.seen?.township;
  const sequence = outcome.ok ? outcome.report.sequence : outcome.seen?.sequence;
  if (!township || !sequence) return null;
  // A race with another clerk is no finding about the bundle.
  if (!outcome.ok && outcome.error.code === 'COUNTY_IMPORT_CONCURRENT') return null;
  const sha256 = outcome.ok ? outcome.report.sha256 : hashFile(file).sha256;
  const recorded = outcome.ok ? await desk.store.importAt(township, sequence) : null;
  const head = recorded?.audit_head ? (JSON.parse(recorded.audit_head) as { entries: number; head: string }) : null;
  const receipt: ReceiptBody = {
    bundle: { sequence, sha256 },
    status: outcome.ok ? outcome.report.status : 'refused',
    code: outcome.ok ? null : outcome.error.code,
    reason: outcome.ok ? null : outcome.error.message.slice(0, 1000),
    audit: head ? { entries: head.entries, head: head.head } : null,
    at: desk.clock.now().toISOString(),
  };
  // The longest validity the desk accepts: receipts are taken in order, and one that expired on the way would hold back the rest.
  return sendDown(desk, { kind: 'receipt', township, body: { receipt }, validDays: MAX_VALIDITY_DAYS, record: { items: 0, about: sha256 } });
}

export type ReceiptOutcome = { receipt: SentDown | null; receiptError: IntakeError | null };

/** Imports a bundle and answers it with a receipt (the CLI and the county workstation's page). */
export async function importWithReceipt(desk: CountyDesk, file: string, opts: CheckOptions = {}): Promise<ImportOutcome & ReceiptOutcome> {
  const outcome = await importBundle(desk, file, opts);
  try {
    return { ...outcome, receipt: await issueReceipt(desk, file, outcome), receiptError: null };
  } catch (err) {
    // The import stands either way; a township without a recipient gets its receipt once it has one.
    if (err instanceof IntakeError) return { ...outcome, receipt: null, receiptError: err };
    throw err;
  }
}
