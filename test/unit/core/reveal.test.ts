// Least privilege for the full ID number and phones (issue 13, item 6): a stated reason, kept in the
// audit entry and never in a log; at most `revealsPerHour` a user an hour; the audit screen's 提醒.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openCore, type Core } from '../../../core/app.js';
import { createLogger } from '../../../core/kernel/log.js';
import { LOCAL_SESSION, type Session } from '../../../core/kernel/session.js';
import { entryHash, GENESIS } from '../../../core/store/audit.js';
import { DEFAULT_REVEALS_PER_HOUR, revealsPerHour, writeSetting } from '../../../core/store/settings.js';
import { tempDir } from '../../helpers/core.js';
import { makeId } from '../../helpers/ids.js';

const leader: Session = { user: 'wang', role: 'leader' };
const other: Session = { user: 'zhao', role: 'leader' };
const ID = makeId('1980-01-01', 101);

function desk(): { core: Core; personId: number; dataDir: string; clock: { t: number; now(): Date } } {
  const dataDir = tempDir();
  const clock = { t: Date.parse('2026-11-24T09:00:00+08:00'), now() { return new Date(this.t); } };
  // A real log file at the most talkative level: what is not in it was never logged.
  const core = openCore({ dataDir, clock, log: createLogger(dataDir, 'debug'), township: 'ZMQ' });
  const r = core.call(LOCAL_SESSION, 'visits.register', {
    participants: [{ person: { name: '张三', idNumber: ID, phones: ['13812345678'] } }],
    visit: { headcount: 1, involved: 1 },
    matter: { purpose: '申诉求决', category: '劳动社保', request: '要求补发工资' },
  });
  if (!r.ok) throw new Error(r.code);
  return { core, personId: r.value.personIds[0]!, dataDir, clock };
}

const lastReveal = (core: Core) =>
  core.ctx.db.prepare("SELECT actor, target, outcome, detail FROM audit_log WHERE action = 'persons.reveal' ORDER BY id DESC LIMIT 1").get();

describe('persons.reveal asks a reason', () => {
  it('refuses a missing, empty, invisible, control-character or too-long reason, in Chinese, at the field', () => {
    const { core, personId } = desk();
    const cases: [unknown, string][] = [
      [undefined, '请填写查看原因'],
      ['   ', '请填写查看原因'],
      ['\u200B\u200B', '请填写查看原因'],
      ['核实\u0000身份', '不允许的控制字符'],
      ['\u202E核实身份', '不允许的控制字符'],
      ['因'.repeat(101), '查看原因不能超过 100 个字'],
    ];
    for (const [reason, message] of cases) {
      const r = core.call(leader, 'persons.reveal', { personId, ...(reason === undefined ? {} : { reason }) });
      expect(r, JSON.stringify(reason)).toMatchObject({ ok: false, code: 'INVALID_INPUT', field: 'reason' });
      expect(!r.ok && r.message_zh).toContain(message);
    }
    expect(core.call(leader, 'persons.reveal', { personId, reason: '因'.repeat(100) }).ok).toBe(true);
  });

  it('keeps the reason in the audit entry (trimmed), hash-chained, and shows it on the audit list; never in a log', () => {
    const { core, personId, dataDir } = desk();
    const reason = '张三来电核实身份证号以便寄送告知书';
    expect(core.call(leader, 'persons.reveal', { personId, reason: `  ${reason} ` })).toMatchObject({ ok: true, value: { idNumber: ID } });
    expect(lastReveal(core)).toEqual({ actor: 'wang', target: `person:${personId}`, outcome: 'ok', detail: reason });
    const list = core.call(LOCAL_SESSION, 'audit.list', { action: 'persons.reveal' });
    expect(list.ok && list.value[0]).toMatchObject({ actor: 'wang', detail: reason, actionLabel: '查看完整证件号或电话' });
    // The reason is under the hash: the trail still verifies, and changing it would not.
    expect(core.call(LOCAL_SESSION, 'audit.verify', {})).toMatchObject({ ok: true, value: { ok: true } });
    // A refusal keeps its reason too (a reception operator is not allowed to reveal): the validated one only.
    core.call({ user: 'lijie', role: 'reception' }, 'persons.reveal', { personId, reason: '想看看' });
    expect(lastReveal(core)).toMatchObject({ actor: 'lijie', outcome: 'FORBIDDEN' });
    core.close();
    const log = fs.readFileSync(path.join(dataDir, 'logs', 'intake.log'), 'utf8');
    expect(log).toContain('persons.reveal'); // the call was logged…
    expect(log).not.toContain(reason); // …without its reason
    expect(log).not.toContain('想看看');
    expect(log).not.toContain(ID);
  });

  it('an entry without a detail hashes exactly as before migration 010, so old trails and checkpoints stand', () => {
    const e = { at: '2026-01-01T00:00:00.000Z', actor: 'a', action: 'visits.register', target: 'matter:1', outcome: 'ok' };
    const old = (prev: string, id: number) =>
      // The formula of every entry written before the detail column existed.
      createHash('sha256').update(JSON.stringify([prev, id, e.at, e.actor, e.action, e.target, e.outcome])).digest('hex');
    expect(entryHash(GENESIS, 1, e)).toBe(old(GENESIS, 1));
    expect(entryHash(GENESIS, 1, { ...e, detail: '' })).toBe(old(GENESIS, 1));
    expect(entryHash(GENESIS, 1, { ...e, detail: '核实' })).not.toBe(old(GENESIS, 1));
  });
});

