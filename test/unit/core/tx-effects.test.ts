import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { withTxEffects, txEffects } from '../../../core/kernel/tx-effects.js';
import { LOCAL_SESSION } from '../../../core/kernel/session.js';
import { testCore } from '../../helpers/core.js';
import { makeId } from '../../helpers/ids.js';

describe('file effects tied to a transaction', () => {
  it('undoes on rollback (newest first) and finishes only after a commit', () => {
    const db = {};
    const log: string[] = [];
    expect(() =>
      withTxEffects(db, () => {
        txEffects(db).onRollback(() => log.push('undo 1'));
        txEffects(db).onRollback(() => log.push('undo 2'));
        txEffects(db).afterCommit(() => log.push('never'));
        throw new Error('refused');
      }, () => undefined),
    ).toThrow('refused');
    expect(log).toEqual(['undo 2', 'undo 1']);
    log.length = 0;
    expect(withTxEffects(db, () => (txEffects(db).afterCommit(() => log.push('after')), txEffects(db).onRollback(() => log.push('no')), 7), () => undefined)).toBe(7);
    expect(log).toEqual(['after']);
    expect(() => txEffects(db)).toThrow(/transaction/);
  });

  it('a registration refused after its attachment was put in place leaves no file behind', () => {
    const core = testCore({ township: 'ZMQ' });
    const input = {
      participants: [{ person: { name: '张三', idNumber: makeId('1968-03-15', 123) } }],
      visit: { headcount: 1, involved: 1 },
      matter: { purpose: '申诉求决', category: '国土资源水利林业', request: '要求兑现征地补偿款' },
      attachments: [{ fileName: '协议.pdf', mime: 'application/pdf', dataBase64: Buffer.from('%PDF 协议').toString('base64') }],
    };
    // The audit entry is written after the handler, inside the transaction: make it fail.
    core.ctx.db.exec("CREATE TRIGGER fail_audit BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, 'disk full'); END");
    const r = core.call(LOCAL_SESSION, 'visits.register', input);
    expect(r).toMatchObject({ ok: false, code: 'INTERNAL' });
    const dir = path.join(core.ctx.dataDir, 'attachments');
    const files = fs.existsSync(dir) ? fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()) : [];
    expect(files).toEqual([]);
    core.ctx.db.exec('DROP TRIGGER fail_audit');
    expect(core.call(LOCAL_SESSION, 'visits.register', input)).toMatchObject({ ok: true });
    expect(fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile())).toHaveLength(1);
  });
});
