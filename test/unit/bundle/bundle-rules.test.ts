/**
 * The county's bundle rules at their edges (issue 20: mutation testing): the path pattern character by
 * character, the chain's verdicts in every corner, and each time limit at the exact millisecond.
 */
import { describe, expect, it } from 'vitest';
import { CLOCK_SKEW_MS, isBundlePath, judgeAudit, judgeBundleTimes, judgeChain, judgeTimes, keyValidAt, MAX_VALIDITY_DAYS } from '../../../core/domain/bundle-rules.js';

const hex = (n: number, c = 'a') => c.repeat(n);
const at = (ms: number) => new Date(ms).toISOString();
const T = Date.parse('2026-11-24T00:00:00.000Z');
const DAY = 86_400_000;

describe('isBundlePath', () => {
  it('takes exactly the manifest, a table file and an attachment named by its SHA-256', () => {
    for (const p of ['manifest.json', 'tables/persons.ndjson', 'tables/a.ndjson', 'tables/a1_b2.ndjson', `tables/a${hex(62, 'b')}.ndjson`, `files/${hex(64)}`, `files/${'0123456789abcdef'.repeat(4)}`]) {
      expect(isBundlePath(p), p).toBe(true);
    }
  });

  it('refuses anything else, however close', () => {
    for (const p of [
      'Manifest.json', 'manifest.jso', 'manifest.json ', ' manifest.json', 'xmanifest.json', 'manifest.json.bak', 'manifestXjson', 'manifest.json\n',
      'tables/.ndjson', 'tables/1a.ndjson', 'tables/_a.ndjson', 'tables/A.ndjson', 'tables/aB.ndjson', 'tables/a-b.ndjson', 'tables/a.b.ndjson',
      `tables/a${hex(63, 'b')}.ndjson`, 'tables/a.json', 'tables/a.ndjsonx', 'tables/a.ndjson/', 'tables/a', 'xtables/a.ndjson', 'tables//a.ndjson',
      `files/${hex(63)}`, `files/${hex(65)}`, `files/${hex(64, 'A')}`, `files/${hex(63)}g`, `files/${hex(64)}/`, `xfiles/${hex(64)}`, `files//${hex(64)}`,
      `files/${hex(64)}.pdf`, `tables/persons.ndjson/files/${hex(64)}`,
    ]) {
      expect(isBundlePath(p), JSON.stringify(p)).toBe(false);
    }
  });
});

describe('judgeChain', () => {
  const link = (sequence: number, sha256 = `s${sequence}`) => ({ sequence, sha256 });

  it('a first bundle must be number 1 and name no previous bundle', () => {
    expect(judgeChain(null, null, { sequence: 1, previous: null, sha256: 's1' })).toEqual({ kind: 'next' });
    expect(judgeChain(null, null, { sequence: 1, previous: 's0', sha256: 's1' })).toMatchObject({ kind: 'fork' });
    expect(judgeChain(null, null, { sequence: 3, previous: 's2', sha256: 's3' })).toEqual({ kind: 'gap', expected: 1 });
    expect(judgeChain(null, null, { sequence: 3, previous: 's2', sha256: 's3', full: true }, { bridgeGapWithFull: true })).toEqual({ kind: 'next', bridged: { from: 1, to: 2 } });
  });

  it('the same bundle again is already imported, unless newer ones came since: then it is a replay', () => {
    expect(judgeChain(link(2), link(2), { sequence: 2, previous: 's1', sha256: 's2' })).toEqual({ kind: 'already' });
    expect(judgeChain(link(3), link(2), { sequence: 2, previous: 's1', sha256: 's2' })).toEqual({ kind: 'replay', last: 3 });
    expect(judgeChain(null, link(2), { sequence: 2, previous: 's1', sha256: 's2' })).toEqual({ kind: 'already' });
  });

  it('an older or equal sequence not imported under that number is a replay; one past the next a gap', () => {
    expect(judgeChain(link(3), null, { sequence: 3, previous: 's2', sha256: 'x3' })).toEqual({ kind: 'replay', last: 3 });
    expect(judgeChain(link(3), null, { sequence: 2, previous: 's1', sha256: 'x2' })).toEqual({ kind: 'replay', last: 3 });
    expect(judgeChain(link(3), null, { sequence: 4, previous: 's3', sha256: 's4' })).toEqual({ kind: 'next' });
    expect(judgeChain(link(3), null, { sequence: 5, previous: 's4', sha256: 's5' })).toEqual({ kind: 'gap', expected: 4 });
  });

  it('bridges a gap only with a full bundle and only when asked', () => {
    const incoming = { sequence: 6, previous: 's5', sha256: 's6' };
    expect(judgeChain(link(3), null, { ...incoming, full: true })).toEqual({ kind: 'gap', expected: 4 });
    expect(judgeChain(link(3), null, { ...incoming, full: true }, { bridgeGapWithFull: false })).toEqual({ kind: 'gap', expected: 4 });
    expect(judgeChain(link(3), null, { ...incoming, full: true }, { bridgeGapWithFull: true })).toEqual({ kind: 'next', bridged: { from: 4, to: 5 } });
    // A full bundle that follows directly is simply the next one; a fork is never bridged.
    expect(judgeChain(link(3), null, { sequence: 4, previous: 's3', sha256: 's4', full: true }, { bridgeGapWithFull: true })).toEqual({ kind: 'next' });
    expect(judgeChain(link(3), null, { sequence: 4, previous: 'sX', sha256: 's4', full: true }, { bridgeGapWithFull: true })).toMatchObject({ kind: 'fork' });
  });
});

