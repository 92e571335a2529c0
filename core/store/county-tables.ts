/** The county database's tables as Kysely sees them: one definition for both engines. */

export interface ImportRow {
  township: string;
  sequence: number;
  sha256: string;
  previous: string | null;
  key_id: string;
  suite: string;
  full: number;
  created_at: string;
  imported_at: string;
  counts: string;
  audit_head: string | null;
}

export interface RecordRow {
  township: string;
  tbl: string;
  row_key: string;
  data: string;
  sequence: number;
}

export interface PersonIndexRow {
  township: string;
  person_id: number;
  id_number: string | null;
  name: string;
  initials: string;
}

export interface CountyTables {
  county_persons: PersonIndexRow;
  county_meta: { key: string; value: string };
  county_imports: ImportRow;
  county_records: RecordRow;
}
