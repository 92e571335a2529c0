export interface DutyDayDto {
  date: string;
  /** 1 = Monday … 7 = Sunday */
  weekday: number;
  working: boolean;
  holiday: string | null;
  /** A weekend day worked by the official table (调休上班). */
  makeUp: boolean;
  kind: 'main' | 'deputy' | 'holiday' | 'weekend';
  leader: { id: number; name: string; title: string; role: 'main' | 'deputy' } | null;
  planned: { id: number; name: string; title: string; role: 'main' | 'deputy' } | null;
  override: { leaderId: number | null; note: string } | null;
}
