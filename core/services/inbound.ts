/**
 * What the county sends down, imported at the desk (issue 18): its receipts (each exported bundle's
 * fate: 已接收 / 已隔离（原因）) and its 交办件 batches, which become matters — in one transaction,
 * linking to an existing person where the ID number matches. The same bundle twice changes nothing.
 * The check is core/bundle/down-check.ts; this writes what it returns.
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { CoreContext } from '../kernel/context.js';
import type { Session } from '../kernel/session.js';
import { IntakeError } from '../kernel/errors.js';
import type { JobDto } from '../domain/views/jobs.js';
import type { BundleFateDto, InboundResultDto } from '../domain/views/bundles.js';
import { formatCaseNo } from '../domain/case-number.js';
import { localDate, localYear } from '../domain/local-time.js';
import { checkDown, INBOUND_FOLDER, type CheckedDown } from '../bundle/down-check.js';
import type { DownLimits } from '../bundle/down-format.js';
import { nextCaseSeq } from '../store/case-sequences.js';
import { appendEvent } from '../store/events.js';
import { appendAudit } from '../store/audit.js';
import { exportList, fatesBySha, insertInbound, lastInbound, linkAssignmentMatter, upsertFate } from '../store/inbound.js';
import { insertMatter, linkMatterPersons } from '../store/matters.js';
import { writeRecordFields } from '../store/matter-record.js';
import { insertPerson, personIdByIdNumber } from '../store/persons.js';
import { readSetting } from '../store/settings.js';
import { centerTownship } from '../store/settings.js';
import { refreshStatus } from './matter-status.js';
import { preparePerson } from './person-view.js';
import { startJob } from './jobs.js';

const INBOUND_JOB = 'bundles.importFromCounty';

/** Who the desk records as having registered a 交办件: the county, by its batch. */
const ACTOR = 'county';

/** The import itself in the audit trail, in its own transaction (the call that started the job is audited too). */
function auditImport(ctx: CoreContext, actor: string | null, target: string, outcome: string): void {
  if (actor === null) return;
  appendAudit(ctx.db, { at: ctx.clock.now().toISOString(), actor, action: INBOUND_JOB, target, outcome });
}

function commitReceipt(ctx: CoreContext, c: Extract<CheckedDown, { kind: 'receipt' }>, actor: string | null): void {
  const r = c.receipt!;
  ctx.db.transaction(() => {
    auditImport(ctx, actor, `receipt:${c.statement.sequence}`, 'ok');
    if ((lastInbound(ctx.db, 'receipt')?.sequence ?? null) !== (c.last?.sequence ?? null)) throw new IntakeError('COUNTY_IMPORT_CONCURRENT');
    insertInbound(ctx.db, inboundRow(ctx, c, { bundle: r.bundle.sequence, status: r.status }));
    upsertFate(ctx.db, {
      bundle_sha256: r.bundle.sha256,
      bundle_sequence: r.bundle.sequence,
      status: r.status,
      code: r.code,
      reason: r.reason,
      audit_head: r.audit ? JSON.stringify(r.audit) : null,
      received_at: r.at,
      receipt_sequence: c.statement.sequence,
    });
  })();
}

function inboundRow(ctx: CoreContext, c: CheckedDown, summary: Record<string, unknown>) {
  const s = c.statement;
  return { kind: c.kind, sequence: s.sequence, sha256: c.sha256, previous: s.previous, key_id: s.keyId, created_at: s.createdAt, imported_at: ctx.clock.now().toISOString(), summary: JSON.stringify(summary) };
}

