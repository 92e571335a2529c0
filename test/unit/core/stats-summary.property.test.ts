// The kept summary (matter_facts, stat_counts) must always equal a recomputation from scratch, and the
// figures read from it must equal the older, independent pass over every matter's status
// (core/domain/assessment.ts), after any sequence of registrations, repeat visits, steps and corrections.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LOCAL_SESSION } from '../../../core/kernel/session.js';
import type { Core } from '../../../core/app.js';
import { foldCase } from '../../../core/domain/case-state.js';
import { dayCounter } from '../../../core/domain/deadlines.js';
import { bucketTotals, contributions, deriveFacts, DEFAULT_BACKLOG_DAYS, LIVE } from '../../../core/domain/figures.js';
import { addDays } from '../../../core/domain/local-time.js';
import { eventsOf, allMatterIds } from '../../../core/store/events.js';
import { allCounts, distinctInRange, factsInputOf, readFacts } from '../../../core/store/figures.js';
import { fixedClock, testCore } from '../../helpers/core.js';
import { makeId } from '../../helpers/ids.js';

const TODAY = '2026-11-24';
const CATEGORIES = ['劳动社保', '农村农业', '民政', '城乡建设'];
const STEP_TYPES = ['accept', 'reject', 'transfer', 'start', 'extend', 'reply', 'evaluate', 'follow_up', 'close', 'review_request', 'settle', 'assign', 'inquiry', 'inquiry_close'] as const;

type Action =
  | { kind: 'register'; day: number; newPerson: boolean; personPick: number; village: number; category: number; group: boolean; skip: number }
  | { kind: 'repeat'; day: number; matterPick: number }
  | { kind: 'step'; matterPick: number; type: (typeof STEP_TYPES)[number]; day: number; rel: number | null; pick: number }
  | { kind: 'correct'; matterPick: number; eventPick: number; day: number; void: boolean };

const day = fc.integer({ min: 0, max: 330 }); // 2026-01-01 + n, up to 11-27 (future ones are refused)
const action: fc.Arbitrary<Action> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('register' as const), day, newPerson: fc.boolean(), personPick: fc.nat(), village: fc.nat(3), category: fc.nat(3), group: fc.boolean(), skip: fc.nat(6) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('repeat' as const), day, matterPick: fc.nat() }) },
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('step' as const), matterPick: fc.nat(), type: fc.constantFrom(...STEP_TYPES), day, rel: fc.option(fc.constantFrom(1, 15, 16, 75, 76, 181, 182)), pick: fc.nat(3) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('correct' as const), matterPick: fc.nat(), eventPick: fc.nat(), day, void: fc.boolean() }) },
);

const on = (n: number) => addDays('2026-01-01', n);
const SKIPS = [[], [], [], [{ level: 'beijing' }], [{ level: 'province' }], [{ level: 'county', visitedOn: '2026-03-03' }], [{ level: 'city' }]] as const;