describe('judgeTimes and judgeBundleTimes', () => {
  const now = new Date(T);

  it('expires after its expiry, not at it', () => {
    expect(judgeTimes(at(T - DAY), at(T), now)).toEqual({ ok: true });
    expect(judgeTimes(at(T - DAY), at(T - 1), now)).toEqual({ ok: false, kind: 'expired' });
  });

  it('comes from the future only beyond a day of skew', () => {
    expect(CLOCK_SKEW_MS).toBe(DAY);
    expect(judgeTimes(at(T + DAY), at(T + 2 * DAY), now)).toEqual({ ok: true });
    expect(judgeTimes(at(T + DAY + 1), at(T + 2 * DAY), now)).toEqual({ ok: false, kind: 'future' });
  });

  it('must expire after it was created', () => {
    expect(judgeTimes(at(T), at(T), now)).toEqual({ ok: false, kind: 'inverted' });
    expect(judgeTimes(at(T), at(T - 1), now)).toEqual({ ok: false, kind: 'inverted' });
    expect(judgeTimes(at(T - 1), at(T), now)).toEqual({ ok: true });
    expect(judgeTimes('not a time', at(T), now)).toEqual({ ok: false, kind: 'inverted' });
  });

  it('claims at most 90 days of validity, to the millisecond', () => {
    expect(MAX_VALIDITY_DAYS).toBe(90);
    const created = T - DAY;
    expect(judgeBundleTimes(at(created), at(created + 90 * DAY), now, null)).toEqual({ ok: true });
    expect(judgeBundleTimes(at(created), at(created + 90 * DAY + 1), now, null)).toEqual({ ok: false, kind: 'too-long' });
  });

  it('is created after the last bundle imported, and passes the basic verdicts on', () => {
    const created = T - DAY;
    expect(judgeBundleTimes(at(created), at(T + DAY), now, at(created - 1))).toEqual({ ok: true });
    expect(judgeBundleTimes(at(created), at(T + DAY), now, at(created))).toEqual({ ok: false, kind: 'backwards' });
    expect(judgeBundleTimes(at(created), at(T + DAY), now, at(created + 1))).toEqual({ ok: false, kind: 'backwards' });
    expect(judgeBundleTimes(at(created), at(T - 1), now, null)).toEqual({ ok: false, kind: 'expired' });
    expect(judgeBundleTimes(at(T + 2 * DAY), at(T + 3 * DAY), now, null)).toEqual({ ok: false, kind: 'future' });
  });
});

describe('keyValidAt', () => {
  it('is inclusive at both ends, and open where a bound is null', () => {
    const key = { validFrom: at(T), validUntil: at(T + DAY) };
    expect(keyValidAt(key, at(T))).toBe(true);
    expect(keyValidAt(key, at(T - 1))).toBe(false);
    expect(keyValidAt(key, at(T + DAY))).toBe(true);
    expect(keyValidAt(key, at(T + DAY + 1))).toBe(false);
    expect(keyValidAt({ validFrom: null, validUntil: at(T) }, at(0))).toBe(true);
    expect(keyValidAt({ validFrom: at(T), validUntil: null }, at(T + 1000 * DAY))).toBe(true);
    expect(keyValidAt({ validFrom: null, validUntil: null }, at(T))).toBe(true);
  });
});

describe('judgeAudit', () => {
  const h = (c: string) => c.repeat(64);

  it('finds the link by the recorded length among the others', () => {
    const rec = { entries: 10, head: h('a'), linked: true };
    const links = [
      { entries: 30, hash: h('e') },
      { entries: 10, hash: h('a') },
      { entries: 5, hash: h('f') },
    ];
    expect(judgeAudit(rec, { entries: 40, head: h('c'), links })).toEqual({ ok: true, continuity: 'extends' });
    expect(judgeAudit(rec, { entries: 40, head: h('c'), links: links.filter((l) => l.entries !== 10) })).toEqual({ ok: true, continuity: 'unproven' });
    expect(judgeAudit(rec, { entries: 40, head: h('c'), links: links.filter((l) => l.entries !== 10) }, { adjacent: true })).toMatchObject({ ok: false, kind: 'rewritten' });
    expect(judgeAudit(rec, { entries: 40, head: h('c') })).toEqual({ ok: true, continuity: 'unproven' });
    expect(judgeAudit({ entries: 10, head: h('a') }, { entries: 40, head: h('c') }, { adjacent: true })).toEqual({ ok: true, continuity: 'unproven' });
  });

  it('one entry shorter is shorter; the same length with the same head is the same trail', () => {
    const rec = { entries: 10, head: h('a') };
    expect(judgeAudit(rec, { entries: 9, head: h('a') })).toMatchObject({ ok: false, kind: 'shorter' });
    expect(judgeAudit(rec, { entries: 10, head: h('a') })).toEqual({ ok: true, continuity: 'same' });
    expect(judgeAudit(rec, { entries: 11, head: h('b'), links: [{ entries: 10, hash: h('a') }] })).toEqual({ ok: true, continuity: 'extends' });
  });
});
