/**
 * The renderer's initial load as the built index.html asks for it: the entry script, its
 * <link rel="modulepreload"> chunks (Vite lists the entry's static imports there) and its
 * stylesheets, raw and gzip. What a lazy route loads later is not counted.
 */
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

export interface BundleSizes {
  js: { files: number; raw: number; gzip: number };
  css: { files: number; raw: number; gzip: number };
}

const attr = (tag: string, name: string) => new RegExp(`\\b${name}\\s*=\\s*["']([^"']+)["']`).exec(tag)?.[1];

export function initialBundle(outDir: string): BundleSizes {
  const html = fs.readFileSync(path.join(outDir, 'index.html'), 'utf8');
  const js = new Set<string>();
  const css = new Set<string>();
  for (const tag of html.match(/<(script|link)\b[^>]*>/g) ?? []) {
    if (tag.startsWith('<script') && attr(tag, 'type') === 'module' && attr(tag, 'src')) js.add(norm(attr(tag, 'src')!));
    if (tag.startsWith('<link')) {
      const rel = attr(tag, 'rel');
      const href = attr(tag, 'href');
      if (href && rel === 'modulepreload') js.add(norm(href));
      if (href && rel === 'stylesheet') css.add(norm(href));
    }
  }
  // The entry chunk's own static imports, in case a chunk is not in a modulepreload link.
  const queue = [...js];
  while (queue.length) {
    const file = queue.pop()!;
    const text = fs.readFileSync(path.join(outDir, file), 'utf8');
    for (const m of text.matchAll(/(?:^|[;}\n])\s*import\s*(?:[\w*{}\s,$]+from\s*)?["'](\.\.?\/[^"']+\.js)["']/g)) {
      const rel = path.posix.join(path.posix.dirname(file), m[1]!);
      if (!js.has(rel)) { js.add(rel); queue.push(rel); }
    }
  }
  const sum = (files: Set<string>) => {
    let raw = 0, gzip = 0;
    for (const f of files) {
      const b = fs.readFileSync(path.join(outDir, f));
      raw += b.length;
      gzip += gzipSync(b).length;
    }
    return { files: files.size, raw, gzip };
  };
  return { js: sum(js), css: sum(css) };
}

const norm = (href: string) => path.posix.normalize(href.replace(/^\.?\//, ''));
