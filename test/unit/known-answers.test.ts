/**
 * Known answers for every hash and signature format the desk defines (issue 20). A chain that
 * verifies against itself still verifies when what is hashed changes (another field order, another
 * separator, a field left out): these fixed values do not. Each was computed once, outside this code,
 * with Python 3.11 (hashlib, hmac, json.dumps(separators=(',', ':'), ensure_ascii=False), struct, and
 * `cryptography` 48 for Ed25519), from the inputs written here; the script is in the comment of each
 * block. A failure here means the format changed: that breaks every trail, bundle, receipt and key id
 * already out there, so it needs a new format version, not a new expected value.
 *
 * The audit checkpoint's statement and signature are pinned in test/unit/bundle/audit-checkpoint.test.ts,
 * SM2 against GM/T 0003.5 in test/unit/bundle/sm2.test.ts.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createHash, createPrivateKey, createPublicKey } from 'node:crypto';
import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { afterEach, describe, expect, it } from 'vitest';
import { appendAudit, entryHash, GENESIS, verifyAudit, type AuditEntry } from '../../core/store/audit.js';
import { fingerprintOf, keyIdOf, parsePublicKey, signBytes, verifyBytes, type SigningKey } from '../../core/bundle/suites.js';
import { openEnvelope, pae, signEnvelope } from '../../core/bundle/dsse.js';
import { BUNDLE_MAGIC, entryHeader, outerHeader, PAYLOAD_MAGIC, readOuter } from '../../core/bundle/container.js';
import { FORMAT, STATEMENT_TYPE, statementSchema, type Statement } from '../../core/bundle/manifest.js';
import { TRUST_TYPE } from '../../core/bundle/trust.js';
import { CARD_TYPE } from '../../core/bundle/county-card.js';
import { ROTATION_FORMAT, ROTATION_TYPE } from '../../core/bundle/center-keys.js';
import { CHECKPOINT_FORMAT, CHECKPOINT_TYPE } from '../../core/bundle/audit-checkpoint.js';
import { exportBundle } from '../../core/bundle/export.js';
import { importBundle } from '../../core/bundle/import.js';
import { centerKeys } from '../../core/store/bundles.js';
import { receiptCheck } from '../../core/services/receipts.js';
import { hashPassword, verifyPassword } from '../../core/auth/passwords.js';
import { formatCaseNo } from '../../core/domain/case-number.js';
import type { Core } from '../../core/app.js';
import { testCore } from '../helpers/core.js';
import { newCounty, newTownship, registerOne } from '../helpers/bundle.js';

const open: { close(): void }[] = [];
afterEach(() => {
  for (const o of open.splice(0)) o.close();
});

const sha = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');

// The fixed Ed25519 key of these vectors: seed 07 × 32 (Ed25519 signatures are deterministic).
//   Python: Ed25519PrivateKey.from_private_bytes(bytes([7]) * 32)
const seed = Buffer.alloc(32, 7);
const der = Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), seed]);
const x = createPublicKey(createPrivateKey({ key: der, format: 'der', type: 'pkcs8' })).export({ format: 'jwk' }).x!;
const PUBLIC_KEY = `ed25519:${Buffer.from(x, 'base64url').toString('base64')}`;
const KEY: SigningKey = { suite: 'ed25519', publicKey: PUBLIC_KEY, keyId: keyIdOf(PUBLIC_KEY), privateKey: der.toString('base64') };

describe('audit entry hash: SHA-256 over JSON [prev, id, at, actor, action, target, outcome]', () => {
  // Python: sha256(json.dumps([prev, id, at, actor, action, target, outcome], separators=(',', ':'),
  //                ensure_ascii=False).encode('utf-8')).hexdigest(), prev of entry 1 = '0' * 64.
  const e1: AuditEntry = { at: '2026-11-24T01:00:00.000Z', actor: 'admin', action: 'villages.add', target: 'village:1', outcome: 'ok' };
  const e2: AuditEntry = { at: '2026-11-24T01:05:00.000Z', actor: '接待员1', action: 'persons.reveal', target: 'person:12', outcome: 'FORBIDDEN' };
  const H1 = 'b1d5bd2788d103167b16ac3b1ed1006d7ac6497222d248794a4be419ba035cac';
  const H2 = '27839d734ee7f6337c77d05a81f9d8562ab53c57e8f6c64b05fb883b52d0f8fc';

  it('gives these hashes for the first two entries of a trail', () => {
    expect(GENESIS).toBe('0'.repeat(64));
    expect(entryHash(GENESIS, 1, e1)).toBe(H1);
    expect(entryHash(H1, 2, e2)).toBe(H2);
  });

  /** A bare audit_log as migration 001 makes it (no triggers needed here). */
  function bareTrail(): BetterSqlite3.Database {
    const db = new BetterSqlite3(':memory:');
    db.exec(`CREATE TABLE audit_log (id INTEGER PRIMARY KEY, at TEXT NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL,
      target TEXT NOT NULL, outcome TEXT NOT NULL, prev_hash TEXT NOT NULL, hash TEXT NOT NULL)`);
    open.push(db);
    return db;
  }

  it('is what appendAudit stores and what verifyAudit checks', () => {
    const db = bareTrail();
    appendAudit(db, e1);
    appendAudit(db, e2);
    expect(db.prepare('SELECT id, prev_hash, hash FROM audit_log ORDER BY id').all()).toEqual([
      { id: 1, prev_hash: GENESIS, hash: H1 },
      { id: 2, prev_hash: H1, hash: H2 },
    ]);
    expect(verifyAudit(db)).toMatchObject({ ok: true, entries: 2, head: H2 });
  });

  it('a trail written by hand with these hashes verifies; one hashed any other way does not', () => {
    const db = bareTrail();
    const insert = db.prepare('INSERT INTO audit_log VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
    insert.run(1, e1.at, e1.actor, e1.action, e1.target, e1.outcome, GENESIS, H1);
    insert.run(2, e2.at, e2.actor, e2.action, e2.target, e2.outcome, H1, H2);
    expect(verifyAudit(db)).toMatchObject({ ok: true, entries: 2, head: H2 });
    // The same fields hashed in another order (actor and action swapped) are not this format.
    const swapped = sha(JSON.stringify([H1, 2, e2.at, e2.action, e2.actor, e2.target, e2.outcome]));
    db.prepare('UPDATE audit_log SET hash = ? WHERE id = 2').run(swapped);
    expect(verifyAudit(db)).toMatchObject({ ok: false, brokenAt: 2 });
  });
});

