/** Issue 18's bundles that go down (receipts, 交办件), real and hostile, for the refusal and property tests. */
import path from 'node:path';
import { createHash } from 'node:crypto';
import type { Core } from '../../core/app.js';
import type { CountyDesk } from '../../core/bundle/county.js';
import { centerKeyInfo } from '../../core/bundle/center-keys.js';
import { DOWN_FORMAT, DOWN_TYPE, ITEMS_PATH, type DownChain, type DownKind } from '../../core/bundle/down-format.js';
import { sendDown, type SentDown } from '../../core/bundle/down-seal.js';
import { sealBundle, type SealEntry } from '../../core/bundle/seal.js';
import type { SigningKey } from '../../core/bundle/suites.js';
import { assignBatch } from '../../core/services/county-assign.js';
import { tempDir } from './core.js';
import { makeId } from './ids.js';

let n = 0;
/** A real receipt or 交办件 batch for the township, as the county makes it. */
export async function sendReal(county: CountyDesk, kind: DownKind, township = 'ZMQ'): Promise<SentDown> {
  n++;
  if (kind === 'receipt') {
    const sha = createHash('sha256').update(`bundle ${n}`).digest('hex');
    return sendDown(county, {
      kind,
      township,
      body: { receipt: { bundle: { sequence: n, sha256: sha }, status: 'imported', code: null, reason: null, audit: null, at: county.clock.now().toISOString() } },
      record: { items: 0, about: sha },
    });
  }
  const r = await assignBatch(county, {
    township,
    source: '省联席办',
    batch: `2026 第${n}批`,
    items: [{ person: { name: '王五', idNumber: makeId('1960-01-01', 2 * n + 1) }, purpose: '申诉求决', category: '劳动社保', request: '工资拖欠', deadline: '2027-01-31' }],
  });
  const last = (await county.store.lastOutbound(township, 'assignment'))!;
  return { kind, township, sequence: r.sequence, sha256: last.sha256, file: path.join(county.dir, 'outbox', r.fileName), size: 0, createdAt: last.created_at };
}

export interface CraftDownOptions {
  chain?: Partial<DownChain>;
  manifest?: (m: Record<string, unknown>) => unknown;
  entries?: (e: SealEntry[]) => SealEntry[];
  recipient?: string;
  signer?: SigningKey;
  items?: string[];
}

/** A validly signed (by the county's issuing key) bundle going down, with the content the test chooses. */
export async function craftDown(county: CountyDesk, desk: Core, kind: DownKind, opts: CraftDownOptions = {}): Promise<string> {
  const signer = opts.signer ?? county.issuer();
  const now = county.clock.now();
  const chain: DownChain = {
    format: DOWN_FORMAT[kind] as DownChain['format'],
    version: 1,
    county: '341523',
    township: 'ZMQ',
    keyId: signer.keyId,
    suite: signer.suite,
    sequence: 1,
    previous: null,
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + 30 * 86_400_000).toISOString(),
    ...opts.chain,
  };
  const item = { item: '1', person: { name: '王五', idNumber: null, phone: null, address: '' }, purpose: '申诉求决', category: '劳动社保', request: '工资拖欠', facts: '', deadline: '2027-01-31', leader: null };
  const lines = opts.items ?? [JSON.stringify(item)];
  const body = Buffer.from(lines.map((l) => `${l}\n`).join(''), 'utf8');
  let entries: SealEntry[] = kind === 'assignment' ? [{ path: ITEMS_PATH, size: body.length, bytes: body }] : [];
  const files = entries.map((e) => ({ path: e.path, size: e.size, sha256: createHash('sha256').update(e.bytes!).digest('hex') }));
  const extra =
    kind === 'receipt'
      ? { receipt: { bundle: { sequence: 1, sha256: 'a'.repeat(64) }, status: 'imported', code: null, reason: null, audit: null, at: now.toISOString() } }
      : { batch: { id: '0123456789abcdef', source: '省联席办', name: '2026 第9批', items: lines.length } };
  const manifest: Record<string, unknown> = { ...chain, files, ...extra };
  const m = opts.manifest ? opts.manifest(manifest) : manifest;
  if (opts.entries) entries = opts.entries(entries);
  const out = path.join(tempDir('intake-down-'), `crafted.${kind}`);
  await sealBundle({
    out,
    chain,
    statementType: DOWN_TYPE[kind],
    manifest: Buffer.from(JSON.stringify(m), 'utf8'),
    entries,
    signer,
    recipient: opts.recipient ?? centerKeyInfo(desk.ctx)!.recipient!,
  });
  return out;
}

/** Everything the desk holds that a county file could change, hashed. */
export function deskState(desk: Core): string {
  const hash = createHash('sha256');
  for (const t of ['inbound_bundles', 'bundle_fates', 'assignment_matters', 'matters', 'persons', 'person_phones', 'matter_persons', 'matter_events', 'matter_status', 'case_sequences', 'settings']) {
    hash.update(`#${t}\n`);
    for (const row of desk.ctx.db.prepare(`SELECT * FROM "${t}" ORDER BY 1, 2`).all()) hash.update(JSON.stringify(row));
  }
  return hash.digest('hex');
}
