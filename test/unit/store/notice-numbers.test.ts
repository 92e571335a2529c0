// The 文号 register: per type and year, never reused, no gaps — also with a voided notice, a failed
// issue, and a second connection writing at the same time.
import { describe, expect, it } from 'vitest';
import { LOCAL_SESSION } from '../../../core/kernel/session.js';
import type { Core } from '../../../core/app.js';
import type { Clock } from '../../../core/kernel/clock.js';
import { issueNotice, noticeRegister } from '../../../core/store/notices.js';
import { openDeskFile, tempDir, testCore } from '../../helpers/core.js';
import { makeId } from '../../helpers/ids.js';

let now = '2026-11-24T10:00:00+08:00';
const clock: Clock = { now: () => new Date(now) };

let seq = 300;
function acceptedMatter(core: Core, on = now.slice(0, 10)): number {
  const r = core.call(LOCAL_SESSION, 'visits.register', {
    participants: [{ person: { name: '李四', idNumber: makeId('1975-05-05', (seq += 2)) } }],
    visit: { headcount: 1, involved: 1, visitedAt: `${on}T09:00:00+08:00` },
    matter: { purpose: '申诉求决', category: '民政', request: '低保' },
  });
  if (!r.ok) throw new Error(r.message_zh);
  const a = core.call(LOCAL_SESSION, 'matters.step', { matterId: r.value.matterId, type: 'accept', on, data: {} });
  if (!a.ok) throw new Error(a.message_zh);
  return r.value.matterId;
}
const ok = <T>(r: { ok: true; value: T } | { ok: false; message_zh: string }): T => {
  if (!r.ok) throw new Error(r.message_zh);
  return r.value;
};
const issue = (core: Core, matterId: number, kind: 'accept' | 'reject' = 'accept') => ok(core.call(LOCAL_SESSION, 'notices.issue', { matterId, kind }));