describe('key id and fingerprint: the first 128 bits of SHA-256 over "<suite>:<base64 raw key>"', () => {
  // Python: sha256(b'ed25519:6kpsY+KcUgq+9VB7Ey7F+ZVHdq6+vnuSQh7qaRRG0iw=').hexdigest()[:32]
  it('for the fixed Ed25519 key', () => {
    expect(PUBLIC_KEY).toBe('ed25519:6kpsY+KcUgq+9VB7Ey7F+ZVHdq6+vnuSQh7qaRRG0iw=');
    expect(keyIdOf(PUBLIC_KEY)).toBe('303b977bd6197b3c1d2f1135dfc0ce18');
    expect(parsePublicKey(PUBLIC_KEY)).toEqual({ suite: 'ed25519', publicKey: PUBLIC_KEY, keyId: '303b977bd6197b3c1d2f1135dfc0ce18' });
    expect(fingerprintOf(PUBLIC_KEY)).toBe('303B 977B D619 7B3C 1D2F 1135 DFC0 CE18');
  });

  // The public key of GM/T 0003.5's example (test/unit/bundle/sm2.test.ts), uncompressed 04 ‖ x ‖ y.
  // Python: sha256(('sm2:' + base64(bytes.fromhex('04' 09f9…ad13))).encode()).hexdigest()[:32]
  it('for an SM2 key', () => {
    const sm2 = 'sm2:BAn53zEeVCGhUN19Fh5LxcZyF5+tGDP8B2uwj/NW81AgzOpJDOJndaUtxupxjMGqYArtBfvzXghKZjL2By2prRM=';
    expect(parsePublicKey(sm2)).toEqual({ suite: 'sm2', publicKey: sm2, keyId: 'fb47cb8d689a330c9fb10f706d5fb9e4' });
    expect(fingerprintOf(sm2)).toBe('FB47 CB8D 689A 330C 9FB1 0F70 6D5F B9E4');
  });
});

