/**
 * Seeds each matter's life (issue 5): the event log from registration through decision (受理 /
 * 不予受理 / 转送·交办), handling, an occasional extension, the reply, closure, the petitioner's
 * evaluation, 复查/复核 for some of the dissatisfied, 息诉罢访, the cause inquiry of 一访两案 and
 * 领导包案 — with a few matters late or overdue, as real ones are. Older matters are finished;
 * the newest are still open. Events go in through the lifecycle store and the status projection is
 * folded by the same pure rule the core uses, so an illegal sequence here fails the seed loudly.
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { ASSIGN_KINDS, CAUSE_TYPES, type CaseEvent, type EventData, type EventType, type Evaluation, type Redirect } from '../domain/case-events.js';
import { foldCase } from '../domain/case-state.js';
import { dayCounter, daysLeft, type DayCounter } from '../domain/deadlines.js';
import { addDays, localDate } from '../domain/local-time.js';
import { appendEvent } from '../store/events.js';
import { writeStatus } from '../store/matter-status.js';
import { refreshFacts } from '../store/figures.js';
import { backlogDays, dayMode } from '../store/settings.js';
import { localInstant } from './calendar.js';
import type { SeedExtension } from './extensions.js';
import { personName } from './names.js';
import { Rng, Weighted } from './random.js';

const UNITS = ['乡镇信访办', '国土所', '财政所', '社会事务办', '司法所', '派出所', '城建办', '农业服务中心', '劳动保障所', '纪委', '村委会'];
const TRANSFER_UNITS = ['县人社局', '县自然资源局', '县住建局', '县公安局', '县法院', '县民政局', '县农业农村局'];
const REDIRECTS = new Weighted<Redirect>([['litigation', 50], ['arbitration', 20], ['admin_review', 20], ['other', 10]]);
const EVALUATION = new Weighted<Evaluation>([['满意', 62], ['基本满意', 24], ['不满意', 9], ['拒绝评价', 5]]);
const ACTOR = 'local';

/** The center's staff and leaders: the same few names recur, as at a real desk. */
function staff(seed: string): { handlers: string[]; leaders: string[] } {
  const rng = new Rng(`${seed}:staff`);
  const handlers = Array.from({ length: 24 }, () => personName(rng, rng.chance(0.6) ? 'M' : 'F', 1980));
  const leaders = Array.from({ length: 6 }, () => personName(rng, 'M', 1970));
  return { handlers, leaders };
}

interface Draft {
  type: EventType;
  on: string;
  data: object;
  reason: string;
}

