import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';

// The renderer is one static build served by both shells: app:// in Electron, loopback HTTP in
// browser mode. Relative base so the same files work under either origin.
export default defineConfig({
  root: fileURLToPath(new URL('./renderer', import.meta.url)),
  base: './',
  plugins: [vue()],
  build: {
    outDir: fileURLToPath(new URL('./out/renderer', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
    sourcemap: false,
    rolldownOptions: {
      output: {
        // What the first screen loads statically is one chunk (and one stylesheet), not some thirty: the browser fetches
        // six at a time from the loopback shell, and each round trip came before the first screen (issue #19). Lazy pages
        // still come in chunks of their own.
        codeSplitting: { groups: [{ name: 'first-screen', tags: ['$initial'] }] },
      },
    },
  },
});
