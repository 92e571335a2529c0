/**
 * The modules a file loads when it is imported: its static imports and re-exports, followed through
 * the project's own files. Type-only imports and dynamic import() are left out, since neither loads
 * anything at start: that is the point of the tests that use this (what a first screen or the core's
 * start pulls in).
 */
import fs from 'node:fs';
import path from 'node:path';

const STATIC = /^\s*(?:import|export)\s+(?!type\b)(?:[^'"`;]*?\sfrom\s*)?['"]([^'"]+)['"]/gm;

/** The specifiers a source file loads statically. */
export function staticSpecifiers(src: string): string[] {
  return [...src.matchAll(STATIC)].map((m) => m[1]!);
}

/** A relative specifier as a file on disk (`./a.js` is `./a.ts` in the source), or null if none. */
function resolveLocal(from: string, spec: string): string | null {
  const base = path.resolve(path.dirname(from), spec);
  const candidates = [base, base.replace(/\.js$/, '.ts'), `${base}.ts`, path.join(base, 'index.ts')];
  return candidates.find((c) => fs.existsSync(c) && fs.statSync(c).isFile()) ?? null;
}

/** The package a bare specifier names: 'exceljs', '@scope/pkg' (not its subpath). */
const packageOf = (spec: string): string => (spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!);

/** Every project file and package reached statically from the entries. */
export function staticClosure(entries: readonly string[], source: (file: string) => string = (f) => fs.readFileSync(f, 'utf8')): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const queue = [...entries];
  while (queue.length) {
    const file = queue.pop()!;
    if (files.has(file)) continue;
    files.add(file);
    for (const spec of staticSpecifiers(source(file))) {
      if (!spec.startsWith('.')) {
        packages.add(packageOf(spec));
        continue;
      }
      const target = resolveLocal(file, spec);
      if (target && /\.(ts|vue)$/.test(target)) queue.push(target);
    }
  }
  return { files, packages };
}
