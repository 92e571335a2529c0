// Mutation testing (issue 20): StrykerJS 9.x with the vitest runner and the TypeScript checker.
// `npm run mutate` runs every module group of stryker.groups.mjs, one Stryker run each (scripts/mutate.mjs), and prints
// the score per file and every surviving mutant; `npm run mutate -- audit bundle` runs some groups;
// `npm run mutate:incremental` reuses the last results of each group (reports/mutation/<group>.incremental.json).
// Not part of `npm test`: run it before resolving an issue that changes these modules.
// Survivors no test can kill are listed, each with its reason, in stryker.equivalents.md.

import { GROUPS } from './stryker.groups.mjs';


// One group per run (scripts/mutate.mjs sets it): `STRYKER_GROUP=audit npx stryker run` by hand.
const group = process.env.STRYKER_GROUP ?? '';
if (!(group in GROUPS)) {
  throw new Error(`STRYKER_GROUP must name a mutation group (${Object.keys(GROUPS).join(', ')}); npm run mutate runs them all`);
}

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  packageManager: 'npm',
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.stryker.config.ts', related: true },
  // The renderer is type-checked with its own (bundler-resolution) project; the core with the node one.
  checkers: ['typescript'],
  tsconfigFile: group === 'renderer' ? 'tsconfig.stryker-web.json' : 'tsconfig.node.json',
  typescriptChecker: { prioritizePerformanceOverAccuracy: true },
  // Mutants in diagnostic text only (stryker.ignorers.mjs; stryker.equivalents.md says why).
  appendPlugins: ['./stryker.ignorers.mjs'],
  ignorers: ['intake-diagnostics'],
  // Per-test coverage: each mutant runs only the tests that reached it.
  coverageAnalysis: 'perTest',
  // The machine is shared: one test runner (and one checker) at a time.
  concurrency: 1,
  // A busy machine makes a slow test look like an endless loop: be generous before calling it a timeout.
  timeoutMS: 15000,
  timeoutFactor: 2,
  dryRunTimeoutMinutes: 20,
  // A static mutant (module-level code: the zod schemas and limits of manifest.ts, the magic bytes) can only
  // be tested by re-running every related test; for the bundle groups that is hours on this machine. There
  // they are skipped (reported as Ignored); the known-answer and refusal tests pin those constants.
  ignoreStatic: group === 'bundle' || group === 'bundle-check',
  mutate: GROUPS[group],
  ignorePatterns: ['.stryker-tmp', 'out', 'dist', 'release', 'reports', 'test-results', 'playwright-report', 'bench/results', 'bench/.data', 'docs', '.git'],
  reporters: ['clear-text', 'progress-append-only', 'html', 'json'],
  clearTextReporter: { allowColor: false, logTests: false, reportMutants: true, reportScoreTable: true, skipFull: false },
  htmlReporter: { fileName: `reports/mutation/${group}.html` },
  jsonReporter: { fileName: `reports/mutation/${group}.json` },
  // Not committed (reports/ is ignored): see README "Mutation testing".
  incrementalFile: `reports/mutation/${group}.incremental.json`,
  thresholds: { high: 95, low: 90, break: null },
  // One sandbox per group, so two groups may run side by side.
  tempDirName: `.stryker-tmp/${group}`,
  cleanTempDir: true,
};
