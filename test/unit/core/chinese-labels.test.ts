// Chinese everywhere (issue 14, item 8): every error code, event type, case state, audit action and
// outcome, and contract method has a Chinese label declared next to its definition. A new code, event
// or method without one (or with English in it) fails here.
import { describe, expect, it } from 'vitest';
import { ERROR_MESSAGES, type ErrorCode } from '../../../core/kernel/errors.js';
import { EVENT_LABELS, type EventType } from '../../../core/domain/case-events.js';
import { STATE_LABELS } from '../../../core/domain/case-state.js';
import { PERMISSIONS } from '../../../core/domain/permissions.js';
import { contract, METHOD_NAMES } from '../../../core/api/contract/index.js';
import { auditActionLabel, auditOutcomeLabel, auditTargetLabel } from '../../../core/api/handlers/audit.js';
import { methodFacts } from '../../../core/api/contract/facts.js';

const HAN = /\p{Script=Han}/u;
/**
 * What may stand in Latin letters inside Chinese text: units and formats people read as such (MB,
 * YYYY-MM-DD), the X of an ID number, the age1 prefix of an age key, the national algorithm names.
 */
const ALLOWED_LATIN = new Set(['MB', 'KB', 'X', 'XXXX', 'YYYY', 'MM', 'DD', 'age1', 'SM2', 'SM3', 'SM4', 'ID']);
const englishIn = (s: string): string[] => (s.match(/[A-Za-z][A-Za-z0-9]*/g) ?? []).filter((w) => !ALLOWED_LATIN.has(w));

function expectChinese(what: string, label: string | undefined): void {
  expect(label, `${what} has no label`).toBeTruthy();
  expect(HAN.test(label!), `${what}: "${label}" is not Chinese`).toBe(true);
  expect(englishIn(label!), `${what}: "${label}" has English in it`).toEqual([]);
}

describe('Chinese labels', () => {
  it('every error code has a Chinese message', () => {
    const codes = Object.keys(ERROR_MESSAGES) as ErrorCode[];
    expect(codes.length).toBeGreaterThan(100);
    for (const code of codes) expectChinese(`error ${code}`, ERROR_MESSAGES[code].zh);
  });

  it('every event type and case state has a Chinese label', () => {
    const types = Object.keys(EVENT_LABELS) as EventType[];
    expect(types).toEqual(expect.arrayContaining(['register', 'accept', 'reply', 'close', 'reception', 'instruction', 'correct']));
    for (const t of types) expectChinese(`event ${t}`, EVENT_LABELS[t]);
    for (const [state, label] of Object.entries(STATE_LABELS)) expectChinese(`state ${state}`, label);
    for (const [p, label] of Object.entries(PERMISSIONS)) expectChinese(`permission ${p}`, label);
  });

  it('every contract method has a Chinese label, and the renderer reads the same one', () => {
    const facts = methodFacts(contract);
    for (const m of METHOD_NAMES) {
      expectChinese(`method ${m}`, contract[m].label);
      expect(facts[m]?.label).toBe(contract[m].label);
    }
  });

  it('every audit action and outcome reads in Chinese, unknown ones too', () => {
    for (const m of METHOD_NAMES) expectChinese(`audit action ${m}`, auditActionLabel(m));
    for (const code of [...Object.keys(ERROR_MESSAGES), 'ok']) expectChinese(`audit outcome ${code}`, auditOutcomeLabel(code));
    expectChinese('an action no method carries', auditActionLabel('legacy.removed'));
    expectChinese('an outcome no code carries', auditOutcomeLabel('SOMETHING_OLD'));
    for (const t of ['matter:12', 'person:3', 'user:1', 'event:9', 'project:2', 'village:5', 'leader:1', 'instruction:4', 'other:1']) expectChinese(`audit target ${t}`, auditTargetLabel(t));
    expect(auditTargetLabel('matter:12')).toBe('信访事项 12');
    // Mutation guard: the label is the method's own, not a generic word.
    expect(auditActionLabel('matters.step')).toBe('事项办理');
    expect(auditOutcomeLabel('INQUIRY_INCOMPLETE')).toBe(ERROR_MESSAGES.INQUIRY_INCOMPLETE.zh);
  });

  it('the check itself catches English', () => {
    expect(englishIn('Invalid input')).toEqual(['Invalid', 'input']);
    expect(englishIn('单个附件不能超过 20 MB')).toEqual([]);
    expect(() => expectChinese('x', 'matters.step')).toThrow();
  });
});
