// @vitest-environment happy-dom
/**
 * Element Plus is registered per component (renderer/src/element.ts for the first screen, element-rest.ts for the
 * rest), no longer as a whole: a tag nobody registered renders as an unknown element, silently. So every el-* tag
 * and v-loading of the renderer must be in one of the two lists, and what the first screen loads statically
 * (main.ts and its imports, not the lazy routes) must find all of its own in element.ts.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { camelize, capitalize, createApp, type App } from 'vue';
import { FIRST_SCREEN_SERVICES, installFirstScreen } from '../../renderer/src/element';
import { REST_SERVICES, installRest } from '../../renderer/src/element-rest';
import { staticClosure } from '../helpers/import-graph';

const SRC = path.resolve(import.meta.dirname, '../../renderer/src');
const rel = (file: string) => path.relative(SRC, file).split(path.sep).join('/');

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? filesUnder(p) : [p];
  });
}
const SOURCES = filesUnder(SRC).filter((f) => /\.(ts|vue)$/.test(f));
const VUE_FILES = SOURCES.filter((f) => f.endsWith('.vue'));

/** What a file uses of Element Plus in its template: component names as registered (ElDatePicker) and directives. */
function used(file: string): { components: string[]; directives: string[] } {
  const src = fs.readFileSync(file, 'utf8');
  const kebab = [...src.matchAll(/<(el-[a-z0-9-]+)/g)].map((m) => capitalize(camelize(m[1]!)));
  const pascal = [...src.matchAll(/<(El[A-Z][A-Za-z]*)/g)].map((m) => m[1]!);
  const directives = /\sv-loading[\s.=>]/.test(src) ? ['loading'] : [];
  return { components: [...new Set([...kebab, ...pascal])], directives };
}

/** main.ts and everything it imports statically, inside the renderer, with the packages they name. */
const firstScreenClosure = (): { files: Set<string>; packages: Set<string> } => {
  const { files, bare } = staticClosure([path.join(SRC, 'main.ts')], { within: SRC });
  return { files, packages: bare };
};

const registered = (app: App) => ({
  components: new Set(Object.keys(app._context.components)),
  directives: new Set(Object.keys(app._context.directives)),
});
const firstApp = createApp({});
installFirstScreen(firstApp);
const first = registered(firstApp);
const fullApp = createApp({});
installFirstScreen(fullApp);
installRest(fullApp);
const all = registered(fullApp);

describe('Element Plus, registered per component', () => {
  it('registers every el-* tag and v-loading the renderer uses, in element.ts or element-rest.ts', () => {
    const missing: string[] = [];
    let tags = 0;
    for (const file of VUE_FILES) {
      const u = used(file);
      tags += u.components.length;
      for (const c of u.components) if (!all.components.has(c)) missing.push(`${rel(file)}: ${c}`);
      for (const d of u.directives) if (!all.directives.has(d)) missing.push(`${rel(file)}: v-${d}`);
    }
    expect(tags).toBeGreaterThan(50); // the scan sees the templates
    expect(missing).toEqual([]);
  });

  it('draws the first screen with element.ts alone', () => {
    const { files, packages } = firstScreenClosure();
    const names = [...files].map(rel);
    // The scan follows main.ts → App.vue → router.ts → 登记 and stops at the lazy routes.
    expect(names).toEqual(expect.arrayContaining(['main.ts', 'App.vue', 'router.ts', 'pages/register/Register.vue', 'pages/SignIn.vue']));
    expect(names.filter((f) => f.startsWith('pages/') && f.endsWith('.vue')).sort()).toEqual(['pages/SignIn.vue', 'pages/register/Register.vue']);
    expect(names).not.toContain('element-rest.ts');
    expect([...packages].filter((p) => p.startsWith('element-plus/dist') || p === 'element-plus/theme-chalk/index.css')).toEqual([]);

    const missing: string[] = [];
    for (const file of files) {
      if (!file.endsWith('.vue')) continue;
      const u = used(file);
      for (const c of u.components) if (!first.components.has(c)) missing.push(`${rel(file)}: ${c}`);
      for (const d of u.directives) if (!first.directives.has(d)) missing.push(`${rel(file)}: v-${d}`);
    }
    expect(missing).toEqual([]);
  });

  it('installs every Element Plus service a file imports, the first screen’s in element.ts', () => {
    const services = (file: string) => {
      const src = fs.readFileSync(file, 'utf8');
      return [...src.matchAll(/^\s*import\s+\{([^}]*)\}\s+from\s+['"]element-plus['"]/gm)]
        .flatMap((m) => m[1]!.split(','))
        .map((s) => s.trim())
        .filter((s) => /^El[A-Z]/.test(s) && !all.components.has(s));
    };
    const { files } = firstScreenClosure();
    const missing: string[] = [];
    for (const file of SOURCES) {
      if (/\/element(-rest)?\.ts$/.test(file)) continue;
      for (const s of services(file)) {
        const inFirst = s in FIRST_SCREEN_SERVICES;
        if (!inFirst && !(s in REST_SERVICES)) missing.push(`${rel(file)}: ${s}`);
        else if (files.has(file) && !inFirst) missing.push(`${rel(file)} (first screen): ${s} only in element-rest.ts`);
      }
    }
    expect(missing).toEqual([]);
  });
});
