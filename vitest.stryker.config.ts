import { defineConfig } from 'vitest/config';
import vue from '@vitejs/plugin-vue';

/**
 * The tests Stryker runs against mutants (stryker.config.mjs). The same tests as `npm test`'s unit
 * run, without the ones that cannot see a mutant or do not test a rule:
 *  - tests whose code under test runs in another process (a spawned `intake`, a worker-thread core, the
 *    crash harness's child writers): Stryker activates a mutant in its own process only, so there they
 *    only cost time;
 *  - the repository's static checks (lint boundaries, architecture, packaging);
 *  - the backup tests, which time steps between the desk's writes (backup and restore are not mutated).
 * test/renderer runs only when the renderer's code is mutated (the `renderer` group of
 * stryker.config.mjs), and then only it. Within these, Stryker's vitest runner runs only the files related
 * to the mutated module (vitest `related`) and, per mutant, only the tests that covered it (perTest).
 */
const renderer = process.env.STRYKER_GROUP === 'renderer';

/**
 * Groups whose code every call passes through: perTest coverage finds nearly the whole suite behind each of their
 * mutants (the dispatch group was estimated at 37 hours), so they run only the tests written about them. A mutant
 * that survives here may still be killed by another test of the suite: the score is a lower bound.
 */
const FOCUSED: Record<string, string[]> = {
  dispatch: [
    'test/unit/core/{dispatch,dispatch-checks,session,auth,role-walk,permissions,capabilities,reveal,tx-effects,setup-code}.test.ts',
    'test/integration/permissions.test.ts',
  ],
  // Everything uses the domain's rules; the seed tests alone (300 persons each) made a full run take two hours. The
  // tests that state the rules, directly or through the calls that apply them:
  domain: [
    'test/unit/domain/*.test.ts',
    'test/unit/core/{idcard,legal-dates,phone-masking,permissions,role-walk,capabilities,reveal,session,auth,lifecycle,evaluation-lifecycle,registration-rules,registration-details,chinese-labels,leader-day,stats-figures,stats-warnings,national-record,matter-list-search}.test.ts',
    'test/unit/known-answers.test.ts',
    'test/unit/bundle/keys.test.ts',
    'test/unit/store/migration-014.test.ts',
  ],
  // Nearly every test registers a visit to set itself up: run the ones about registration and attachments.
  registration: [
    'test/unit/core/{registration,registration-rules,registration-details,tx-effects,intake-channels,national-record}.test.ts',
    'test/unit/durability.test.ts',
    'test/unit/store/attachments.test.ts',
    'test/integration/upload.test.ts',
  ],
};
const focused = FOCUSED[process.env.STRYKER_GROUP ?? ''];

// Not mergeConfig(vitest.config): it concatenates `include`. The same settings, other files.
export default defineConfig({
  plugins: [vue()],
  test: {
    environment: 'node',
    pool: 'forks', // Stryker's runner replaces it with one thread
    testTimeout: 60_000, // a shared 2-core machine under load
    include: focused ?? (renderer ? ['test/renderer/**/*.test.ts'] : ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts']),
    exclude: [
      '**/node_modules/**',
      'test/e2e/**',
      'test/integration/cli.test.ts',
      'test/integration/core-host.test.ts',
      'test/integration/crash.test.ts',
      'test/integration/http-shell.test.ts',
      'test/integration/reader-pool.test.ts',
      // Backups: timing-sensitive (steps between the desk's writes), and backup.ts is not mutated.
      'test/integration/backup.test.ts',
      'test/unit/core/backup-job.test.ts',
      'test/unit/architecture.test.ts',
      'test/unit/lint-boundaries.test.ts',
      'test/unit/packaging.test.ts',
    ],
  },
});