describe('reveals are rate-limited per user', () => {
  it(`by default ${DEFAULT_REVEALS_PER_HOUR} an hour; the limit is a setting`, () => {
    const { core } = desk();
    expect(revealsPerHour(core.ctx.db)).toBe(20);
    writeSetting(core.ctx.db, 'revealsPerHour', 5);
    expect(revealsPerHour(core.ctx.db)).toBe(5);
    writeSetting(core.ctx.db, 'revealsPerHour', 0); // nonsense falls back to the default
    expect(revealsPerHour(core.ctx.db)).toBe(20);
  });

  it('beyond the limit: refused in Chinese, audited as REVEAL_LIMIT, other users unaffected, allowed again an hour later', () => {
    const { core, personId, clock } = desk();
    writeSetting(core.ctx.db, 'revealsPerHour', 3);
    for (let i = 0; i < 3; i++) {
      expect(core.call(leader, 'persons.reveal', { personId, reason: `核实 ${i}` }).ok).toBe(true);
      clock.t += 60_000;
    }
    const refused = core.call(leader, 'persons.reveal', { personId, reason: '再看一次' });
    expect(refused).toMatchObject({ ok: false, code: 'REVEAL_LIMIT' });
    expect(!refused.ok && refused.message_zh).toBe('一小时内最多查看 3 次完整证件号或电话，已达上限，请稍后再试；本次已记入审计日志，管理员会看到提醒');
    expect(lastReveal(core)).toEqual({ actor: 'wang', target: `person:${personId}`, outcome: 'REVEAL_LIMIT', detail: '再看一次' });
    // Refusals do not count toward the limit, and it is per user.
    expect(core.call(other, 'persons.reveal', { personId, reason: '核实' }).ok).toBe(true);
    // The hour is a sliding window from the first reveal (09:00): at 10:00 one has left it.
    clock.t = Date.parse('2026-11-24T10:00:00.001+08:00');
    expect(core.call(leader, 'persons.reveal', { personId, reason: '核实' }).ok).toBe(true);
    expect(core.call(leader, 'persons.reveal', { personId, reason: '核实' })).toMatchObject({ ok: false, code: 'REVEAL_LIMIT' });
  });

  it('the audit screen’s 提醒: users who hit the limit, or revealed at least the hourly limit in one day; admins only', () => {
    const { core, personId, clock } = desk();
    writeSetting(core.ctx.db, 'revealsPerHour', 2);
    // wang: 2, refused once; zhao: 2 at 09:00 and 2 at 11:00 the same day, never refused; li: just 1.
    for (const s of [leader, leader, leader, other, other]) core.call(s, 'persons.reveal', { personId, reason: '核实' });
    core.call({ user: 'li', role: 'leader' }, 'persons.reveal', { personId, reason: '核实' });
    clock.t += 2 * 3_600_000;
    for (const s of [other, other]) core.call(s, 'persons.reveal', { personId, reason: '核实' });
    const alerts = core.call(LOCAL_SESSION, 'audit.alerts', {});
    expect(alerts).toMatchObject({
      ok: true,
      value: {
        perHour: 2,
        days: 30,
        users: [
          { actor: 'wang', reveals: 2, refused: 1, why: 'limit', busiestDay: '2026-11-24', busiestDayReveals: 2 },
          { actor: 'zhao', reveals: 4, refused: 0, why: 'many', busiestDay: '2026-11-24', busiestDayReveals: 4 },
        ],
      },
    });
    expect(core.call(leader, 'audit.alerts', {})).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    // 31 days later nothing is recent.
    clock.t += 31 * 86_400_000;
    expect(core.call(LOCAL_SESSION, 'audit.alerts', {})).toMatchObject({ ok: true, value: { users: [] } });
  });
});
