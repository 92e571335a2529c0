import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { ProjectDto } from '../domain/views/project.js';


export function insertProject(db: Database, p: { name: string; description: string; assessedOn: string | null }, at: string): number {
  return Number(
    db.prepare('INSERT INTO projects (name, description, assessed_on, created_at) VALUES (?, ?, ?, ?)').run(p.name, p.description, p.assessedOn, at)
      .lastInsertRowid,
  );
}

export function findProjectByName(db: Database, name: string): number | null {
  return (db.prepare('SELECT id FROM projects WHERE name = ?').get(name) as { id: number } | undefined)?.id ?? null;
}

const SELECT = `SELECT p.id, p.name, p.description, p.assessed_on AS assessedOn,
  (SELECT count(*) FROM matter_status s WHERE s.project_id = p.id) AS matters,
  (SELECT count(*) FROM matter_status s WHERE s.project_id = p.id AND s.fully_closed = 0) AS open
  FROM projects p`;

export function listProjects(db: Database): ProjectDto[] {
  return db.prepare(`${SELECT} ORDER BY p.id`).all() as ProjectDto[];
}

export function getProject(db: Database, id: number): ProjectDto | null {
  return (db.prepare(`${SELECT} WHERE p.id = ?`).get(id) as ProjectDto | undefined) ?? null;
}
