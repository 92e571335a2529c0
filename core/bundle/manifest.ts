/**
 * What a bundle says about itself. Two documents:
 * - the statement: small, in clear, signed (the DSSE payload). Everything the county needs to decide
 *   before decrypting anything: who, which sequence, which chain link, when, for whom, and the size
 *   and SHA-256 of the encrypted payload that follows it in the file;
 * - the manifest: the first entry inside the encrypted payload: every file with size and SHA-256,
 *   record counts, the audit chain head. It repeats the statement's fields and must agree with them.
 * docs/bundle-format.md describes both.
 */
import { z } from 'zod';
import { isBundlePath } from '../domain/bundle-rules.js';
import { SUITES } from './suites.js';

export const FORMAT = 'township-intake-bundle';
export const FORMAT_VERSION = 1;
export const STATEMENT_TYPE = 'application/vnd.township-intake.bundle+json;version=1';
export const MANIFEST_PATH = 'manifest.json';

/** Size limits the county enforces; the CLI can lower or raise the bundle limit. */
export interface Limits {
  /** The whole bundle file. */
  bundleBytes: number;
  manifestBytes: number;
  /** One NDJSON table file. */
  tableBytes: number;
  /** One NDJSON line (one record). */
  lineBytes: number;
  /** One attachment. The desk takes 20 MB per upload; the format allows more for later scans. */
  fileBytes: number;
  /** Entries in one bundle. */
  files: number;
}
export const DEFAULT_LIMITS: Limits = {
  bundleBytes: 8 * 1024 ** 3,
  manifestBytes: 16 * 1024 ** 2,
  tableBytes: 2 * 1024 ** 3,
  lineBytes: 1024 ** 2,
  fileBytes: 2 * 1024 ** 3,
  files: 1_000_000,
};

const sha256 = z.string().regex(/^[0-9a-f]{64}$/);
/** How many earlier export heads a bundle links its audit trail to. */
export const AUDIT_LINKS = 16;
const isoTime = z.iso.datetime({ offset: true });
const keyId = z.string().regex(/^[0-9a-f]{32}$/);
const township = z.string().regex(/^[A-Z]{2,4}$/);
const county = z.string().regex(/^\d{6}$/);
const count = z.number().int().min(0);

/** The fields statement and manifest share; the importer checks they are equal. */
const chainFields = {
  format: z.literal(FORMAT),
  version: z.literal(FORMAT_VERSION),
  county,
  township,
  keyId,
  suite: z.enum(SUITES),
  sequence: z.number().int().min(1),
  previous: sha256.nullable(),
  full: z.boolean(),
  createdAt: isoTime,
  expiresAt: isoTime,
};
export const SHARED_FIELDS = Object.keys(chainFields) as (keyof typeof chainFields)[];

export const statementSchema = z
  .object({
    ...chainFields,
    payload: z
      .object({
        /** age v1 (https://age-encryption.org/v1), to the recipient named here. */
        encryption: z.literal('age'),
        recipient: z.string().regex(/^age1[0-9a-z]+$/).max(2000),
        size: count,
        sha256,
      })
      .strict(),
  })
  .strict();
export type Statement = z.infer<typeof statementSchema>;

export const manifestSchema = z
  .object({
    ...chainFields,
    /** The change-journal window this bundle covers: (after, upTo]. A full bundle covers everything. */
    changes: z.object({ after: count, upTo: count }).strict(),
    files: z
      .array(
        z
          .object({
            path: z.string().max(200).refine(isBundlePath, { error: 'illegal path' }),
            size: count,
            sha256,
          })
          .strict(),
      )
      .max(DEFAULT_LIMITS.files),
    counts: z.record(z.string().regex(/^[a-z][a-z0-9_]{0,62}$/), z.object({ rows: count, deletes: count }).strict()),
    /**
     * Head of the center's audit chain at export; null while the desk has no audit trail. `links`: for
     * the desk's last exports (newest first, at most AUDIT_LINKS), the hash its trail holds now for the
     * entry that was the head then (null when the trail no longer has it): the county checks the
     * one for the head it recorded, so a trail cut or rewritten since is refused. Desks before
     * checkpoints omit it.
     */
    audit: z
      .object({
        entries: count,
        head: sha256,
        links: z
          .array(z.object({ entries: count, hash: sha256.nullable() }).strict())
          .max(AUDIT_LINKS)
          .optional(),
      })
      .strict()
      .nullable(),
    producer: z.object({ app: z.string().max(100), version: z.string().max(50) }).strict(),
  })
  .strict();
export type Manifest = z.infer<typeof manifestSchema>;
export type FileEntry = Manifest['files'][number];

export function tablePath(table: string): string {
  return `tables/${table}.ndjson`;
}
export function attachmentEntryPath(sha: string): string {
  return `files/${sha}`;
}
