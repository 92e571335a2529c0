// Proves the architecture boundaries in eslint.config.js are live.
//
// Every file in test/fixtures/boundaries/ is linted with the REAL config (ESLint's Node API,
// cwd = repository root), its text presented as if it lived at a path inside core/, renderer/ or
// electron/. Violations must produce an error from the named rule whose message points at
// ARCHITECTURE.md; allowed files must produce no boundary message at all. If someone weakens or
// deletes a boundary (or lets the ignores swallow those folders), this test fails.
//
// The fixtures folder itself is ignored by ESLint and excluded from the TypeScript projects: the
// files are only ever read as text here. Adding a fixture = one file + one row in CASES below.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const fixturesDir = path.join(repoRoot, 'test', 'fixtures', 'boundaries');

/** Rules that implement the import boundaries (static imports / dynamic import() and require()). */
const BOUNDARY_RULES = ['no-restricted-imports', 'no-restricted-syntax', 'layers/arrows'] as const;

// Where each fixture is pretended to live. The relative imports inside the fixtures are written for
// these depths (e.g. renderer/src/x.ts reaches core/ through '../../core/...').
const AS_CORE = 'core/domain/__boundary_fixture__.ts';
const AS_RENDERER = 'renderer/src/__boundary_fixture__.ts';
const AS_RENDERER_SFC = 'renderer/src/pages/__boundary_fixture__.vue';
const AS_ELECTRON = 'electron/__boundary_fixture__.ts';

type Case = {
  fixture: string;
  lintAs: string;
  /** The rule that must report (exactly once), or null when the file must pass every boundary. */
  expectRule: string | null;
};

