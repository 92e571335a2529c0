/** Phone numbers as the desk meets them: mobiles (optional +86) and landlines with area code (0564 …). */
export type PhoneKind = 'mobile' | 'landline';

export function parsePhone(raw: string): { ok: true; value: string; kind: PhoneKind } | { ok: false } {
  const s = raw.replace(/[\s\u3000()（）]/g, '');
  const mobile = s.replace(/^(\+86|0086|86)(?=1\d{10}$)/, '').replace(/-/g, '');
  if (/^1[3-9]\d{9}$/.test(mobile)) return { ok: true, value: mobile, kind: 'mobile' };
  const land = /^(0\d{2,3})-?([2-9]\d{6,7})(?:(?:-|转|ext)(\d{1,5}))?$/.exec(s);
  if (land) return { ok: true, value: `${land[1]}-${land[2]}${land[3] ? `-${land[3]}` : ''}`, kind: 'landline' };
  return { ok: false };
}
