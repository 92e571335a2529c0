import { describe, expect, it } from 'vitest';
import shipped from '../../../resources/notices/templates.json' with { type: 'json' };
import { NOTICE_KINDS, addressee, fillLine, fillTemplate, formatDocNo, strayBraces, unknownPlaceholders, type NoticeTemplate } from '../../../core/domain/notices.js';

describe('notice templates', () => {
  it('the shipped templates use only the placeholders their kind knows', () => {
    for (const k of NOTICE_KINDS) {
      const t = (shipped as unknown as Record<string, NoticeTemplate>)[k]!;
      expect([k, unknownPlaceholders(k, t), strayBraces(t)]).toEqual([k, [], false]);
    }
  });

  it('refuses a rewording with a placeholder its kind has no fact for, or a stray brace', () => {
    const t = { title: '信访事项受理告知书', body: ['{persons}：', '{you}的事项已于{acceptedDate}受理，由{unit}办理，{handler}负责。'] };
    expect(unknownPlaceholders('accept', t)).toEqual(['unit', 'handler']);
    expect(unknownPlaceholders('transfer', t)).toEqual(['acceptedDate', 'handler']);
    expect(strayBraces({ title: 'x', body: ['{caseNo'] })).toBe(true);
    expect(strayBraces({ title: 'x', body: ['{caseNo}'] })).toBe(false);
  });

  it('你 for one person, 你们 for more', () => {
    expect([addressee(1), addressee(2), addressee(6)]).toEqual(['你', '你们', '你们']);
  });

  it('folds a value’s own closing punctuation into the template’s', () => {
    expect(fillLine('因{reason}，经{approver}批准', { reason: '需县自然资源局复核。', approver: '镇长' })).toBe('因需县自然资源局复核，经镇长批准');
    expect(fillLine('三、处理意见：{decision}。', { decision: '予以补发。' })).toBe('三、处理意见：予以补发。');
    // A line whose only value is empty is dropped, not printed as a lone "。".
    expect(fillTemplate({ title: 't', body: ['a', '{reason}。', 'b'] }, { reason: '' }).body).toEqual(['a', 'b']);
    expect(fillTemplate({ title: 't', body: ['事实和理由：{facts}。', '诉求：{request}。'] }, { facts: ' ', request: '补偿' }).body).toEqual(['诉求：补偿。']);
  });

  it('writes the 文号 as GB/T 9704 does', () => {
    expect(formatDocNo('张信受', 2026, 12)).toBe('张信受〔2026〕12号');
  });
});