const CASES: Case[] = [
  // core/ is plain Node
  { fixture: 'core-imports-electron.ts', lintAs: AS_CORE, expectRule: 'no-restricted-imports' },
  { fixture: 'core-imports-electron-subpath.ts', lintAs: AS_CORE, expectRule: 'no-restricted-imports' },
  { fixture: 'core-imports-vue.ts', lintAs: AS_CORE, expectRule: 'no-restricted-imports' },
  { fixture: 'core-imports-element-plus.ts', lintAs: AS_CORE, expectRule: 'no-restricted-imports' },
  { fixture: 'core-imports-pinia-type.ts', lintAs: AS_CORE, expectRule: 'no-restricted-imports' },
  { fixture: 'core-imports-renderer.ts', lintAs: AS_CORE, expectRule: 'no-restricted-imports' },
  { fixture: 'core-imports-electron-shell.ts', lintAs: AS_CORE, expectRule: 'no-restricted-imports' },
  { fixture: 'core-import-equals-require-electron.ts', lintAs: AS_CORE, expectRule: 'no-restricted-imports' },
  { fixture: 'core-dynamic-import-electron.ts', lintAs: AS_CORE, expectRule: 'no-restricted-syntax' },
  { fixture: 'core-imports-zod.ts', lintAs: AS_CORE, expectRule: null },

  // renderer/ sees only the contract's types
  { fixture: 'renderer-imports-core-value.ts', lintAs: AS_RENDERER, expectRule: 'no-restricted-imports' },
  { fixture: 'renderer-imports-contract-mixed.ts', lintAs: AS_RENDERER, expectRule: 'no-restricted-imports' },
  { fixture: 'renderer-imports-core-domain-type.ts', lintAs: AS_RENDERER, expectRule: 'no-restricted-imports' },
  { fixture: 'renderer-reexports-core.ts', lintAs: AS_RENDERER, expectRule: 'no-restricted-imports' },
  { fixture: 'renderer-imports-node-fs.ts', lintAs: AS_RENDERER, expectRule: 'no-restricted-imports' },
  { fixture: 'renderer-imports-node-prefixed.ts', lintAs: AS_RENDERER, expectRule: 'no-restricted-imports' },
  { fixture: 'renderer-imports-child-process.ts', lintAs: AS_RENDERER, expectRule: 'no-restricted-imports' },
  { fixture: 'renderer-imports-better-sqlite3.ts', lintAs: AS_RENDERER, expectRule: 'no-restricted-imports' },
  { fixture: 'renderer-imports-electron.ts', lintAs: AS_RENDERER, expectRule: 'no-restricted-imports' },
  { fixture: 'renderer-imports-intake-api-value.ts', lintAs: AS_RENDERER, expectRule: 'no-restricted-imports' },
  { fixture: 'renderer-imports-electron-preload-type.ts', lintAs: AS_RENDERER, expectRule: 'no-restricted-imports' },
  { fixture: 'renderer-type-expression-core-domain.ts', lintAs: AS_RENDERER, expectRule: 'no-restricted-syntax' },
  { fixture: 'renderer-dynamic-import-contract.ts', lintAs: AS_RENDERER, expectRule: 'no-restricted-syntax' },
  { fixture: 'renderer-sfc-imports-electron.vue', lintAs: AS_RENDERER_SFC, expectRule: 'no-restricted-imports' },
  { fixture: 'renderer-imports-contract-type.ts', lintAs: AS_RENDERER, expectRule: null },
  { fixture: 'renderer-imports-intake-api-type.ts', lintAs: AS_RENDERER, expectRule: null },
  { fixture: 'renderer-imports-ui-libraries.ts', lintAs: AS_RENDERER, expectRule: null },
  { fixture: 'renderer-sfc-contract-type.vue', lintAs: AS_RENDERER_SFC, expectRule: null },

  // electron/ is a thin shell
  { fixture: 'electron-imports-vue.ts', lintAs: AS_ELECTRON, expectRule: 'no-restricted-imports' },
  { fixture: 'electron-imports-element-plus.ts', lintAs: AS_ELECTRON, expectRule: 'no-restricted-imports' },
  { fixture: 'electron-imports-renderer.ts', lintAs: AS_ELECTRON, expectRule: 'no-restricted-imports' },
  { fixture: 'electron-imports-core.ts', lintAs: AS_ELECTRON, expectRule: null },

  // the layers inside the project: one fixture per forbidden arrow (ARCHITECTURE.md rule 1)
  { fixture: 'layer-kernel-imports-domain.ts', lintAs: 'core/kernel/__boundary_fixture__.ts', expectRule: 'layers/arrows' },
  { fixture: 'layer-kernel-imports-store.ts', lintAs: 'core/kernel/__boundary_fixture__.ts', expectRule: 'layers/arrows' },
  { fixture: 'layer-domain-imports-store.ts', lintAs: 'core/domain/__boundary_fixture__.ts', expectRule: 'layers/arrows' },
  { fixture: 'layer-domain-imports-services.ts', lintAs: 'core/domain/views/__boundary_fixture__.ts', expectRule: 'layers/arrows' },
  { fixture: 'layer-store-imports-contract.ts', lintAs: 'core/store/__boundary_fixture__.ts', expectRule: 'layers/arrows' },
  { fixture: 'layer-store-imports-services.ts', lintAs: 'core/store/migrations/__boundary_fixture__.ts', expectRule: 'layers/arrows' },
  { fixture: 'layer-store-imports-bundle.ts', lintAs: 'core/store/__boundary_fixture__.ts', expectRule: 'layers/arrows' },
  { fixture: 'layer-auth-imports-dispatch.ts', lintAs: 'core/auth/__boundary_fixture__.ts', expectRule: 'layers/arrows' },
  { fixture: 'layer-bundle-imports-contract.ts', lintAs: 'core/bundle/__boundary_fixture__.ts', expectRule: 'layers/arrows' },
  { fixture: 'layer-bundle-imports-services.ts', lintAs: 'core/bundle/__boundary_fixture__.ts', expectRule: 'layers/arrows' },
  { fixture: 'layer-services-imports-handler.ts', lintAs: 'core/services/__boundary_fixture__.ts', expectRule: 'layers/arrows' },
  { fixture: 'layer-services-imports-dispatch.ts', lintAs: 'core/services/__boundary_fixture__.ts', expectRule: 'layers/arrows' },
  { fixture: 'layer-contract-imports-services.ts', lintAs: 'core/api/contract/__boundary_fixture__.ts', expectRule: 'layers/arrows' },
  { fixture: 'layer-contract-imports-store.ts', lintAs: 'core/api/contract/__boundary_fixture__.ts', expectRule: 'layers/arrows' },
  { fixture: 'layer-handler-imports-handler.ts', lintAs: 'core/api/handlers/__boundary_fixture__.ts', expectRule: 'layers/arrows' },
  { fixture: 'layer-handler-imports-bundle.ts', lintAs: 'core/api/handlers/__boundary_fixture__.ts', expectRule: 'layers/arrows' },
  { fixture: 'layer-handler-imports-auth.ts', lintAs: 'core/api/handlers/__boundary_fixture__.ts', expectRule: 'layers/arrows' },
  { fixture: 'layer-dispatch-imports-handler.ts', lintAs: 'core/api/__boundary_fixture__.ts', expectRule: 'layers/arrows' },
  { fixture: 'layer-http-imports-handler.ts', lintAs: 'core/http/__boundary_fixture__.ts', expectRule: 'layers/arrows' },
  { fixture: 'layer-cli-imports-handler.ts', lintAs: 'core/cli/commands/__boundary_fixture__.ts', expectRule: 'layers/arrows' },
  { fixture: 'layer-seed-imports-handler.ts', lintAs: 'core/seed/__boundary_fixture__.ts', expectRule: 'layers/arrows' },
  { fixture: 'layer-host-imports-handler.ts', lintAs: 'core/host/__boundary_fixture__.ts', expectRule: 'layers/arrows' },
  { fixture: 'layer-bench-imports-handler.ts', lintAs: 'bench/areas/__boundary_fixture__.ts', expectRule: 'layers/arrows' },
  { fixture: 'layer-electron-imports-handler.ts', lintAs: 'electron/__boundary_fixture__.ts', expectRule: 'layers/arrows' },
  { fixture: 'layer-allowed-handler.ts', lintAs: 'core/api/handlers/__boundary_fixture__.ts', expectRule: null },
  { fixture: 'layer-allowed-services.ts', lintAs: 'core/services/__boundary_fixture__.ts', expectRule: null },
  { fixture: 'layer-allowed-handler-table.ts', lintAs: 'core/api/handler-table.ts', expectRule: null },

  // no eval in any form, anywhere
  { fixture: 'core-uses-eval.ts', lintAs: AS_CORE, expectRule: 'no-eval' },
  { fixture: 'renderer-uses-new-function.ts', lintAs: AS_RENDERER, expectRule: 'no-new-func' },
  { fixture: 'electron-uses-implied-eval.ts', lintAs: AS_ELECTRON, expectRule: 'no-implied-eval' },
];