/** The events of one matter registered on `reg`, none after `end`. */
export function draftEvents(rng: Rng, reg: string, end: string, isGroup: boolean, people: { handlers: string[]; leaders: string[] }): Draft[] {
  const ev: Draft[] = [{ type: 'register', on: reg, data: {}, reason: '' }];
  const add = <T extends EventType>(type: T, on: string, data: EventData[T], reason = ''): boolean => {
    if (on > end) return false;
    ev.push({ type, on, data, reason });
    return true;
  };
  const age = daysLeft(reg, end);
  // Loose ends (no closure yet, no inquiry yet) belong to recent matters; old ones are finished.
  const recent = age < 180;
  const finishes = (p: number) => !recent || rng.chance(p);
  const unit = rng.pick(UNITS);
  const handler = rng.pick(people.handlers);

  // Decision within 15 days, mostly; a few late; a few recent ones forgotten (overdue).
  if (age > 15 && age < 150 && rng.chance(0.03)) return ev;
  const decided = addDays(reg, rng.chance(0.96) ? rng.between(1, 14) : rng.between(16, 24));
  const o = rng.next();
  const outcome = o < 0.76 ? 'accept' : o < 0.86 ? 'reject' : 'transfer';
  let handlingClosedOn: string | null = null;
  if (outcome === 'reject') {
    const redirect = REDIRECTS.pick(rng);
    if (add('reject', decided, { redirect, body: redirect === 'other' ? '县市场监管局' : '' })) handlingClosedOn = decided;
  } else if (outcome === 'transfer') {
    if (add('transfer', decided, { mode: rng.chance(0.5) ? '转送' : '交办', unit: rng.pick(TRANSFER_UNITS) })) handlingClosedOn = decided;
  } else if (add('accept', decided, {})) {
    const started = addDays(decided, rng.between(0, 5));
    add('start', started, { unit, handler });
    if (isGroup ? rng.chance(0.25) : rng.chance(0.015)) {
      const kind = rng.pick(ASSIGN_KINDS);
      const year = decided.slice(0, 4);
      add('assign', addDays(decided, rng.between(0, 7)), {
        kind,
        leader: rng.pick(people.leaders),
        group: [rng.pick(people.handlers), rng.pick(people.handlers)],
        plan: '成立工作专班，逐户走访，依法依规化解',
        targetDate: addDays(decided, 60),
        ...(kind === '交办件' ? { source: '县信访局', batch: `${year}年第${rng.between(1, 6)}批` } : {}),
      });
    }
    const extension = rng.chance(0.07) ? rng.between(10, 30) : 0;
    if (extension) add('extend', addDays(started, rng.between(20, 50)), { days: extension, approver: rng.pick(people.leaders) }, '案情复杂，需进一步调查核实');
    // Replies: in time for most; late for a few; a few recent ones still open past their due date.
    if (age > 75 && age < 300 && rng.chance(0.03)) return finish(ev, rng, end, decided, null, unit, true);
    const replyAfter = extension ? rng.between(50, 60 + extension) : rng.chance(0.95) ? rng.between(10, 58) : rng.between(61, 80);
    const replied = addDays(decided, Math.max(replyAfter, daysLeft(decided, ev[ev.length - 1]!.on)));
    if (add('reply', replied, { facts: '经调查核实，反映情况基本属实。', basis: '依据《信访工作条例》及相关政策规定', decision: '按政策予以解决' })) {
      let evaluation: Evaluation | null = null;
      if (rng.chance(0.8)) {
        evaluation = EVALUATION.pick(rng);
        add('evaluate', addDays(replied, rng.between(1, 7)), { result: evaluation });
      }
      const closed = addDays(replied, rng.between(0, 10));
      if (finishes(0.92) && add('close', closed, {})) {
        handlingClosedOn = closed;
        if (evaluation === '不满意' && rng.chance(0.4)) {
          const requested = addDays(replied, Math.max(daysLeft(replied, closed), rng.between(5, 29)));
          if (add('review_request', requested, {})) {
            handlingClosedOn = null;
            const reviewed = addDays(requested, rng.between(20, 30));
            if (add('review_result', reviewed, { outcome: '维持原处理意见' })) {
              if (rng.chance(0.25)) {
                const rechecked = addDays(reviewed, rng.between(3, 29));
                if (add('recheck_request', rechecked, {}) && add('recheck_result', addDays(rechecked, rng.between(20, 30)), { outcome: '维持复查意见' })) {
                  handlingClosedOn = ev[ev.length - 1]!.on;
                }
              } else if (add('settle', addDays(reviewed, rng.between(5, 40)), {})) handlingClosedOn = ev[ev.length - 1]!.on;
            }
          }
        } else if (rng.chance(0.08)) add('settle', addDays(closed, rng.between(1, 60)), {});
      }
    }
  }
  return finish(ev, rng, end, decided, handlingClosedOn, unit, recent);
}

/** 一访两案: the cause inquiry runs beside the handling and closes once the handling has. */
function finish(ev: Draft[], rng: Rng, end: string, decided: string, handlingClosedOn: string | null, unit: string, recent: boolean): Draft[] {
  if (decided > end) return ev;
  const inquiryOn = addDays(decided, rng.between(1, 20));
  if ((recent && !rng.chance(0.93)) || inquiryOn > end) return sorted(ev);
  ev.push({
    type: 'inquiry',
    on: inquiryOn,
    data: { causeType: rng.pick(CAUSE_TYPES), findings: '政策宣传解释不到位，群众诉求未及时回应', unit, accountability: rng.chance(0.1) ? '约谈相关责任人' : '无' },
    reason: '',
  });
  if (handlingClosedOn && (!recent || rng.chance(0.95))) {
    const closeOn = addDays(handlingClosedOn > inquiryOn ? handlingClosedOn : inquiryOn, rng.between(0, 15));
    if (closeOn <= end) ev.push({ type: 'inquiry_close', on: closeOn, data: {}, reason: '' });
  }
  return sorted(ev);
}

/** In date order; events of the same day keep the order they were drafted in (a stable sort). */
const sorted = (ev: Draft[]): Draft[] => ev.sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0));

export function lifecycleExtension(seed: string): SeedExtension {
  const people = staff(seed);
  let counter: DayCounter | null = null;
  let days = 0;
  return {
    name: 'lifecycle',
    afterMatter(db: Database, rng: Rng, m, end) {
      counter ??= dayCounter(dayMode(db));
      days ||= backlogDays(db);
      const drafts = draftEvents(rng, localDate(m.registeredAt), localDate(end), m.isGroup, people);
      const events: CaseEvent[] = drafts.map((d, i) => {
        // Recorded the day it happened (registration: at the visit itself).
        const at = i === 0 ? m.registeredAt : localInstant(d.on, (9 + rng.int(8)) * 3_600_000 + rng.int(3_600_000));
        const recorded = (at.getTime() > end.getTime() ? end : at).toISOString();
        const id = appendEvent(db, { matterId: m.id, type: d.type, on: d.on, data: d.data, reason: d.reason, actor: ACTOR }, recorded);
        return { id, type: d.type, on: d.on, data: d.data as never, reason: d.reason, actor: ACTOR, corrects: null };
      });
      const status = foldCase(events, counter);
      writeStatus(db, m.id, status);
      refreshFacts(db, m.id, status, events, days);
    },
  };
}
