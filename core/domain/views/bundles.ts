/** 数据包 (issue 7): the admin page's view of keys, the county recipient and the last bundle. */
export interface BundleStatusDto {
  township: string | null;
  key: {
    fingerprint: string;
    suite: 'ed25519' | 'sm2';
    publicKey: string;
    createdAt: string;
    storage: 'file' | 'safeStorage' | 'keyring';
    available: boolean;
    /** The township's age recipient, for the county's trust entry (what comes down is encrypted to it). */
    recipient: string | null;
  } | null;
  county: { set: boolean; recipient: string | null; rootFingerprint: string | null; name: string | null; setAt: string | null };
  last: { sequence: number; createdAt: string; expiresAt: string; file: string; size: number; full: boolean; sha256: string } | null;
  /** Journal entries not yet in a bundle. */
  pending: number;
  exportsDir: string;
  /** Each exported bundle's fate by the county's receipts (issue 18). */
  receiptDays: number;
  exports: BundleFateDto[];
  /** 交办件 batches and receipts imported from the county, newest first. */
  inbound: { kind: 'receipt' | 'assignment'; sequence: number; importedAt: string; summary: string }[];
}

export interface BundleFateDto {
  sequence: number;
  file: string;
  createdAt: string;
  full: boolean;
  fate: 'received' | 'quarantined' | 'pending';
  /** 已接收 / 已隔离（原因）/ 未收到回执 */
  label: string;
  code: string | null;
  receivedAt: string | null;
  /** No receipt yet, and the bundle is older than the setting's days. */
  overdue: boolean;
}

/** What one file from the county did at the desk. */
export interface InboundResultDto {
  kind: 'receipt' | 'assignment';
  sequence: number;
  already: boolean;
  receipt: { bundleSequence: number; status: 'imported' | 'already' | 'refused'; reason: string | null } | null;
  batch: { source: string; name: string; items: number; matters: number; linkedPersons: number } | null;
}
export interface ExportJobDto {
  id: string;
  state: 'running' | 'done' | 'failed';
  phase: 'rows' | 'files' | 'encrypt' | 'write';
  percent: number;
  result: {
    file: string;
    sequence: number;
    size: number;
    full: boolean;
    sha256: string;
    counts: Record<string, { rows: number; deletes: number }>;
    attachments: number;
    keyFingerprint: string;
    expiresAt: string;
  } | null;
  error: { code: string; message_zh: string; incident?: string } | null;
}
