/**
 * Units as reference data, and the loop after 转送/交办: which matters each unit holds, at what stage,
 * and what is late. Dates come from the fold (core/domain/case-state.ts, UnitLoop).
 */
import type { CoreContext } from '../kernel/context.js';
import { IntakeError } from '../kernel/errors.js';
import { loopMarks } from '../domain/case-state.js';
import type { UnitKind } from '../domain/units.js';
import type { LoopRowDto, UnitDto, UnitLoadDto } from '../domain/views/units.js';
import { findUnitByName, getUnit, insertUnit, listUnits, transferredMatterIds, updateUnit } from '../store/units.js';
import { listVillages } from '../store/villages.js';
import { centerTownship } from '../store/settings.js';
import { today } from './calendar.js';
import { foldMatter, requireMatter } from './matter-status.js';
import { recordFieldsOf } from '../store/matter-record.js';

/** The units a matter may go to: the list, then the center's villages (村/社区). */
export function unitChoices(ctx: CoreContext): UnitDto[] {
  const code = centerTownship(ctx.db);
  const villages = code ? listVillages(ctx.db, code).map((v): UnitDto => ({ id: null, kind: '村/社区', name: v.name, active: true })) : [];
  return [...listUnits(ctx.db).map((u): UnitDto => ({ id: u.id, kind: u.kind, name: u.name, active: u.active })), ...villages];
}

export function saveUnit(ctx: CoreContext, input: { id?: number; kind: UnitKind; name: string; active?: boolean }): UnitDto[] {
  const name = input.name.trim();
  const same = findUnitByName(ctx.db, name);
  if (same && same.id !== input.id) throw new IntakeError('UNIT_DUPLICATE', { field: 'name' });
  if (input.id === undefined) insertUnit(ctx.db, input.kind, name);
  else {
    if (!getUnit(ctx.db, input.id)) throw new IntakeError('UNIT_NOT_FOUND', { field: 'id' });
    updateUnit(ctx.db, input.id, { kind: input.kind, name, active: input.active ?? true });
  }
  return unitChoices(ctx);
}

/** Every matter transferred or assigned, with its loop stage and marks; one unit's when named. */
export function loopRows(ctx: CoreContext, input: { unit?: string; view?: 'open' | 'all' }): LoopRowDto[] {
  const t = today(ctx);
  const rows: LoopRowDto[] = [];
  for (const id of transferredMatterIds(ctx.db)) {
    const s = foldMatter(ctx, id);
    const loop = s.loop;
    if (!loop) continue;
    const marks = loopMarks(loop, t);
    const unit = marks.stage === '已退回' ? loop.returned!.unit : loop.unit;
    if (input.unit !== undefined && unit !== input.unit) continue;
    if ((input.view ?? 'open') === 'open' && (marks.stage === '已办结' || marks.stage === '已退回')) continue;
    const m = requireMatter(ctx, id);
    const source = recordFieldsOf(ctx.db, id)?.sourceBody ?? '';
    rows.push({
      matterId: id, caseNo: m.caseNo, channel: source ? `${m.channel}（${source}）` : m.channel, request: m.request, mode: loop.mode, unit,
      transferredOn: loop.transferredOn, stage: marks.stage,
      signDue: loop.signDue, signedOn: loop.signedOn, feedbackDue: loop.feedbackDue, lastFeedbackOn: loop.feedbacks.at(-1)?.on ?? null,
      reportDue: loop.reportDue, reportedOn: loop.reportedOn, returnReason: marks.stage === '已退回' ? loop.returned!.reason : null,
      signLate: marks.signLate, feedbackLate: marks.feedbackLate, reportLate: marks.reportLate,
    });
  }
  return rows;
}

/** Open loop work per unit, the late first: the list by unit. */
export function unitLoads(ctx: CoreContext): UnitLoadDto[] {
  const by = new Map<string, UnitLoadDto>();
  for (const r of loopRows(ctx, { view: 'open' })) {
    const u = by.get(r.unit) ?? { unit: r.unit, open: 0, late: 0 };
    u.open += 1;
    if (r.signLate || r.feedbackLate || r.reportLate) u.late += 1;
    by.set(r.unit, u);
  }
  return [...by.values()].sort((a, b) => b.late - a.late || b.open - a.open || a.unit.localeCompare(b.unit, 'zh'));
}