function play(core: Core, actions: Action[], villages: number[]): void {
  const matters: { id: number; person: number; registered: number }[] = [];
  const persons: number[] = [];
  let seq = 0;
  for (const a of actions) {
    if (a.kind === 'register') {
      const person = a.newPerson || persons.length === 0 ? { name: '测试', idNumber: makeId('1980-02-02', (seq += 2) % 999) } : { personId: persons[a.personPick % persons.length]! };
      const headcount = a.group ? 6 : 1;
      const r = core.call(LOCAL_SESSION, 'visits.register', {
        participants: [{ person }],
        visit: { headcount, involved: headcount, visitedAt: `${on(a.day)}T09:30:00+08:00` },
        matter: { purpose: '申诉求决', category: CATEGORIES[a.category]!, request: '诉求', placeVillageId: villages[a.village % villages.length]!, levelSkips: [...SKIPS[a.skip]!] },
      });
      if (r.ok) {
        matters.push({ id: r.value.matterId, person: r.value.personIds[0]!, registered: a.day });
        if (!persons.includes(r.value.personIds[0]!)) persons.push(r.value.personIds[0]!);
      }
    } else if (matters.length === 0) continue;
    else if (a.kind === 'repeat') {
      const m = matters[a.matterPick % matters.length]!;
      core.call(LOCAL_SESSION, 'visits.register', { participants: [{ person: { personId: m.person } }], visit: { headcount: 1, involved: 1, visitedAt: `${on(Math.max(a.day, m.registered))}T15:00:00+08:00` }, matter: { existingId: m.id } });
    } else if (a.kind === 'step') {
      const m = matters[a.matterPick % matters.length]!;
      // Days on the edges of the legal periods (15 to decide, 60 to reply, 180 to 积案) come up often.
      const date = on(a.rel === null ? Math.max(a.day, m.registered) : m.registered + a.rel);
      const data = {
        accept: {}, reject: { redirect: 'litigation', body: '人民法院' }, transfer: { mode: '交办', unit: '国土所' }, start: { unit: ['司法所', '国土所'][a.pick % 2], handler: '李明' },
        extend: { days: 30, approver: '镇长' }, reply: { facts: '事实', basis: '依据', decision: '意见' }, evaluate: a.matterPick % 2 === 0
          ? { result: ['满意', '基本满意', '不满意', '拒绝评价'][a.pick] }
          : a.pick === 3 ? { result: '拒绝评价', means: '电话' } : { unit: ['满意', '基本满意', '不满意'][a.pick], dept: ['基本满意', '满意', '满意'][a.pick], means: '当面' },
        follow_up: { means: '电话', by: '王五', content: '回访' },
        close: {}, review_request: {}, settle: {}, assign: { kind: ['重点', '积案', '交办件', '交办件'][a.pick], leader: '镇长', group: [], plan: '方案', targetDate: '2026-12-31', batch: a.pick >= 2 ? `第${a.pick}批` : undefined },
        inquiry: { causeType: '政策', findings: '结论', unit: '', accountability: '' }, inquiry_close: {},
      }[a.type];
      core.call(LOCAL_SESSION, 'matters.step', { matterId: m.id, type: a.type, on: date, data, reason: a.type === 'extend' ? '需要调查' : '' } as never);
    } else {
      const m = matters[a.matterPick % matters.length]!;
      const events = eventsOf(core.ctx.db, m.id).filter((e) => e.type !== 'correct' && e.type !== 'register');
      const target = events[a.eventPick % Math.max(1, events.length)];
      if (target) core.call(LOCAL_SESSION, 'matters.correct', { matterId: m.id, eventId: target.id, reason: '更正', ...(a.void ? { void: true } : { on: on(Math.max(a.day, m.registered)) }) });
    }
  }
}

/** Every matter's facts and the counts, derived again from nothing but its events and rows. */
function recompute(core: Core) {
  const db = core.ctx.db;
  const counter = dayCounter('calendar');
  const totals = new Map<string, Map<string, number>>();
  const facts = allMatterIds(db).map((id) => {
    const events = eventsOf(db, id);
    const f = deriveFacts({ ...factsInputOf(db, id)!, status: foldCase(events, counter), events, backlogDays: DEFAULT_BACKLOG_DAYS });
    totals.set(f.township, bucketTotals(contributions(f), totals.get(f.township)));
    return f;
  });
  const counts = [...totals].flatMap(([township, t]) =>
    [...t].filter(([, n]) => n !== 0).map(([k, n]) => {
      const [metric, key, bucket] = k.split('\u0000') as [string, string, string];
      return { township, bucket, metric, key, n };
    }),
  );
  counts.sort((a, b) => (a.township + a.bucket + a.metric + a.key < b.township + b.bucket + b.metric + b.key ? -1 : 1));
  return { facts, counts };
}

const cmp = (a: { township: string; bucket: string; metric: string; key: string }) => [a.township, a.bucket, a.metric, a.key].join('\u0000');

