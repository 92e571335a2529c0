/**
 * An attachment's name as the desk shows it: never a path, no control or direction characters, not a
 * device name Windows reserves, at most 100 characters with its extension kept. The file itself is
 * stored by its SHA-256; this is only the name people read.
 */
const RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$/i;
// eslint-disable-next-line no-control-regex -- removing control characters is the point
const UNSAFE = /[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069<>:"|?*]/g;
const MAX = 100;

export function safeFileName(raw: string): string {
  const base = raw.split(/[/\\]/).pop() ?? '';
  let name = base.replace(UNSAFE, '').replace(/^[.\s]+|[.\s]+$/g, '');
  if (name === '') return '附件';
  if (RESERVED.test(name)) name = `_${name}`;
  if ([...name].length > MAX) {
    const dot = name.lastIndexOf('.');
    const ext = dot > 0 && name.length - dot <= 10 ? name.slice(dot) : '';
    name = [...name.slice(0, name.length - ext.length)].slice(0, MAX - ext.length).join('') + ext;
  }
  return name;
}