/** Every item a matter: the person (an existing one by ID number), the matter, its 登记 and its 交办件 assignment. */
function commitAssignment(ctx: CoreContext, c: Extract<CheckedDown, { kind: 'assignment' }>, actor: string | null): { matters: number; linkedPersons: number } {
  const batch = c.batch!;
  const township = centerTownship(ctx.db)!;
  return ctx.db.transaction(() => {
    auditImport(ctx, actor, `assignment:${c.statement.sequence}`, 'ok');
    if ((lastInbound(ctx.db, 'assignment')?.sequence ?? null) !== (c.last?.sequence ?? null)) throw new IntakeError('COUNTY_IMPORT_CONCURRENT');
    const now = ctx.clock.now();
    const at = now.toISOString();
    const on = localDate(now);
    let linked = 0;
    const matterIds: number[] = [];
    c.items.forEach((item, i) => {
      const field = `items.${i}`;
      let personId = item.person.idNumber ? personIdByIdNumber(ctx.db, item.person.idNumber) : null;
      if (personId !== null) linked++;
      else {
        const row = preparePerson(
          ctx,
          {
            name: item.person.name,
            idNumber: item.person.idNumber ?? '',
            noIdReason: item.person.idNumber ? '' : '上级交办件未提供身份证号',
            phones: item.person.phone ? [item.person.phone] : [],
            address: item.person.address,
          },
          field,
        );
        personId = insertPerson(ctx.db, row, at);
      }
      const year = localYear(now);
      const seq = nextCaseSeq(ctx.db, township, year);
      if (seq > 999_999) throw new IntakeError('CASE_NUMBERS_EXHAUSTED');
      const matterId = insertMatter(
        ctx.db,
        {
          caseNo: formatCaseNo(township, year, seq),
          townshipCode: township,
          // Handed down from above: the channel names it, and the source and batch travel as its 转送机关 and 文号.
          channel: '上级转送',
          purpose: item.purpose,
          category: item.category,
          tags: [],
          request: item.request,
          facts: item.facts,
          placeTownship: township,
          placeVillageId: null,
          isGroup: false,
          registeredAt: at,
          levelSkips: [],
        },
        at,
      );
      writeRecordFields(ctx.db, matterId, {
        anonymous: false, jointCount: 0, reportedParty: '', urgent: false, litigation: false, repeatOf: null,
        receivedOn: null, sourceBody: batch.source, sourceNo: batch.name,
      });
      linkMatterPersons(ctx.db, matterId, [personId]);
      const reason = `${batch.source} ${batch.name}`;
      appendEvent(ctx.db, { matterId, type: 'register', on, data: {}, reason, actor: ACTOR }, at);
      appendEvent(
        ctx.db,
        {
          matterId,
          type: 'assign',
          on,
          data: { kind: '交办件', leader: item.leader ?? '', group: [], plan: '', targetDate: item.deadline, source: batch.source, batch: batch.name },
          reason,
          actor: ACTOR,
        },
        at,
      );
      linkAssignmentMatter(ctx.db, c.statement.sequence, item.item, matterId);
      refreshStatus(ctx, matterId);
      matterIds.push(matterId);
    });
    insertInbound(ctx.db, inboundRow(ctx, c, { batch: batch.id, source: batch.source, name: batch.name, items: c.items.length }));
    return { matters: matterIds.length, linkedPersons: linked };
  })();
}

/** Checks a file from the county and imports it: a receipt or a 交办件 batch. */
export async function importFromCounty(ctx: CoreContext, file: string, limits: Partial<DownLimits> = {}, actor: string | null = null): Promise<InboundResultDto> {
  let c: CheckedDown;
  try {
    c = await checkDown(ctx, file, limits);
  } catch (err) {
    if (err instanceof IntakeError) ctx.db.transaction(() => auditImport(ctx, actor, '', err.code))();
    throw err;
  }
  const s = c.statement;
  const base = { kind: c.kind, sequence: s.sequence, already: c.chain.kind === 'already' } as const;
  if (c.kind === 'receipt') {
    if (!base.already) commitReceipt(ctx, c, actor);
    return { ...base, receipt: c.receipt && { bundleSequence: c.receipt.bundle.sequence, status: c.receipt.status, reason: c.receipt.reason }, batch: null };
  }
  const out = base.already ? { matters: 0, linkedPersons: 0 } : commitAssignment(ctx, c, actor);
  return { ...base, receipt: null, batch: c.batch && { source: c.batch.source, name: c.batch.name, items: c.items.length, ...out } };
}

/** The upload kept in a private staging file, then checked and imported as a job (age decrypts asynchronously). */
export function importFromCountyStart(ctx: CoreContext, input: { fileName: string; dataBase64: string }, session: Session): JobDto {
  const bytes = Buffer.from(input.dataBase64, 'base64');
  const dir = path.join(ctx.dataDir, INBOUND_FOLDER);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = path.join(dir, `upload-${randomBytes(8).toString('hex')}.bundle`);
  fs.writeFileSync(file, bytes, { mode: 0o600, flag: 'wx' });
  try {
    return startJob(ctx, { kind: INBOUND_JOB, startedBy: session.user, cancellable: false }, async () => {
      try {
        return { ...(await importFromCounty(ctx, file, {}, session.user)) };
      } finally {
        fs.rmSync(file, { force: true });
      }
    });
  } catch (err) {
    fs.rmSync(file, { force: true });
    throw err;
  }
}

export const DEFAULT_RECEIPT_DAYS = 7;

/** Each exported bundle and what the county's receipts say of it; one with none after N days is flagged. */
export function bundleFates(ctx: CoreContext, limit = 50): { receiptDays: number; exports: BundleFateDto[] } {
  const receiptDays = (readSetting(ctx.db, 'bundleReceiptDays') as number | null) ?? DEFAULT_RECEIPT_DAYS;
  const fates = fatesBySha(ctx.db);
  const cutoff = ctx.clock.now().getTime() - receiptDays * 86_400_000;
  return {
    receiptDays,
    exports: exportList(ctx.db, limit).map((e) => {
      const f = fates.get(e.sha256);
      const fate: BundleFateDto['fate'] = !f ? 'pending' : f.status === 'refused' ? 'quarantined' : 'received';
      return {
        sequence: e.sequence,
        file: path.basename(e.file),
        createdAt: e.createdAt,
        full: e.full,
        fate,
        label: fate === 'received' ? '已接收' : fate === 'quarantined' ? `已隔离（${f!.reason ?? f!.code ?? ''}）` : '未收到回执',
        code: f?.code ?? null,
        receivedAt: f?.received_at ?? null,
        overdue: !f && Date.parse(e.createdAt) < cutoff,
      };
    }),
  };
}
