import fs from 'node:fs';
import path from 'node:path';
import { STORAGE_STATE } from './server.js';

/** A fresh list of e2e data folders for the privacy check that runs last, and no page cookies yet. */
export default function globalSetup(): void {
  fs.rmSync('test-results/e2e-data-dirs.txt', { force: true });
  fs.mkdirSync(path.dirname(STORAGE_STATE), { recursive: true });
  fs.writeFileSync(STORAGE_STATE, JSON.stringify({ cookies: [], origins: [] }));
}
