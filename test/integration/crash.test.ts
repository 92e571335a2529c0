import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/core.js';
import { runCrashRounds } from '../helpers/crash-harness.js';

/**
 * Crash safety: 200 times, a child process running the core registers visits through
 * core.call('visits.register', …) and is SIGKILLed at a random moment; after each kill the
 * database must pass integrity_check and hold every registration the child acknowledged.
 * CRASH_ROUNDS overrides the count (`npm run bench` runs more through bench/crash.ts).
 */
const ROUNDS = Number(process.env.CRASH_ROUNDS ?? 200);

describe('crash safety', () => {
  it(`loses no acknowledged registration over ${ROUNDS} SIGKILLs`, { timeout: 240_000 }, async () => {
    const report = await runCrashRounds({ rounds: ROUNDS, maxDelayMs: 80, dataDir: tempDir('intake-crash-') });
    console.log(
      `crash: ${report.rounds} rounds in ${(report.wallMs / 1000).toFixed(1)} s (${report.driver} driver), ` +
        `${report.acks} acknowledged registrations, ${report.killedBeforeFirstAck} kills before the first, ` +
        `${report.matters} matters / ${report.visits} visits / ${report.attachments} attachments in the database`,
    );
    expect(report.failures).toEqual([]);
    expect(report.rounds).toBe(ROUNDS);
    expect(report.naks).toBe(0);
    if (ROUNDS >= 50) {
      // The kills really land mid-stream, and some during start-up and the first commit.
      expect(report.acks).toBeGreaterThan(ROUNDS);
      expect(report.killedBeforeFirstAck).toBeGreaterThan(0);
    }
    expect(report.visits).toBeGreaterThanOrEqual(report.acks);
  });
});
