import type { CaseStatus } from '../case-state.js';
import type { EventType } from '../case-events.js';
import type { PersonHit } from './person.js';

export interface MatterBrief {
  id: number;
  caseNo: string;
  category: string;
  purpose: string;
  tags: string[];
  request: string;
  registeredAt: string;
  visits: number;
  isGroup: boolean;
  personIds: number[];
}

export interface MatterEventDto {
  id: number;
  type: EventType;
  label: string;
  on: string;
  data: Record<string, unknown>;
  reason: string;
  actor: string;
  recordedAt: string;
  corrects: number | null;
  /** Set when a later event corrected this one. */
  correctedBy: number | null;
}
export interface MatterDetail {
  matter: MatterBrief & { facts: string; channel: string; levelSkips: { level: string; visitedOn: string | null }[] };
  persons: PersonHit[];
  status: CaseStatus;
  stateLabel: string;
  overdue: boolean;
  daysLeft: number | null;
  dayMode: 'calendar' | 'working';
  /** Handling steps the matter may take now. */
  allowed: EventType[];
  events: MatterEventDto[];
  visits: { id: number; visitedAt: string; channel: string; headcount: number; isRepeat: boolean; persons: string }[];
  attachments: { id: number; fileName: string; mime: string; size: number; sha256: string }[];
}

export interface MatterRowDto {
  id: number;
  caseNo: string;
  category: string;
  request: string;
  persons: string;
  registeredAt: string;
  state: string;
  stateLabel: string;
  nextDue: string | null;
  nextDueKind: 'decide' | 'reply' | null;
  daysLeft: number | null;
  overdue: boolean;
  unit: string | null;
  handler: string | null;
  leader: string | null;
  assignKind: string | null;
}
