import fs from 'node:fs';
import path from 'node:path';
import { openDeskFile } from '../helpers/core.js';
import { test, expect } from '@playwright/test';

/**
 * Runs after the whole desk suite (a Playwright project that depends on it): every data folder the
 * e2e tests used is opened, the ID numbers and phones really registered there are read back, and
 * every log file of that folder is searched for them. None may appear.
 */
test('no ID number or phone registered by the e2e suite appears in clear in any file of a data folder, nor in any log', () => {
  const list = path.resolve('test-results/e2e-data-dirs.txt');
  const dirs = [...new Set(fs.readFileSync(list, 'utf8').split('\n').filter((d) => d && fs.existsSync(path.join(d, 'intake.db'))))];
  expect(dirs.length).toBeGreaterThan(5);
  let secrets = 0;
  let logBytes = 0;
  let files = 0;
  for (const dir of dirs) {
    const db = openDeskFile(dir, { readonly: true });
    const values = [
      ...(db.prepare('SELECT id_number AS v FROM persons WHERE id_number IS NOT NULL').all() as { v: string }[]),
      ...(db.prepare('SELECT phone AS v FROM person_phones').all() as { v: string }[]),
    ].map((r) => r.v);
    db.close();
    secrets += values.length;
    // Every file the desk wrote — database, -wal, -shm, logs, keys, backups, bundles — holds none in clear.
    for (const name of fs.readdirSync(dir, { recursive: true }) as string[]) {
      const file = path.join(dir, name);
      if (!fs.statSync(file).isFile() || name.startsWith(`attachments${path.sep}`)) continue; // attachments are the visitors' own files
      const bytes = fs.readFileSync(file);
      files += 1;
      for (const v of values) expect(bytes.includes(Buffer.from(v)), `${v} found in clear in ${file}`).toBe(false);
    }
    const logDir = path.join(dir, 'logs');
    const logs = fs.existsSync(logDir) ? fs.readdirSync(logDir).map((f) => fs.readFileSync(path.join(logDir, f), 'utf8')) : [];
    for (const text of logs) {
      logBytes += text.length;
      for (const v of values) expect(text.includes(v), `${v} found in a log of ${dir}`).toBe(false);
      // Also anything shaped like a resident ID or a mobile number, registered or not.
      expect(text).not.toMatch(/(?<!\d)\d{17}[\dX](?!\d)/);
      expect(text).not.toMatch(/(?<!\d)1[3-9]\d{9}(?!\d)/);
    }
  }
  console.log(`privacy: ${dirs.length} data folders, ${files} files (database, WAL, logs, backups, exports) searched byte by byte`);
  console.log(`privacy: ${dirs.length} data folders, ${secrets} ID numbers and phones, ${logBytes} bytes of logs searched`);
  expect(secrets).toBeGreaterThan(10);
  expect(logBytes).toBeGreaterThan(1000); // the writes were logged: the search had something to search
});