const results = new Map<string, ESLint.LintResult>();
let eslint: ESLint;

beforeAll(async () => {
  eslint = new ESLint({ cwd: repoRoot });
  await Promise.all(
    CASES.map(async ({ fixture, lintAs }) => {
      const code = readFileSync(path.join(fixturesDir, fixture), 'utf8');
      const [result] = await eslint.lintText(code, { filePath: path.join(repoRoot, lintAs), warnIgnored: true });
      if (!result) throw new Error(`no lint result for ${fixture}`);
      results.set(fixture, result);
    }),
  );
}, 60_000);

function describeMessages(result: ESLint.LintResult): string {
  return result.messages.map((m) => `${m.line}:${m.column} ${m.ruleId ?? '(fatal)'} ${m.message}`).join('\n');
}

describe('lint boundaries (eslint.config.js)', () => {
  it('has a row for every fixture file and a fixture file for every row', () => {
    const onDisk = readdirSync(fixturesDir).filter((f) => /\.(?:[cm]?ts|vue)$/.test(f)).sort();
    expect(CASES.map((c) => c.fixture).sort()).toEqual(onDisk);
  });

  it('lints the pretend paths, i.e. the ignores do not swallow core/, renderer/ or electron/', async () => {
    for (const lintAs of [AS_CORE, AS_RENDERER, AS_RENDERER_SFC, AS_ELECTRON]) {
      expect(await eslint.isPathIgnored(path.join(repoRoot, lintAs)), lintAs).toBe(false);
    }
  });

  it.each(CASES)('$fixture as $lintAs → $expectRule', ({ fixture, expectRule }) => {
    const result = results.get(fixture);
    expect(result, fixture).toBeDefined();
    if (!result) return;
    const dump = describeMessages(result);

    // Not ignored ("File ignored because…" has no ruleId) and parsed (a parse error is fatal).
    expect(result.messages.filter((m) => m.fatal || m.ruleId === null), dump).toEqual([]);

    if (expectRule === null) {
      const boundary = result.messages.filter((m) => (BOUNDARY_RULES as readonly string[]).includes(m.ruleId ?? ''));
      expect(boundary, dump).toEqual([]);
      return;
    }

    const hits = result.messages.filter((m) => m.ruleId === expectRule);
    expect(hits, dump).toHaveLength(1);
    // An error, not a warning: a warning does not fail CI.
    expect(hits[0]?.severity, dump).toBe(2);
    if ((BOUNDARY_RULES as readonly string[]).includes(expectRule)) {
      // Our configured restriction (with its reason), not some other config's.
      expect(hits[0]?.message, dump).toContain('ARCHITECTURE.md');
    }
  });
});
