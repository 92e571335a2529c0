// The hit list reads person_activity (last visit, number of matters, main phone) kept by the store in
// the registration's transaction. After any sequence of registrations it must equal a recomputation
// from the visits and matters themselves.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LOCAL_SESSION } from '../../../core/kernel/session.js';
import { personActivity } from '../../../core/store/persons.js';
import { fixedClock, testCore } from '../../helpers/core.js';

type Step =
  | { kind: 'new'; phone: boolean; day: number }
  | { kind: 'repeat'; who: number; day: number }
  | { kind: 'again'; who: number; day: number }
  | { kind: 'group'; who: number[]; day: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('new' as const), phone: fc.boolean(), day: fc.integer({ min: 1, max: 28 }) }),
  fc.record({ kind: fc.constant('repeat' as const), who: fc.nat(), day: fc.integer({ min: 1, max: 28 }) }),
  fc.record({ kind: fc.constant('again' as const), who: fc.nat(), day: fc.integer({ min: 1, max: 28 }) }),
  fc.record({ kind: fc.constant('group' as const), who: fc.array(fc.nat(), { minLength: 2, maxLength: 4 }), day: fc.integer({ min: 1, max: 28 }) }),
);

/** Names that differ in their first and in their later characters, so a copied name or initials can be wrong. */
const NAMES = ['赵六', '钱七', '孙八', '赵钱'] as const;

const matter = { purpose: '申诉求决', category: '劳动社保', request: '要求补发工资' } as const;

describe('person_activity', () => {
  it('equals a recomputation after random registrations, repeat visits and group visits, with every person and their name', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 25 }), (steps) => {
        const core = testCore({ township: 'ZMQ', clock: fixedClock('2026-11-30T09:00:00+08:00') });
        const persons: number[] = [];
        const matters: number[] = [];
        let n = 0;
        for (const s of steps) {
          const visitedAt = `2026-11-${String(s.day).padStart(2, '0')}T09:00:00+08:00`;
          const pick = (i: number) => persons[i % persons.length]!;
          let r;
          if (s.kind === 'new' || persons.length === 0) {
            n += 1;
            const phones = s.kind === 'new' && s.phone ? [`1381234${String(n).padStart(4, '0')}`, `1391234${String(n).padStart(4, '0')}`] : [];
            r = core.call(LOCAL_SESSION, 'visits.register', {
              participants: [{ person: { name: NAMES[n % NAMES.length]!, noIdReason: '未带身份证', phones, confirmedNotDuplicate: true } }],
              visit: { headcount: 1, involved: 1, visitedAt },
              matter,
            });
          } else if (s.kind === 'repeat' && matters.length > 0) {
            r = core.call(LOCAL_SESSION, 'visits.register', {
              participants: [{ person: { personId: pick(s.who) } }],
              visit: { headcount: 1, involved: 1, visitedAt },
              matter: { existingId: matters[s.who % matters.length]! },
            });
          } else if (s.kind === 'group') {
            const ids = [...new Set(s.who.map(pick))];
            r = core.call(LOCAL_SESSION, 'visits.register', {
              participants: ids.map((personId) => ({ person: { personId } })),
              visit: { headcount: ids.length, involved: ids.length, visitedAt },
              matter,
            });
          } else {
            r = core.call(LOCAL_SESSION, 'visits.register', { participants: [{ person: { personId: pick(s.who) } }], visit: { headcount: 1, involved: 1, visitedAt }, matter });
          }
          if (!r.ok) throw new Error(`${r.code} ${r.field ?? ''}`);
          for (const id of r.value.personIds) if (!persons.includes(id)) persons.push(id);
          if (!matters.includes(r.value.matterId)) matters.push(r.value.matterId);
        }
        const db = core.ctx.db;
        const kept = db.prepare('SELECT person_id AS id, main_phone, last_visit_at, matter_count, name, initials FROM person_activity ORDER BY person_id').all() as {
          id: number;
          name: string;
          initials: string;
          main_phone: string | null;
          last_visit_at: string | null;
          matter_count: number;
        }[];
        const again = personActivity(db, persons);
        const firstPhone = db.prepare('SELECT phone FROM person_phones WHERE person_id = ? ORDER BY rowid LIMIT 1');
        expect(kept.map((k) => k.id).sort((a, b) => a - b)).toEqual([...persons].sort((a, b) => a - b));
        const person = db.prepare('SELECT name, initials FROM persons WHERE id = ?');
        for (const k of kept) {
          // The search window (migration 023) finds persons by these copies.
          expect({ name: k.name, initials: k.initials }).toEqual(person.get(k.id));
          expect(k.last_visit_at).toBe(again.get(k.id)!.lastVisit);
          expect(k.matter_count).toBe(again.get(k.id)!.matters);
          expect(k.main_phone).toBe((firstPhone.get(k.id) as { phone: string } | undefined)?.phone ?? null);
        }
        core.close();
      }),
      { numRuns: 40 },
    );
  });
});
