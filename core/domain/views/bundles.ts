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
  } | null;
  county: { set: boolean; recipient: string | null; rootFingerprint: string | null; name: string | null; setAt: string | null };
  last: { sequence: number; createdAt: string; expiresAt: string; file: string; size: number; full: boolean; sha256: string } | null;
  /** Journal entries not yet in a bundle. */
  pending: number;
  exportsDir: string;
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
