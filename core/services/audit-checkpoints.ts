/**
 * The audit trail checked as a whole: the SHA-256 chain entry by entry, and every signed checkpoint
 * against it (core/bundle/audit-checkpoint.ts). What `audit.verify` and `intake audit verify` report.
 *
 * What this can and cannot see, locally: a trail edited, cut or rewritten before the last checkpoint
 * is found (the checkpoint no longer matches, and a new one needs the key); the entries after the
 * last checkpoint (fewer than AUDIT_CHECKPOINT_EVERY, none right after an export) are protected only
 * by the chain, and someone who deletes checkpoints as well as entries leaves a shorter trail that is
 * consistent in itself. The county holds the outside anchor: each bundle's head, which the next
 * bundle's trail must extend (check.ts).
 */
import type { CoreContext } from '../kernel/context.js';
import { formatFingerprint } from '../domain/fingerprint.js';
import { AUDIT_CHECKPOINT_EVERY, listCheckpoints, verifyAudit, type AuditCheckpoint } from '../store/audit.js';
import { centerKeys } from '../store/bundles.js';
import { checkpointSignatureValid } from '../bundle/audit-checkpoint.js';
import type { AuditTrailReport } from '../domain/views/audit.js';


export function verifyAuditTrail(ctx: CoreContext): AuditTrailReport {
  const checkpoints = listCheckpoints(ctx.db);
  const chain = verifyAudit(
    ctx.db,
    checkpoints.map((c) => c.entries),
  );
  const keys = new Map(centerKeys(ctx.db).map((k) => [k.key_id, k.public_key]));
  const intact = chain.ok ? chain.entries : chain.brokenAt - 1; // entries known good

  let badCheckpoint: AuditTrailReport['badCheckpoint'] = null;
  let cutAfter: AuditTrailReport['cutAfter'] = null;
  const signers = new Set<string>();
  const bad = (c: AuditCheckpoint, why: 'signature' | 'unknown-key' | 'head') => (badCheckpoint ??= { entries: c.entries, why });
  for (const c of checkpoints) {
    const publicKey = keys.get(c.keyId);
    if (!publicKey) bad(c, 'unknown-key');
    else if (!checkpointSignatureValid(publicKey, c)) bad(c, 'signature');
    else signers.add(formatFingerprint(c.keyId));
    if (chain.ok && c.entries > chain.entries) {
      if (!cutAfter || c.entries > cutAfter.checkpoint) cutAfter = { checkpoint: c.entries, at: c.at, remaining: chain.entries };
    } else if (c.entries <= intact && chain.hashesAt.get(c.entries) !== c.head) bad(c, 'head');
  }

  const last = checkpoints.reduce<AuditCheckpoint | null>((a, c) => (!a || c.entries >= a.entries ? c : a), null);
  const bc = badCheckpoint as AuditTrailReport['badCheckpoint'];
  const cut = cutAfter as AuditTrailReport['cutAfter'];
  let problem: string | null = null;
  if (!chain.ok) problem = `audit chain broken at entry ${chain.brokenAt} (of ${chain.entries} read): it was edited, removed or inserted`;
  else if (cut) problem = `audit trail cut: a signed checkpoint of ${cut.at} records ${cut.checkpoint} entries, only ${cut.remaining} remain`;
  else if (bc?.why === 'head') problem = `audit trail rewritten: entry ${bc.entries} differs from the signed checkpoint of it`;
  else if (bc) problem = `audit checkpoint at ${bc.entries} entries is not signed by a key of this center (${bc.why})`;
  return {
    ok: problem === null,
    entries: chain.entries,
    head: chain.ok ? chain.head : null,
    brokenAt: chain.ok ? null : chain.brokenAt,
    checkpoints: checkpoints.length,
    lastCheckpoint: last ? { entries: last.entries, at: last.at, reason: last.reason } : null,
    cutAfter: cut,
    badCheckpoint: bc,
    unsigned: Math.max(0, chain.entries - (last?.entries ?? 0)),
    signers: [...signers],
    problem,
  };
}

export { AUDIT_CHECKPOINT_EVERY };
