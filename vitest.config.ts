import { defineConfig } from 'vitest/config';
import vue from '@vitejs/plugin-vue';
import os from 'node:os';
import path from 'node:path';

export default defineConfig({
  // For test/renderer: components are single-file components. Those tests pick the DOM per file
  // (`// @vitest-environment happy-dom`); everything else stays in node.
  plugins: [vue()],
  test: {
    include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts', 'test/renderer/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    testTimeout: 20_000,
    // Starting a core host runs its worker threads from source (tsx): seconds at a time on a busy 2-core machine.
    hookTimeout: 30_000,
    // Element Plus's per-component style modules import .css, which only Vite can load: processed, not externalised
    // (the renderer registers components with their styles: renderer/src/element.ts).
    server: { deps: { inline: [/element-plus\/es\/components\/[^/]+\/style\//] } },
    // Database keys of the test desks go to a folder of their own, never to the keyring or ~/.local.
    env: { INTAKE_KEYS: process.env.INTAKE_KEYS ?? path.join(os.tmpdir(), 'township-intake-test-keys') },
  },
});