describe('文号: one sequence per notice type and year', () => {
  it('numbers 1, 2, 3 per type, again from 1 in a new year, with the township prefix', () => {
    now = '2026-11-24T10:00:00+08:00';
    const core = testCore({ township: 'ZMQ', clock });
    const [a, b] = [acceptedMatter(core), acceptedMatter(core)];
    expect(issue(core, a).docNo).toBe('张信受〔2026〕1号');
    expect(issue(core, b).docNo).toBe('张信受〔2026〕2号');
    // Printing again is the same notice: no number taken.
    expect(issue(core, a).docNo).toBe('张信受〔2026〕1号');
    const r = core.call(LOCAL_SESSION, 'visits.register', {
      participants: [{ person: { name: '王五', idNumber: makeId('1980-01-01', (seq += 2)) } }],
      visit: { headcount: 1, involved: 1, visitedAt: '2026-11-24T09:00:00+08:00' },
      matter: { purpose: '申诉求决', category: '民政', request: '离婚纠纷' },
    });
    const c = ok(r).matterId;
    ok(core.call(LOCAL_SESSION, 'matters.step', { matterId: c, type: 'reject', data: { redirect: 'litigation', body: '舒城县人民法院' } }));
    expect(issue(core, c, 'reject').docNo).toBe('张信不受〔2026〕1号');
    now = '2027-01-04T10:00:00+08:00';
    const d = acceptedMatter(core);
    expect(issue(core, d).docNo).toBe('张信受〔2027〕1号');
    // A prefix set by the center applies to numbers taken from then on.
    ok(core.call(LOCAL_SESSION, 'notices.configure', { prefixes: { accept: '张政信受' } }));
    expect(issue(core, acceptedMatter(core)).docNo).toBe('张政信受〔2027〕2号');
    expect(core.call(LOCAL_SESSION, 'notices.configure', { prefixes: { accept: '张〔信' } })).toMatchObject({ ok: false, code: 'NOTICE_PREFIX_INVALID' });
    core.close();
  });

  it('never reuses the number of a voided notice, and the register keeps it: no gap', () => {
    now = '2026-11-24T10:00:00+08:00';
    const core = testCore({ township: 'ZMQ', clock });
    const [a, b] = [acceptedMatter(core), acceptedMatter(core)];
    const first = issue(core, a);
    issue(core, b);
    const entries = ok(core.call(LOCAL_SESSION, 'notices.void', { noticeId: first.noticeId!, reason: '姓名写错' }));
    expect(entries[0]).toMatchObject({ voided: true, voidReason: '姓名写错', docNo: '张信受〔2026〕1号' });
    expect(core.call(LOCAL_SESSION, 'notices.void', { noticeId: first.noticeId!, reason: '再次' })).toMatchObject({ ok: false, code: 'NOTICE_VOIDED' });
    // Reissued: a new number, after the last one taken.
    expect(issue(core, a).docNo).toBe('张信受〔2026〕3号');
    const reg = noticeRegister(core.ctx.db, 'accept', 2026);
    expect(reg.map((n) => [n.seq, n.voidedAt !== null])).toEqual([[1, true], [2, false], [3, false]]);
    // The register cannot be edited into a gap or a reuse.
    expect(() => core.ctx.db.prepare('DELETE FROM notices WHERE seq = 1').run()).toThrow(/never deleted/);
    expect(() => core.ctx.db.prepare('UPDATE notices SET seq = 9 WHERE seq = 3').run()).toThrow(/keeps its number/);
    expect(() => core.ctx.db.prepare("UPDATE notices SET voided_at = NULL WHERE seq = 1").run()).toThrow(/UNIQUE/);
    core.close();
  });

  it('a failed issue takes its number back: the next one has no gap', () => {
    now = '2026-11-24T10:00:00+08:00';
    const core = testCore({ township: 'ZMQ', clock });
    const a = acceptedMatter(core);
    const eventId = (core.ctx.db.prepare("SELECT id FROM matter_events WHERE matter_id = ? AND type = 'accept'").get(a) as { id: number }).id;
    const req = { matterId: a, kind: 'accept' as const, eventId, year: 2026, issuedOn: '2026-11-24', by: 'x', at: now };
    expect(() => issueNotice(core.ctx.db, { ...req, docNo: () => { throw new Error('boom'); } })).toThrow('boom');
    expect(issueNotice(core.ctx.db, { ...req, docNo: (n) => `N${n}` }).notice.seq).toBe(1);
    core.close();
  });

  it('two connections issuing at once get distinct, consecutive numbers', () => {
    now = '2026-11-24T10:00:00+08:00';
    const dataDir = tempDir();
    const core = testCore({ township: 'ZMQ', clock, dataDir });
    const ids = Array.from({ length: 4 }, () => acceptedMatter(core));
    const eventOf = (m: number) => (core.ctx.db.prepare("SELECT id FROM matter_events WHERE matter_id = ? AND type = 'accept'").get(m) as { id: number }).id;
    const req = (m: number) => ({ matterId: m, kind: 'accept' as const, eventId: eventOf(m), year: 2026, issuedOn: '2026-11-24', by: 'x', at: now, docNo: (n: number) => `张信受〔2026〕${n}号` });
    const other = openDeskFile(dataDir);
    other.pragma('busy_timeout = 0');
    // The writer is in the middle of an issue (its transaction open, a number taken, not committed) …
    const writer = core.ctx.db;
    writer.exec('BEGIN IMMEDIATE');
    const mine = issueNotice(writer, req(ids[0]!)).notice.seq;
    // … the second connection cannot read the counter as it was and take the same number: it waits (here: refused at once).
    expect(() => issueNotice(other, req(ids[1]!))).toThrow(/locked|busy/i);
    writer.exec('COMMIT');
    const theirs = issueNotice(other, req(ids[1]!)).notice.seq;
    // Interleaved again, the other way round.
    other.exec('BEGIN IMMEDIATE');
    const third = issueNotice(other, req(ids[2]!)).notice.seq;
    writer.pragma('busy_timeout = 0');
    expect(() => issueNotice(writer, req(ids[3]!))).toThrow(/locked|busy/i);
    other.exec('COMMIT');
    const fourth = issueNotice(writer, req(ids[3]!)).notice.seq;
    expect([mine, theirs, third, fourth]).toEqual([1, 2, 3, 4]);
    expect(noticeRegister(writer, 'accept', 2026).map((n) => n.seq)).toEqual([1, 2, 3, 4]);
    other.close();
    core.close();
  });
});

