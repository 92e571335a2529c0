/**
 * The desktop app started for a county folder (`--county DIR`, issue 17): Electron's utility process
 * starts the host from its start options, and with `county` set that host is the county workstation,
 * not a township desk, its staff database key kept by the shell (safeStorage) through the relay.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { initCounty } from '../../core/bundle/county.js';
import { startHost } from '../../core/host/utility-entry.js';
import type { CoreClient } from '../../core/host/client.js';
import { STAFF_FOLDER } from '../../core/store/data-dir.js';
import { tempDir } from '../helpers/core.js';
import { T0 } from '../helpers/bundle.js';

let client: CoreClient | null = null;
afterEach(async () => {
  await client?.close();
  client = null;
});

const methods = async (c: CoreClient) => {
  const caps = await c.call(null, 'system.capabilities', {});
  if (!caps.ok) throw new Error(caps.code);
  return Object.keys(caps.value as object);
};

describe("the app's host for a county folder", () => {
  it('is the county workstation, and hands the staff database key to the shell to keep', async () => {
    const dir = path.join(tempDir('intake-county-app-'), 'county');
    await initCounty(dir, { clock: { now: () => new Date(T0) } });
    const kept = new Map<string, string | null>();
    client = await startHost({ dataDir: dir, county: {}, clock: { kind: 'fixed', at: T0 }, secrets: {}, secretsUnavailable: null }, { onSecret: (n, s) => kept.set(n, s) });
    const names = await methods(client);
    expect(names).toContain('county.standing');
    expect(names).not.toContain('visits.register');
    // The staff's desk database, encrypted under a key the shell keeps (not a plain file in the folder).
    expect(fs.existsSync(path.join(dir, STAFF_FOLDER, 'intake.db'))).toBe(true);
    expect([...kept.values()].some((s) => typeof s === 'string' && s.length > 0)).toBe(true);
    // First start: the page offers to create the county's first admin.
    const status = await client.call(null, 'auth.status', {});
    expect(status).toMatchObject({ ok: true, value: { hasUsers: false } });
  }, 60_000);

  it('without county options is a township desk', async () => {
    client = await startHost({ dataDir: tempDir('intake-desk-app-'), township: 'ZMQ', clock: { kind: 'fixed', at: T0 }, logLevel: 'silent', readers: 1 }, {});
    const names = await methods(client);
    expect(names).toContain('visits.register');
    expect(names).not.toContain('county.standing');
  }, 60_000);
});
