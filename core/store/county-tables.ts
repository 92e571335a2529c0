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
  /** id_number reversed: an ID tail is a prefix range (county migration 004). */
  id_rev: string | null;
}

/** What the county sent down: a receipt or a 交办件 batch, chained per township and kind. */
export interface OutboundRow {
  township: string;
  kind: string;
  sequence: number;
  sha256: string;
  previous: string | null;
  key_id: string;
  created_at: string;
  expires_at: string;
  file: string;
  source: string | null;
  batch: string | null;
  items: number;
  /** A receipt: the SHA-256 of the bundle it is about. */
  about: string | null;
}

export interface CountyTables {
  county_persons: PersonIndexRow;
  county_meta: { key: string; value: string };
  county_imports: ImportRow;
  county_records: RecordRow;
  county_outbound: OutboundRow;
}