describe('what a notice says', () => {
  it('names the township government, the 复查机关 (a setting), the legal basis set, and 你们 for a group', () => {
    now = '2026-11-24T10:00:00+08:00';
    const core = testCore({ township: 'ZMQ', clock });
    const r = core.call(LOCAL_SESSION, 'visits.register', {
      participants: [{ person: { name: '赵一', idNumber: makeId('1960-02-02', (seq += 2)) } }, { person: { name: '钱二', idNumber: makeId('1961-03-03', (seq += 2)) } }],
      visit: { headcount: 2, involved: 2, visitedAt: '2026-09-01T09:00:00+08:00' },
      matter: { purpose: '申诉求决', category: '民政', request: '低保' },
    });
    const m = ok(r).matterId;
    for (const [type, on, data] of [['accept', '2026-09-02', {}], ['reply', '2026-10-08', { facts: '已核实。', basis: '低保政策', decision: '予以纳入。' }]] as const) {
      ok(core.call(LOCAL_SESSION, 'matters.step', { matterId: m, type, on, data } as never));
    }
    const reply = issue(core, m, 'reply' as never);
    const text = reply.paragraphs.join('\n');
    expect(reply.issuer).toBe('舒城县张母桥镇人民政府');
    expect(reply.docNo).toBe('张信复〔2026〕1号');
    expect(text).toContain('赵一、钱二：');
    expect(text).toContain('你们于2026年9月1日提出');
    expect(text).toContain('你们如对本处理意见不服，可以自收到本意见书之日起30日内，向舒城县人民政府请求复查。');
    expect(text).toContain('三、处理意见：予以纳入。');
    expect(text).not.toMatch(/你（们）|。。|。，|\{/);
    // A center that has checked an article sets it; the 复查机关 is a setting too.
    ok(core.call(LOCAL_SESSION, 'notices.configure', { reviewBody: '舒城县人民政府信访复查复核委员会', basis: { reply: '《信访工作条例》第某条（测试用）' } }));
    const again = ok(core.call(LOCAL_SESSION, 'notices.render', { matterId: m, kind: 'reply' }));
    expect(again.docNo).toBe('张信复〔2026〕1号');
    expect(again.paragraphs.join('')).toContain('依据《信访工作条例》第某条（测试用）的规定');
    expect(again.paragraphs.join('')).toContain('向舒城县人民政府信访复查复核委员会请求复查');
    core.close();
  });

  it('refuses a reworded template naming an unknown placeholder, and keeps the settings as they were', () => {
    const core = testCore({ township: 'ZMQ', clock });
    const bad = core.call(LOCAL_SESSION, 'notices.configure', { reviewBody: '别的机关', templates: { accept: { title: '受理告知书', body: ['{persons}：', '由{承办人}办理'] } } });
    expect(bad).toMatchObject({ ok: false, code: 'NOTICE_TEMPLATE_INVALID', field: 'templates.accept' });
    expect((bad as { message_zh: string }).message_zh).toContain('{承办人}');
    const s = ok(core.call(LOCAL_SESSION, 'notices.settings', {}));
    expect([s.reviewBody, s.reworded]).toEqual(['舒城县人民政府', []]);
    const good = ok(core.call(LOCAL_SESSION, 'notices.configure', { templates: { accept: { title: '受理告知书', body: ['{persons}：', '{you}的事项（{caseNo}）已受理。'] } } }));
    expect(good.reworded).toEqual(['accept']);
    expect(ok(core.call(LOCAL_SESSION, 'notices.configure', { templates: { accept: null } })).reworded).toEqual([]);
    core.close();
  });
});
