// The core starts without loading what only an export needs: exceljs alone is seconds of module
// loading on a desk PC, before the first search can run.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isPackage, staticClosure, staticSpecifiers } from '../helpers/import-graph.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

describe("the core's start-up imports", () => {
  it('reads static imports and re-exports, not type-only or dynamic ones', () => {
    const src = [
      "import a from 'a';",
      "import { b,\n  c } from './b.js';",
      "import type { T } from 't';",
      "export { d } from './d.js';",
      "export type { U } from 'u';",
      "import 'side-effect';",
      "const lazy = await import('lazy');",
    ].join('\n');
    expect(staticSpecifiers(src)).toEqual(['a', './b.js', './d.js', 'side-effect']);
  });

  it('does not load exceljs until a workbook is asked for', () => {
    // The core's hosts: the app's utility process, its worker threads, the browser-mode server, the county's.
    const entries = ['core/host/utility-entry.ts', 'core/host/worker-entry.ts', 'core/http/serve.ts', 'core/host/county-host.ts'].map((f) => path.join(root, f));
    const { files, bare } = staticClosure(entries);
    // The closure really is the core: the handlers and the store are in it.
    for (const f of ['core/api/handlers/stats.ts', 'core/services/county.ts']) expect([...files]).toContain(path.join(root, f));
    expect(bare.has('better-sqlite3-multiple-ciphers')).toBe(true);
    expect([...bare].filter((s) => isPackage(s, 'exceljs'))).toEqual([]);
  });
});