describe('the figures summary', () => {
  it('equals a full recomputation after random event sequences, and the figures equal the per-status pass', () => {
    fc.assert(
      fc.property(fc.array(action, { minLength: 5, maxLength: 40 }), fc.integer({ min: 0, max: 300 }), fc.integer({ min: 0, max: 120 }), (actions, start, length) => {
        const core = testCore({ township: 'ZMQ', clock: fixedClock(`${TODAY}T18:00:00+08:00`) });
        try {
          const villages = core.call(LOCAL_SESSION, 'villages.list', {});
          if (!villages.ok) throw new Error(villages.message_zh);
          play(core, actions, villages.value.slice(0, 4).map((v) => v.id));
          const again = recompute(core);
          expect(again.facts.map((f) => readFacts(core.ctx.db, f.matterId))).toEqual(again.facts);
          // The kept deadlines of the live counts (migration 021) are those of the recomputed facts.
          const dues = core.ctx.db.prepare('SELECT matter_id AS id, decide_due AS decide, reply_due AS reply FROM matter_facts ORDER BY matter_id').all();
          expect(dues).toEqual(again.facts.map((f) => ({ id: f.matterId, decide: LIVE.decideLate.due(f), reply: LIVE.replyLate.due(f) })).sort((a, b) => a.id - b.id));
          const kept = allCounts(core.ctx.db).sort((a, b) => (cmp(a) < cmp(b) ? -1 : 1));
          again.counts.sort((a, b) => (cmp(a) < cmp(b) ? -1 : 1));
          expect(kept).toEqual(again.counts);

          const from = on(start);
          const to = on(Math.min(start + length, 330));
          // A free range's distinct counts (visit_days, migration 022) equal counting distinct matters over the visits.
          const [fromIso, toIso] = [new Date(`${from}T00:00:00+08:00`).toISOString(), new Date(`${addDays(to, 1)}T00:00:00+08:00`).toISOString()];
          const direct = core.ctx.db
            .prepare('SELECT count(DISTINCT matter_id) AS visited, count(DISTINCT CASE WHEN is_repeat = 1 THEN matter_id END) AS repeated FROM visits WHERE visited_at >= ? AND visited_at < ?')
            .get(fromIso, toIso);
          expect(distinctInRange(core.ctx.db, { township: 'ZMQ' }, from, to)).toEqual(direct);
          const rep = core.call(LOCAL_SESSION, 'stats.report', { from, to });
          const old = core.call(LOCAL_SESSION, 'stats.assessment', { from, to });
          if (!rep.ok || !old.ok) throw new Error('report failed');
          const f = (id: string) => rep.value.figures.find((x) => x.id === id)!.current;
          const pair = (id: string) => [f(id).num, f(id).den];
          expect([f('registered').num, f('repeatVisits').num]).toEqual([old.value.registered, old.value.repeatVisits]);
          for (const [id, r] of [['timelyDecision', old.value.timelyDecision], ['timelyReply', old.value.timelyReply], ['timelyClose', old.value.timelyClose], ['participation', old.value.participation], ['satisfaction', old.value.satisfaction], ['leaderResolution', old.value.leaderResolution]] as const) {
            expect([id, ...pair(id)]).toEqual([id, r.num, r.den]);
          }
          // Every figure's count equals the length of the list behind it.
          for (const fig of rep.value.figures) {
            if (fig.kind === 'average') continue;
            const list = core.call(LOCAL_SESSION, 'stats.matters', { from, to, figure: fig.id, side: 'num' });
            if (!list.ok) throw new Error(list.message_zh);
            if (!['visits', 'visitPersons', 'groupVisits', 'repeatVisits'].includes(fig.id)) expect([fig.id, list.value.total]).toEqual([fig.id, fig.current.num]);
          }
        } finally {
          core.close();
        }
      }),
      { numRuns: 25 },
    );
  }, 120_000);
});
