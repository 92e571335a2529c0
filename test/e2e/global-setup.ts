import fs from 'node:fs';

/** A fresh list of e2e data folders for the privacy check that runs last. */
export default function globalSetup(): void {
  fs.rmSync('test-results/e2e-data-dirs.txt', { force: true });
}
