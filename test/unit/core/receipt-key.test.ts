// The receipt key out of the database (issue 13, item 8): in the key store beside the signing key,
// its name (a random id) in the settings; an earlier version's key moved out of the settings table.
import { createHmac } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openCore, type Core } from '../../../core/app.js';
import { createLogger } from '../../../core/kernel/log.js';
import type { KeyStore } from '../../../core/kernel/key-store.js';
import { LOCAL_SESSION } from '../../../core/kernel/session.js';
import { relayKeyStore } from '../../../core/host/relay-key-store.js';
import { fileKeyStore } from '../../../core/store/private-file.js';
import { deleteSetting, readSetting, writeSetting } from '../../../core/store/settings.js';
import { startWorkerCore } from '../../../core/host/client.js';
import { fixedClock, tempDir } from '../../helpers/core.js';

const open = (dataDir: string, keyStore?: KeyStore): Core =>
  openCore({ dataDir, keyStore, clock: fixedClock('2026-11-24T09:00:00+08:00'), log: createLogger(null, 'silent'), township: 'ZMQ' });

function register(core: Core): number {
  const r = core.call(LOCAL_SESSION, 'visits.register', {
    participants: [{ person: { name: '张三', noIdReason: '未带身份证', phones: [] } }],
    visit: { headcount: 1, involved: 1 },
    matter: { purpose: '申诉求决', category: '劳动社保', request: '要求补发工资' },
  });
  if (!r.ok) throw new Error(r.code);
  return r.value.matterId;
}

const receipt = (core: Core, matterId: number) => {
  const r = core.call(LOCAL_SESSION, 'matters.receipt', { matterId });
  if (!r.ok) throw new Error(r.code);
  return r.value as { caseNo: string; check: string };
};
const expected = (hex: string, caseNo: string) => createHmac('sha256', Buffer.from(hex, 'hex')).update(caseNo).digest('hex').slice(0, 8).toUpperCase();

/** Sets the desk back to what an earlier version left: the key in the settings table, no name, nothing in the store. */
function asEarlierVersion(core: Core, hex: string): void {
  const id = readSetting(core.ctx.db, 'receiptKeyId')!;
  fs.rmSync(path.join(core.ctx.dataDir, 'keys', `receipt-${id}.key`), { force: true });
  deleteSetting(core.ctx.db, 'receiptKeyId');
  writeSetting(core.ctx.db, 'receiptKey', hex);
}

describe('the receipt key lives in the key store, not the database', () => {
  it('a new desk makes it in the key store (0600 file in browser mode); the database keeps only its name; receipts stay checkable across restarts', () => {
    const dataDir = tempDir();
    let core = open(dataDir);
    const matterId = register(core);
    const id = readSetting(core.ctx.db, 'receiptKeyId');
    expect(id).toMatch(/^[0-9a-f]{16}$/);
    expect(readSetting(core.ctx.db, 'receiptKey')).toBeNull();
    const file = path.join(dataDir, 'keys', `receipt-${id}.key`);
    const hex = fs.readFileSync(file, 'utf8');
    expect(hex).toMatch(/^[0-9a-f]{64}$/);
    if (process.platform !== 'win32') expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const r = receipt(core, matterId);
    expect(r.check).toBe(expected(hex, r.caseNo));
    // No settings row holds a 64-hex secret.
    const values = core.ctx.db.prepare('SELECT value FROM settings').all() as { value: string }[];
    expect(values.some((v) => v.value.includes(hex))).toBe(false);
    core.close();
    core = open(dataDir);
    expect(receipt(core, matterId).check).toBe(r.check);
    core.close();
  });

  it('an earlier version’s key is moved out of the settings table (and deleted there) with the same value: old receipts still check', () => {
    const dataDir = tempDir();
    let core = open(dataDir);
    const matterId = register(core);
    const legacy = 'ab'.repeat(32);
    asEarlierVersion(core, legacy);
    core.close();
    core = open(dataDir);
    expect(readSetting(core.ctx.db, 'receiptKey')).toBeNull();
    const id = readSetting(core.ctx.db, 'receiptKeyId')!;
    expect(fs.readFileSync(path.join(dataDir, 'keys', `receipt-${id}.key`), 'utf8')).toBe(legacy);
    const r = receipt(core, matterId);
    expect(r.check).toBe(expected(legacy, r.caseNo));
    core.close();
  });

  it('in the app (a store that hands keys to the shell), the settings copy is deleted only at the start after, when the shell has kept it', () => {
    const dataDir = tempDir();
    const kept: Record<string, string> = {};
    const shell = () => relayKeyStore({ ...kept }, (name, secret) => (secret === null ? delete kept[name] : (kept[name] = secret)));
    let core = open(dataDir, shell());
    const matterId = register(core);
    const legacy = 'cd'.repeat(32);
    const id = readSetting(core.ctx.db, 'receiptKeyId')!;
    delete kept[`receipt-${id}`];
    deleteSetting(core.ctx.db, 'receiptKeyId');
    writeSetting(core.ctx.db, 'receiptKey', legacy);
    core.close();

    core = open(dataDir, shell());
    const moved = readSetting(core.ctx.db, 'receiptKeyId')!;
    expect(kept[`receipt-${moved}`]).toBe(legacy); // handed to the shell
    expect(readSetting(core.ctx.db, 'receiptKey')).toBe(legacy); // not yet known to be kept
    expect(receipt(core, matterId).check).toBe(expected(legacy, receipt(core, matterId).caseNo));
    core.close();

    core = open(dataDir, shell()); // the shell hands it back at start: kept
    expect(readSetting(core.ctx.db, 'receiptKey')).toBeNull();
    expect(receipt(core, matterId).check).toBe(expected(legacy, receipt(core, matterId).caseNo));
    core.close();
  });

  it('where the key is not reachable (the command line on a desk whose key the app keeps) no new key replaces it; a receipt is refused in Chinese', () => {
    const dataDir = tempDir();
    let core = open(dataDir, fileKeyStore(tempDir())); // where the app keeps it
    const matterId = register(core);
    const id = readSetting(core.ctx.db, 'receiptKeyId');
    core.close();
    core = open(dataDir, fileKeyStore(tempDir())); // another store: the key is not there
    expect(readSetting(core.ctx.db, 'receiptKeyId')).toBe(id);
    const r = core.call(LOCAL_SESSION, 'matters.receipt', { matterId });
    expect(r).toMatchObject({ ok: false, code: 'RECEIPT_KEY_MISSING' });
    expect(!r.ok && r.message_zh).toMatch(/回执密钥/);
    core.close();
  });

  it('reader threads print receipts with the key the writer handed them', async () => {
    const dataDir = tempDir();
    const core = await startWorkerCore({ dataDir, township: 'ZMQ', logLevel: 'silent' });
    try {
      const setup = await core.call(null, 'auth.setup', { username: 'admin', displayName: '王', password: 'Desk-Keeper-2026' });
      const token = setup.ok ? (setup.value as { token: string }).token : '';
      const reg = await core.call(token, 'visits.register', {
        participants: [{ person: { name: '李四', noIdReason: '未带身份证', phones: [] } }],
        visit: { headcount: 1, involved: 1 },
        matter: { purpose: '申诉求决', category: '劳动社保', request: '要求补发工资' },
      });
      expect(reg.ok).toBe(true);
      const r = await core.call(token, 'matters.receipt', { matterId: (reg as { value: { matterId: number } }).value.matterId });
      expect(r).toMatchObject({ ok: true, value: { check: expect.stringMatching(/^[0-9A-F]{8}$/) } });
    } finally {
      await core.close();
    }
  }, 60_000);
});
