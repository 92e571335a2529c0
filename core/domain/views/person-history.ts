import type { MatterBrief } from './matter.js';
import type { PersonHit } from './person.js';

export interface HistoryItemDto {
  /** Sorts newest first: the day, then the moment it was recorded. */
  on: string;
  at: string;
  kind: 'visit' | 'matter' | 'reception' | 'instruction' | 'reply' | 'notice' | 'step';
  title: string;
  text: string;
  matterId: number;
  caseNo: string;
  visitId: number | null;
  instructionId: number | null;
  /** For an instruction: open, done, or overdue. */
  badge: string | null;
}
export interface PersonHistoryDto {
  person: PersonHit & { birthDate: string | null; address: string; noIdReason: string | null; phonesMasked: string[] };
  matters: (MatterBrief & { stateLabel: string })[];
  items: HistoryItemDto[];
}