describe('the bundle: signed statement, envelope, file frame and bundle hash', () => {
  // The statement as export.ts builds it (the field order of manifest.ts's chainFields, then payload).
  const statement: Statement = {
    format: 'township-intake-bundle',
    version: 1,
    county: '341523',
    township: 'ZMQ',
    keyId: '303b977bd6197b3c1d2f1135dfc0ce18',
    suite: 'ed25519',
    sequence: 2,
    previous: 'ab'.repeat(32),
    full: false,
    createdAt: '2026-11-24T01:00:00.000Z',
    expiresAt: '2026-12-24T01:00:00.000Z',
    payload: { encryption: 'age', recipient: `age1${'q'.repeat(58)}`, size: 5, sha256: sha('CIPHR') },
  };
  const payload = Buffer.from(JSON.stringify(statement), 'utf8');
  // Python: T = 'application/vnd.township-intake.bundle+json;version=1'
  //   pae = b'DSSEv1 %d %s %d ' % (len(T), T, len(payload)) + payload     → sha256 below
  //   sig = key.sign(pae)                                                  → base64 below
  //   envelope = json.dumps({"payloadType": T, "payload": b64(payload),
  //                          "signatures": [{"keyid": keyid, "sig": b64(sig)}]}, separators=(',', ':'))
  //   file = b'INTAKEB1' + struct.pack('>I', len(envelope)) + envelope + b'CIPHR'
  const SIG = 'z/dpULHn+Z3vY+UaxGk0rK0tkX9zHBWbEwaK4nE6CB3iDPtVHB32sXSpfdH4HkYLws6FFxR8fbq2qsn48icqDQ==';

  it('names its format and type', () => {
    expect(FORMAT).toBe('township-intake-bundle');
    expect(STATEMENT_TYPE).toBe('application/vnd.township-intake.bundle+json;version=1');
    expect(statementSchema.parse(statement)).toEqual(statement);
  });

  it('signs PAE(type, statement) with this signature', () => {
    const message = pae(STATEMENT_TYPE, payload);
    expect(message.subarray(0, 64).toString()).toBe(`DSSEv1 53 ${STATEMENT_TYPE} `);
    expect(sha(message)).toBe('2ea5ae9b4408e8cb8843c4b5be10e5926241961929b07c21fed8ba4fdec0f15e');
    expect(signBytes(KEY, message).toString('base64')).toBe(SIG);
    expect(verifyBytes(PUBLIC_KEY, message, Buffer.from(SIG, 'base64'))).toBe(true);
  });

  it('wraps it in this one canonical envelope, which opens to the statement', () => {
    const envelope = signEnvelope(STATEMENT_TYPE, payload, KEY);
    expect(envelope.length).toBe(933);
    expect(sha(envelope)).toBe('1e95e970b0dfa8a68a474a740d00d04fb7b0819a2e95cfa8b9fb0997a9dc7a2b');
    expect(JSON.parse(envelope.toString())).toEqual({
      payloadType: STATEMENT_TYPE,
      payload: payload.toString('base64'),
      signatures: [{ keyid: '303b977bd6197b3c1d2f1135dfc0ce18', sig: SIG }],
    });
    expect(openEnvelope(envelope, STATEMENT_TYPE, () => PUBLIC_KEY).payload.equals(payload)).toBe(true);
  });

  it('frames the file as INTAKEB1 | u32 BE envelope length | envelope | ciphertext, hashed whole', () => {
    const envelope = signEnvelope(STATEMENT_TYPE, payload, KEY);
    const file = Buffer.concat([outerHeader(envelope), Buffer.from('CIPHR')]);
    expect(file.subarray(0, 12).toString('hex')).toBe(`${Buffer.from('INTAKEB1').toString('hex')}000003a5`);
    expect(sha(file)).toBe('2cf922c6a8c94ca82e83d9abd1cd4607b656464a246c6b251604eb8c0a4ae5f1');
    const dir = fs.mkdtempSync(path.join(process.env.TMPDIR ?? '/tmp', 'intake-kat-'));
    const f = path.join(dir, 'b.bundle');
    fs.writeFileSync(f, file);
    const fd = fs.openSync(f, 'r');
    try {
      expect(readOuter(fd, file.length)).toEqual({ envelope, cipherOffset: 12 + 933, cipherSize: 5 });
    } finally {
      fs.closeSync(fd);
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('frames a payload entry as u16 BE path length | path | u64 BE size', () => {
    // Python: (struct.pack('>H', 13) + b'manifest.json' + struct.pack('>Q', 300)).hex()
    expect(entryHeader('manifest.json', 300).toString('hex')).toBe('000d6d616e69666573742e6a736f6e000000000000012c');
    expect(BUNDLE_MAGIC.toString()).toBe('INTAKEB1');
    expect(PAYLOAD_MAGIC.toString()).toBe('INTAKEP1');
  });

  it('a real bundle: its hash is SHA-256 of the whole file, the statement names the ciphertext’s, and the next bundle links it', async () => {
    const county = await newCounty();
    const core = await newTownship(county);
    open.push(core, { close: () => void county.close() });
    const keyOf = (kid: string) => centerKeys(core.ctx.db).find((k) => k.key_id === kid)!.public_key;
    const read = (file: string) => {
      const bytes = fs.readFileSync(file);
      const fd = fs.openSync(file, 'r');
      try {
        const parts = readOuter(fd, bytes.length);
        const st = JSON.parse(openEnvelope(parts.envelope, STATEMENT_TYPE, keyOf).payload.toString()) as Statement;
        return { bytes, parts, st };
      } finally {
        fs.closeSync(fd);
      }
    };
    registerOne(core, '张三');
    const first = await exportBundle(core.ctx, {});
    const { bytes, parts, st } = read(first.file);
    expect(first.sha256).toBe(sha(bytes));
    expect(st.payload.sha256).toBe(sha(bytes.subarray(parts.cipherOffset)));
    expect(st.payload.size).toBe(bytes.length - parts.cipherOffset);
    expect(st.previous).toBeNull();
    expect(await importBundle(county, first.file)).toMatchObject({ ok: true });
    expect(await county.store.lastImport('ZMQ')).toMatchObject({ sequence: 1, sha256: sha(bytes) });
    registerOne(core, '李四');
    const second = await exportBundle(core.ctx, {});
    expect(read(second.file).st).toMatchObject({ sequence: 2, previous: sha(bytes) });
  });
});

describe('the other signed documents name their types', () => {
  it('trust file, county card, key rotation and audit checkpoint', () => {
    expect(TRUST_TYPE).toBe('application/vnd.township-intake.trust+json;version=1');
    expect(CARD_TYPE).toBe('application/vnd.township-intake.county-card+json;version=1');
    expect(ROTATION_TYPE).toBe('application/vnd.township-intake.key-rotation+json;version=1');
    expect(ROTATION_FORMAT).toBe('township-intake-key-rotation');
    expect(CHECKPOINT_TYPE).toBe('application/vnd.township-intake.audit-checkpoint+json;version=1');
    expect(CHECKPOINT_FORMAT).toBe('township-intake-audit-checkpoint');
  });
});

describe('receipt check value: 8 upper-case hex of HMAC-SHA256(receipt key, case number)', () => {
  // Python: hmac.new(bytes.fromhex('00112233445566778899aabbccddeeff' * 2), b'ZMQ-2026-000123',
  //                  hashlib.sha256).hexdigest()[:8].upper()
  it('for a fixed key and case number', () => {
    const core: Core = testCore({ township: 'ZMQ' });
    open.push(core);
    // The desk holds its receipt key (from the key store, services/receipts.ts) as ctx.receiptKey.
    core.ctx.receiptKey = Buffer.from('00112233445566778899aabbccddeeff'.repeat(2), 'hex');
    const caseNo = formatCaseNo('ZMQ', 2026, 123);
    expect(caseNo).toBe('ZMQ-2026-000123');
    expect(receiptCheck(core.ctx, caseNo)).toBe('47645C69');
    expect(receiptCheck(core.ctx, 'ZMQ-2026-000124')).not.toBe('47645C69');
  });
});

describe('password hash: scrypt$N$r$p$salt$hash (N 2^15, r 8, p 1, 16-byte salt, 32-byte key, NFC)', () => {
  // Python: hashlib.scrypt('正确的马电池钉'.encode(), salt=bytes(range(16)), n=32768, r=8, p=1,
  //                        maxmem=64 * 1024 * 1024, dklen=32), both base64
  const STORED = 'scrypt$32768$8$1$AAECAwQFBgcICQoLDA0ODw==$EQWUi1yxXttHrkmHaIqr17l3xQLD07a5W3N+mlWWkKU=';

  it('a stored hash of that format verifies its password and no other', () => {
    expect(verifyPassword('正确的马电池钉', STORED)).toBe(true);
    // The same text in decomposed form is the same password (NFC before hashing).
    expect(verifyPassword('正确的马电池钉'.normalize('NFD'), STORED)).toBe(true);
    expect(verifyPassword('正确的马电池', STORED)).toBe(false);
  });

  it('new hashes are written in that format', () => {
    const h = hashPassword('正确的马电池钉');
    expect(h).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9+/]{22}==\$[A-Za-z0-9+/]{43}=$/);
    expect(verifyPassword('正确的马电池钉', h)).toBe(true);
  });
});
