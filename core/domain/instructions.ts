import { addDays } from './local-time.js';
import type { CaseEvent, EventData } from './case-events.js';
import { effectiveEvents } from './case-state.js';

/**
 * 领导批示 as tracked work. An instruction is an 'instruction' event on the matter (its id is the event's
 * id); follow-up notes and completion are later events naming it. Folding the matter's events gives each
 * instruction's current state; the store keeps that as a projection so the responsible person's list is
 * an index range. Corrections apply as everywhere else: a voided instruction disappears with its notes.
 */
export interface InstructionState {
  id: number;
  matterId: number;
  visitId: number | null;
  givenOn: string;
  leader: string;
  text: string;
  responsible: string;
  dueDate: string;
  followUps: { on: string; note: string; actor: string }[];
  doneOn: string | null;
  doneNote: string;
}

export function foldInstructions(matterId: number, events: readonly CaseEvent[]): InstructionState[] {
  const byId = new Map<number, InstructionState>();
  for (const e of effectiveEvents(events)) {
    if (e.type === 'instruction') {
      const d = e.data as EventData['instruction'];
      byId.set(e.id, {
        id: e.id,
        matterId,
        visitId: d.visitId ?? null,
        givenOn: e.on,
        leader: d.leader,
        text: d.text,
        responsible: d.responsible,
        dueDate: d.dueDate,
        followUps: [],
        doneOn: null,
        doneNote: '',
      });
    } else if (e.type === 'instruction_note' || e.type === 'instruction_done') {
      const d = e.data as EventData['instruction_note'];
      const target = byId.get(d.instructionId);
      // A note on a voided instruction is left out; the handler refuses new ones on unknown instructions.
      if (!target) continue;
      if (e.type === 'instruction_note') target.followUps.push({ on: e.on, note: d.note, actor: e.actor });
      else if (target.doneOn === null) {
        target.doneOn = e.on;
        target.doneNote = d.note;
      }
    }
  }
  return [...byId.values()];
}

export const isInstructionOverdue = (i: Pick<InstructionState, 'dueDate' | 'doneOn'>, today: string): boolean => i.doneOn === null && i.dueDate < today;

/**
 * The due date an instruction gets when the leader names none: `days` from today (a setting, 7 by
 * default), but never past the matter's pending legal deadline (书面告知 or 答复, else its handling
 * deadline) — the township stays answerable for those. The leader may still type any date.
 */
export function defaultDueDate(status: { nextDue: string | null; handleDue: string | null }, today: string, days: number): string {
  const soon = addDays(today, days);
  const legal = [status.nextDue, status.handleDue].find((d): d is string => d !== null && d >= today);
  return legal !== undefined && legal < soon ? legal : soon;
}
