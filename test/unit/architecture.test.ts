// The shape ARCHITECTURE.md asks for, checked on the source itself (the lint rule checks the arrows;
// these check what a lint rule cannot see across files).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { contract } from '../../core/api/contract/index.js';
import { handlers } from '../../core/api/handler-table.js';
import { SETTINGS } from '../../core/store/settings.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const handlersDir = path.join(root, 'core/api/handlers');
const contractDir = path.join(root, 'core/api/contract');

function tsFiles(dir: string, endings: readonly string[] = ['.ts']): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    return d.isDirectory() ? tsFiles(p, endings) : endings.some((e) => d.name.endsWith(e)) ? [p] : [];
  });
}

/** Every module specifier a file names: static, re-export, dynamic and type-position imports. */
function specifiers(file: string): string[] {
  const src = fs.readFileSync(file, 'utf8');
  const re = /(?:from\s*|import\s*\(\s*|import\s+)['"]([^'"]+)['"]/g;
  return [...src.matchAll(re)].map((m) => m[1]!);
}

const namespaces = [...new Set(Object.keys(contract).map((m) => m.split('.')[0]!))].sort();

describe('handlers are leaves', () => {
  it.each(fs.readdirSync(handlersDir).filter((f) => f.endsWith('.ts')))('%s imports no other handler file', (name) => {
    const file = path.join(handlersDir, name);
    const intoHandlers = specifiers(file)
      .filter((s) => s.startsWith('.'))
      .map((s) => path.resolve(path.dirname(file), s))
      .filter((target) => target.startsWith(handlersDir + path.sep));
    expect(intoHandlers).toEqual([]);
  });

  it('has one handler file and one contract file per namespace, with matching names', () => {
    const handlerFiles = fs.readdirSync(handlersDir).filter((f) => f.endsWith('.ts')).map((f) => f.slice(0, -3)).sort();
    const contractFiles = fs.readdirSync(contractDir).filter((f) => f.endsWith('.ts') && !['index.ts', 'spec.ts', 'steps.ts', 'facts.ts'].includes(f)).map((f) => f.slice(0, -3)).sort();
    expect(handlerFiles).toEqual(namespaces);
    expect(contractFiles).toEqual(namespaces);
    expect(Object.keys(handlers).sort()).toEqual(Object.keys(contract).sort());
  });

  it('every method declares a Chinese label', () => {
    const unlabelled = Object.entries(contract).filter(([, spec]) => !/\p{Script=Han}/u.test(spec.label)).map(([m]) => m);
    expect(unlabelled).toEqual([]);
  });
});

describe('settings', () => {
  it('no settings key appears as a string literal outside core/store/settings.ts', () => {
    const keys = Object.values(SETTINGS).map((s) => s.key);
    const offenders: string[] = [];
    for (const dir of ['core', 'electron', 'bench']) {
      for (const file of tsFiles(path.join(root, dir))) {
        // Migrations are frozen in time: they name the keys as they were when written.
        if (file.endsWith(path.join('core', 'store', 'settings.ts')) || file.includes(path.join('core', 'store', 'migrations'))) continue;
        const src = fs.readFileSync(file, 'utf8');
        for (const key of keys) if (src.includes(`'${key}'`) || src.includes(`"${key}"`)) offenders.push(`${path.relative(root, file)}: ${key}`);
      }
    }
    expect(offenders).toEqual([]);
  });
});

describe('Chinese everywhere', () => {
  it('every error code and every event type has a Chinese label next to its definition', async () => {
    const { ERROR_MESSAGES } = await import('../../core/kernel/errors.js');
    const { EVENT_LABELS } = await import('../../core/domain/case-events.js');
    const han = /\p{Script=Han}/u;
    expect(Object.entries(ERROR_MESSAGES).filter(([, m]) => !han.test(m.zh) || m.en.trim() === '').map(([c]) => c)).toEqual([]);
    expect(Object.entries(EVENT_LABELS).filter(([, l]) => !han.test(l)).map(([t]) => t)).toEqual([]);
  });

  it('every notice kind is named in Chinese in the core, once, and the renderer keeps no list of its own', async () => {
    const { NOTICE_KINDS, NOTICE_LABELS } = await import('../../core/domain/notices.js');
    const han = /\p{Script=Han}/u;
    expect(NOTICE_KINDS.filter((k) => !han.test(NOTICE_LABELS[k] ?? ''))).toEqual([]);
    const copies = tsFiles(path.join(root, 'renderer/src'), ['.ts', '.vue'])
      .filter((f) => Object.values(NOTICE_LABELS).filter((l) => fs.readFileSync(f, 'utf8').includes(`'${l}'`)).length > 1);
    expect(copies.map((f) => path.relative(root, f))).toEqual([]);
  });
});
