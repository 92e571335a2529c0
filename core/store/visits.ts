import type { Database } from 'better-sqlite3';

export interface NewVisitRow {
  matterId: number;
  visitedAt: string;
  channel: string;
  headcount: number;
  involved: number;
  isRepeat: boolean;
  persons: { personId: number; role: 'visitor' | 'representative' }[];
}

export function insertVisit(db: Database, v: NewVisitRow, at: string): number {
  const info = db
    .prepare('INSERT INTO visits (matter_id, visited_at, channel, headcount, involved, is_repeat, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
    .run(v.matterId, v.visitedAt, v.channel, v.headcount, v.involved, v.isRepeat ? 1 : 0, at);
  const id = Number(info.lastInsertRowid);
  const link = db.prepare('INSERT INTO visit_persons (visit_id, person_id, role) VALUES (?, ?, ?)');
  for (const p of v.persons) link.run(id, p.personId, p.role);
  return id;
}
