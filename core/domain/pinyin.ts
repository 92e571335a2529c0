import { pinyin } from 'pinyin-pro';

/** Pinyin initials of a name, surnames read as surnames (单 → s, 曾 → z): '张三' → 'zs'. */
export function nameInitials(name: string): string {
  return pinyin(name, { pattern: 'first', toneType: 'none', surname: 'head', type: 'array' })
    .join('')
    .toLowerCase()
    .replace(/[^a-z]/g, '');
}
