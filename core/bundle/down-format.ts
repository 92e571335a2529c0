/**
 * What the county sends down to a township (issue 18), in the township bundle's own frame
 * (container.ts: "INTAKEB1" | envelope | age ciphertext; payload "INTAKEP1" entries), signed by the
 * county's issuing key (or its root) and encrypted to the township's age recipient:
 * - a receipt: the county's word on one bundle it verified (imported, already imported, refused);
 * - an assignment: one 交办件 batch (source, batch name) of matters for one township.
 * Both are numbered and chained per township and kind, as the township's bundles are.
 * docs/bundle-format.md describes them.
 */
import { z } from 'zod';
import { CATEGORIES, PURPOSES } from '../domain/categories.js';
import { SUITES } from './suites.js';

export const DOWN_KINDS = ['receipt', 'assignment'] as const;
export type DownKind = (typeof DOWN_KINDS)[number];

export const DOWN_FORMAT: Record<DownKind, string> = { receipt: 'township-intake-receipt', assignment: 'township-intake-assignment' };
export const DOWN_TYPE: Record<DownKind, string> = {
  receipt: 'application/vnd.township-intake.receipt+json;version=1',
  assignment: 'application/vnd.township-intake.assignment+json;version=1',
};
export const ITEMS_PATH = 'items.ndjson';
/** The closed set of entry names: a receipt holds its manifest only, an assignment also its items. */
export function isDownPath(kind: DownKind, p: string): boolean {
  return p === 'manifest.json' || (kind === 'assignment' && p === ITEMS_PATH);
}

export interface DownLimits {
  bundleBytes: number;
  manifestBytes: number;
  itemsBytes: number;
  lineBytes: number;
  items: number;
}
export const DOWN_LIMITS: DownLimits = { bundleBytes: 64 * 1024 ** 2, manifestBytes: 1024 ** 2, itemsBytes: 32 * 1024 ** 2, lineBytes: 64 * 1024, items: 10_000 };

const sha256 = z.string().regex(/^[0-9a-f]{64}$/);
const iso = z.iso.datetime({ offset: true });
const count = z.number().int().min(0);
const chainFields = (kind: DownKind) => ({
  format: z.literal(DOWN_FORMAT[kind]),
  version: z.literal(1),
  county: z.string().regex(/^\d{6}$/),
  township: z.string().regex(/^[A-Z]{2,4}$/),
  keyId: z.string().regex(/^[0-9a-f]{32}$/),
  suite: z.enum(SUITES),
  sequence: z.number().int().min(1),
  previous: sha256.nullable(),
  createdAt: iso,
  expiresAt: iso,
});
export const DOWN_SHARED_FIELDS = ['format', 'version', 'county', 'township', 'keyId', 'suite', 'sequence', 'previous', 'createdAt', 'expiresAt'] as const;

export const downStatementSchema = (kind: DownKind) =>
  z
    .object({
      ...chainFields(kind),
      payload: z.object({ encryption: z.literal('age'), recipient: z.string().regex(/^age1[0-9a-z]+$/).max(2000), size: count, sha256 }).strict(),
    })
    .strict();
export type DownStatement = z.infer<ReturnType<typeof downStatementSchema>>;
export type DownChain = Omit<DownStatement, 'payload'>;

const fileEntry = z.object({ path: z.string().max(200), size: count, sha256 }).strict();

/** The receipt's one finding: the bundle, what the county did with it, the audit head it recorded. */
export const receiptBodySchema = z
  .object({
    bundle: z.object({ sequence: z.number().int().min(1), sha256 }).strict(),
    status: z.enum(['imported', 'already', 'refused']),
    code: z.string().regex(/^[A-Z_]{1,60}$/).nullable(),
    reason: z.string().max(1000).nullable(),
    audit: z.object({ entries: count, head: sha256 }).strict().nullable(),
    at: iso,
  })
  .strict();
export type ReceiptBody = z.infer<typeof receiptBodySchema>;

export const receiptManifestSchema = z
  .object({ ...chainFields('receipt'), files: z.array(fileEntry).max(0), receipt: receiptBodySchema })
  .strict();

export const batchSchema = z
  .object({ id: z.string().regex(/^[0-9a-f]{16}$/), source: z.string().min(1).max(100), name: z.string().min(1).max(100), items: z.number().int().min(1) })
  .strict();
export type Batch = z.infer<typeof batchSchema>;

export const assignmentManifestSchema = z
  .object({ ...chainFields('assignment'), files: z.array(fileEntry).length(1), batch: batchSchema })
  .strict();

const text = (max: number) => z.string().max(max);
/** One 交办件 as it travels: the petitioner's data, the request, the deadline, the responsible leader if named. */
export const assignmentItemSchema = z
  .object({
    item: z.string().regex(/^[0-9A-Za-z-]{1,40}$/),
    person: z
      .object({
        name: z.string().min(1).max(20),
        idNumber: z.string().regex(/^\d{17}[\dX]$/).nullable(),
        phone: z.string().max(30).nullable(),
        address: text(100),
      })
      .strict(),
    purpose: z.enum(PURPOSES),
    category: z.enum(CATEGORIES),
    request: z.string().min(1).max(5000),
    facts: text(5000),
    deadline: z.iso.date(),
    leader: z.string().min(1).max(20).nullable(),
  })
  .strict();
export type AssignmentItem = z.infer<typeof assignmentItemSchema>;
