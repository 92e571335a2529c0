/**
 * The modules a file loads when it is imported: its static imports and re-exports, followed through
 * the project's own files (.ts, and the <script> blocks of .vue). Type-only imports and dynamic
 * import() are left out, since neither loads anything at start: that is the point of the tests that
 * use this — what the core's start (test/unit/core-startup.test.ts) or the first screen
 * (test/renderer/element-registry.test.ts) pulls in.
 */
import fs from 'node:fs';
import path from 'node:path';

const STATIC = /^\s*(?:import|export)\s+(?!type\b)(?:[^'"`;]*?\sfrom\s*)?['"]([^'"]+)['"]/gm;

/** The specifiers a source text loads statically. */
export function staticSpecifiers(src: string): string[] {
  return [...src.matchAll(STATIC)].map((m) => m[1]!);
}

/** A file's code: a .vue file's script blocks, anything else as it is. */
function codeOf(file: string): string {
  const src = fs.readFileSync(file, 'utf8');
  return file.endsWith('.vue') ? [...src.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]).join('\n') : src;
}

/** A relative specifier as the file on disk (`./a.js` is `./a.ts` in the source); one that names nothing is a broken import. */
function resolveLocal(from: string, spec: string): string {
  const base = path.resolve(path.dirname(from), spec);
  const candidates = [base, base.replace(/\.js$/, '.ts'), `${base}.ts`, `${base}.vue`, path.join(base, 'index.ts')];
  const found = candidates.find((c) => fs.existsSync(c) && fs.statSync(c).isFile());
  if (!found) throw new Error(`${from}: cannot resolve ${spec}`);
  return found;
}

/**
 * Every project file (under `within`, if given) and every bare specifier ('exceljs',
 * 'element-plus/es/components/button/style/css') reached statically from the entries.
 */
export function staticClosure(entries: readonly string[], opts: { within?: string } = {}): { files: Set<string>; bare: Set<string> } {
  const files = new Set<string>();
  const bare = new Set<string>();
  const queue = [...entries];
  while (queue.length) {
    const file = queue.pop()!;
    if (files.has(file)) continue;
    files.add(file);
    if (!/\.(ts|vue)$/.test(file)) continue; // a stylesheet or JSON: loaded, and no imports of its own
    for (const spec of staticSpecifiers(codeOf(file))) {
      if (!spec.startsWith('.')) {
        bare.add(spec);
        continue;
      }
      const target = resolveLocal(file, spec);
      if (!opts.within || target.startsWith(opts.within + path.sep)) queue.push(target);
    }
  }
  return { files, bare };
}

/** Whether a bare specifier is the package or one of its subpaths. */
export const isPackage = (spec: string, name: string): boolean => spec === name || spec.startsWith(`${name}/`);
