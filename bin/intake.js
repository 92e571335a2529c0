#!/usr/bin/env node
// The `intake` command. The CLI is TypeScript compiled to out/node by `npm run build`.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = new URL('../out/node/core/cli/main.js', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  console.error('intake: not built yet; run `npm run build` in the project folder first');
  process.exit(1);
}
await import(entry.href);
