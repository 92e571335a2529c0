/**
 * Each township's audit continuity at the county, from the heads recorded with its imports: how long
 * its trail was at the last bundle, and which bundles' trails could not be proved to extend the one
 * before (a desk before signed checkpoints, or a gap crossed with a full bundle). A trail that was
 * shorter or rewritten never gets here: check.ts refuses and quarantines that bundle.
 */
import type { AuditContinuity } from '../domain/bundle-rules.js';
import type { CountyStore } from '../store/county-store.js';

export interface TownshipAudit {
  township: string;
  /** The trail at the last import: entries and head, or null when that bundle carried none. */
  entries: number | null;
  head: string | null;
  /** Bundles whose trail extends the previous one by its link (or repeats it). */
  proven: number;
  /** Sequences whose continuity could not be proved. */
  unproven: number[];
  /** Sequences that carried no audit trail (desks before the audit trail). */
  without: number[];
}

export async function auditContinuity(store: Pick<CountyStore, 'importedAuditHeads'>): Promise<TownshipAudit[]> {
  const out = new Map<string, TownshipAudit>();
  for (const row of await store.importedAuditHeads()) {
    let t = out.get(row.township);
    if (!t) out.set(row.township, (t = { township: row.township, entries: null, head: null, proven: 0, unproven: [], without: [] }));
    if (!row.audit_head) {
      t.without.push(row.sequence);
      t.entries = t.head = null;
      continue;
    }
    const a = JSON.parse(row.audit_head) as { entries: number; head: string; continuity?: AuditContinuity };
    t.entries = a.entries;
    t.head = a.head;
    if (a.continuity === 'extends' || a.continuity === 'same') t.proven++;
    else if (a.continuity !== 'first') t.unproven.push(row.sequence); // 'unproven', or recorded before the check existed
  }
  return [...out.values()];
}

/** One line for `intake county report`. */
export function describeAudit(a: TownshipAudit | undefined): string {
  if (!a || a.entries === null) return 'audit trail: none carried';
  const parts = [`audit trail: ${a.entries} entries (head ${a.head!.slice(0, 12)}…)`];
  parts.push(a.unproven.length === 0 ? `continuous across ${a.proven + 1} bundles` : `continuity not proved at bundle ${a.unproven.join(', ')}`);
  if (a.without.length) parts.push(`no trail in bundle ${a.without.join(', ')}`);
  return parts.join(', ');
}
