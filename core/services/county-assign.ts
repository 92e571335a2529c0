/**
 * 交办件 handed down by the county (issue 18): a batch (source, e.g. 省联席办, and batch name, e.g.
 * 2026 第3批) of matters for one township, sealed as an assignment bundle (core/bundle/down-seal.ts),
 * and the batch view: per batch and township, what was handed down (the county's own record) and what
 * the township resolved (its own 交办件 count, from the records its bundles carried back up).
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { IntakeError } from '../kernel/errors.js';
import { CATEGORIES, PURPOSES } from '../domain/categories.js';
import type { AssignResultDto, BatchViewDto } from '../domain/views/county.js';
import type { CountyDesk } from '../bundle/county.js';
import { assignmentItemSchema, type AssignmentItem, type Batch } from '../bundle/down-format.js';
import { sendDown } from '../bundle/down-seal.js';
import { batchSummary } from '../store/matter-status.js';
import { beijingDay, townshipName, townshipReplica, TOWNSHIPS } from './county.js';
import { NAME } from './person-view.js';
import { parseIdNumber } from '../domain/idcard.js';
import { parsePhone } from '../domain/phone.js';

export interface AssignInput {
  township: string;
  source: string;
  batch: string;
  validDays?: number;
  items: {
    person: { name: string; idNumber?: string | null; phone?: string | null; address?: string };
    purpose: AssignmentItem['purpose'];
    category: AssignmentItem['category'];
    request: string;
    facts?: string;
    deadline: string;
    leader?: string | null;
  }[];
}

export async function assignBatch(desk: CountyDesk, input: AssignInput): Promise<AssignResultDto> {
  if (!TOWNSHIPS.some((t) => t.code === input.township)) throw new IntakeError('TOWNSHIP_UNKNOWN', { field: 'township' });
  if (input.items.length === 0) throw new IntakeError('ASSIGNMENT_ITEM_INVALID', { field: 'items', detail: 'a batch needs at least one matter' });
  const today = beijingDay(desk.clock.now());
  const items: AssignmentItem[] = input.items.map((it, i) => {
    const parsed = assignmentItemSchema.safeParse({
      item: String(i + 1),
      person: { name: it.person.name, idNumber: it.person.idNumber || null, phone: it.person.phone || null, address: it.person.address ?? '' },
      purpose: it.purpose,
      category: it.category,
      request: it.request,
      facts: it.facts ?? '',
      deadline: it.deadline,
      leader: it.leader || null,
    });
    if (!parsed.success) throw new IntakeError('ASSIGNMENT_ITEM_INVALID', { field: `items.${i}.${parsed.error.issues[0]!.path.join('.')}`, detail: `item ${i + 1}` });
    // The desk's own person rules, here already: a batch the desk would refuse is never sealed.
    const p = parsed.data.person;
    const bad = (field: string) => new IntakeError('ASSIGNMENT_ITEM_INVALID', { field: `items.${i}.person.${field}`, detail: `item ${i + 1}: ${field}` });
    if (!NAME.test(p.name)) throw bad('name');
    if (p.idNumber && !parseIdNumber(p.idNumber, today).ok) throw bad('idNumber');
    if (p.phone && !parsePhone(p.phone).ok) throw bad('phone');
    return parsed.data;
  });
  const batch: Batch = { id: randomBytes(8).toString('hex'), source: input.source, name: input.batch, items: items.length };
  const sent = await sendDown(desk, {
    kind: 'assignment',
    township: input.township,
    body: { batch },
    items: Buffer.from(items.map((x) => `${JSON.stringify(x)}\n`).join(''), 'utf8'),
    validDays: input.validDays,
    record: { source: input.source, batch: input.batch, items: items.length },
  });
  return { township: sent.township, sequence: sent.sequence, items: items.length, fileName: path.basename(sent.file), dataBase64: fs.readFileSync(sent.file).toString('base64') };
}

export async function batchView(desk: CountyDesk): Promise<BatchViewDto> {
  const sent = await desk.store.outboundAssignments();
  const out = new Map<string, BatchViewDto['batches'][number]>();
  const summaries = new Map<string, Map<string, { handedDown: number; resolved: number }>>();
  for (const a of sent) {
    const key = `${a.source}\u0000${a.batch}`;
    let b = out.get(key);
    if (!b) out.set(key, (b = { source: a.source ?? '', batch: a.batch ?? '', handedDown: 0, resolved: 0, townships: [] }));
    if (!summaries.has(a.township)) {
      const db = await townshipReplica(desk, a.township);
      summaries.set(a.township, new Map(db ? batchSummary(db).map((s) => [s.batch, s]) : []));
    }
    // The township's own count of that batch: what it tracks and what it resolved.
    const own = summaries.get(a.township)!.get(a.batch ?? '');
    const row = b.townships.find((t) => t.township === a.township);
    if (row) row.handedDown += a.items;
    else b.townships.push({ township: a.township, name: townshipName(a.township), handedDown: a.items, tracked: own?.handedDown ?? 0, resolved: own?.resolved ?? 0, sentAt: a.created_at, sequence: a.sequence });
    b.handedDown += a.items;
  }
  for (const b of out.values()) b.resolved = b.townships.reduce((n, t) => n + Math.min(t.resolved, t.handedDown), 0);
  return { categories: CATEGORIES, purposes: PURPOSES, batches: [...out.values()] };
}
