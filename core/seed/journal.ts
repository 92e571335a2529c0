/**
 * Seeds the state of the bundle change journal (issue 7). Every seeded row passes through the
 * journal's triggers, as the desk's own writes do; a real center exports a bundle every month or
 * so, and each export forgets what it covered. So at the end, everything registered before the
 * last "export" — `days` before the end — counts as sent, and only the last weeks stay pending for
 * the next bundle.
 */
import { forgetChangesUpTo, latestChangeSeq } from '../store/bulk.js';
import type { SeedExtension } from './extensions.js';

export function journalExtension(days = 30): SeedExtension {
  let cut: number | null = null;
  return {
    name: 'journal',
    afterMatter(db, _rng, m, end) {
      if (cut === null && m.registeredAt.getTime() >= end.getTime() - days * 86_400_000) cut = latestChangeSeq(db);
    },
    finish(db) {
      forgetChangesUpTo(db, cut ?? latestChangeSeq(db));
    },
  };
}
