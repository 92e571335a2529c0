// ESLint flat config. Two jobs:
//  1. ordinary bug-catching (eslint:recommended, typescript-eslint recommended without type
//     information, eslint-plugin-vue recommended); no formatting rules at all;
//  2. THE BOUNDARIES: the arrows of /work/shared/ARCHITECTURE.md ("core/ is plain Node",
//     "the renderer sees only the contract's types", "the shells are thin") as
//     `no-restricted-imports` entries per folder. test/unit/lint-boundaries.test.ts lints
//     fixtures with this very file, so weakening a boundary below makes that test fail.
import { builtinModules } from 'node:module';
import { defineConfig } from 'eslint/config';
import { builtinRules } from 'eslint/use-at-your-own-risk';
import tseslint from 'typescript-eslint';
import pluginVue from 'eslint-plugin-vue';
import path from 'node:path';

const TS_FILES = ['**/*.ts', '**/*.mts', '**/*.cts', '**/*.tsx'];
const VUE_FILES = ['renderer/**/*.vue'];
const JS_FILES = ['**/*.js', '**/*.mjs', '**/*.cjs'];
const CODE = '{js,mjs,cjs,ts,mts,cts,tsx,vue}';

// eslint:recommended without depending on @eslint/js: every core rule flagged "recommended".
const eslintRecommended = Object.fromEntries(
  [...builtinRules].filter(([, rule]) => rule.meta?.docs?.recommended).map(([name]) => [name, 'error']),
);

const unusedVarsOptions = {
  args: 'after-used',
  argsIgnorePattern: '^_',
  varsIgnorePattern: '^_',
  caughtErrorsIgnorePattern: '^_',
  destructuredArrayIgnorePattern: '^_',
  ignoreRestSiblings: true,
};

// Node globals for plain .js/.mjs scripts (bin/, scripts/): read off the running Node, so no
// `globals` package is needed.
const nodeGlobals = Object.fromEntries(
  Object.getOwnPropertyNames(globalThis)
    .filter((name) => /^[A-Za-z_$][\w$]*$/.test(name))
    .map((name) => [name, 'readonly']),
);

// ---------------------------------------------------------------------------------------------
// Boundaries. Every pattern is a regex (not a gitignore glob: the glob `electron` would also
// match the relative path `../../electron/intake-api`). Relative paths are matched by their
// leading `../` run followed by a top-level folder name; there are no path aliases in this repo.
// ---------------------------------------------------------------------------------------------
const SEE = 'See /work/shared/ARCHITECTURE.md (docs: "Rules that keep it simple").';
const EXT = String.raw`(?:\.d)?(?:\.[cm]?[jt]s)?`; // '', '.js', '.ts', '.d.ts', '.mjs', ...

/** A bare package name and its subpaths: `pkg`, `pkg/anything`. */
const pkgRegex = (names) => String.raw`^(?:${names.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})(?:/|$)`;
/** A relative import that climbs to the repository root and enters `folder/` (or `folder`). */
const upInto = (folder) => String.raw`^(?:\.\./)+${folder}(?:/|$)`;
/** Like upInto, but excluding one file (which gets its own type-only entry). */
const upIntoExcept = (folder, file) => String.raw`^(?:\.\./)+${folder}(?:/(?!${file}${EXT}$)|$)`;
/** Exactly one file under a top-level folder, with or without extension. */
const upIntoFile = (folder, file) => String.raw`^(?:\.\./)+${folder}/${file}${EXT}$`;

const CORE_MSG = `core/ is plain Node: see ARCHITECTURE.md. Nothing under core/ may import electron, vue, UI libraries, renderer/ or electron/; the shells call the core, never the reverse. ${SEE}`;
const RENDERER_MSG = `renderer/ runs in a sandboxed browser page: it reaches the core only through api.call(method, input). It may import nothing from core/ or electron/ except \`import type\` from core/api/contract and electron/intake-api (value imports would pull zod and the core into the renderer bundle). ${SEE}`;
const RENDERER_NODE_MSG = `renderer/ runs in a sandboxed browser page with no Node: no node builtins, no better-sqlite3, no electron. Ask the core through api.call(method, input). ${SEE}`;
const ELECTRON_MSG = `electron/ is a thin shell (window, IPC, key storage): no Vue/UI code and nothing from renderer/. ${SEE}`;

const UI_PACKAGES = ['vue', 'vue-router', 'pinia', 'element-plus', '@vue', '@element-plus'];

/** Each entry: { regex, message, allowTypeImports? }. */
const CORE_RESTRICTED = [
  { regex: pkgRegex(['electron', ...UI_PACKAGES]), message: CORE_MSG },
  { regex: upInto('(?:renderer|electron)'), message: CORE_MSG },
];

const RENDERER_RESTRICTED = [
  { regex: '^node:', message: RENDERER_NODE_MSG },
  { regex: pkgRegex([...builtinModules.filter((m) => !m.startsWith('_')), 'electron', 'better-sqlite3', 'better-sqlite3-multiple-ciphers']), message: RENDERER_NODE_MSG },
  // core/: nothing, except the contract's types.
  { regex: upIntoExcept('core', 'api/contract(?:/index)?'), message: RENDERER_MSG },
  { regex: upIntoFile('core', 'api/contract(?:/index)?'), message: RENDERER_MSG, allowTypeImports: true },
  // electron/: nothing, except the types of the preload bridge.
  { regex: upIntoExcept('electron', 'intake-api'), message: RENDERER_MSG },
  { regex: upIntoFile('electron', 'intake-api'), message: RENDERER_MSG, allowTypeImports: true },
];

const ELECTRON_RESTRICTED = [
  { regex: pkgRegex(UI_PACKAGES), message: ELECTRON_MSG },
  { regex: upInto('renderer'), message: ELECTRON_MSG },
];

/**
 * `no-restricted-imports` only sees static import/export declarations (and `import x = require()`),
 * so dynamic `import('…')`, `require('…')` and type-position `import('…').T` of the same modules are
 * caught by selectors. A dynamic import or require is always a value import, so the type-only
 * allowances do not apply to it; `import('…').T` is a type, so it is allowed where types are.
 */
function dynamicImportSelectors(entries) {
  return entries.flatMap(({ regex, message, allowTypeImports }) => {
    const re = `/${regex.replace(/\//g, '\\/')}/i`;
    return [
      { selector: `ImportExpression[source.value=${re}]`, message },
      { selector: `CallExpression[callee.name="require"][arguments.0.value=${re}]`, message },
      ...(allowTypeImports ? [] : [{ selector: `TSImportType[source.value=${re}]`, message }]),
    ];
  });
}

// ---------------------------------------------------------------------------------------------
// THE LAYERS inside the project (VS Code's code-layering, as a local rule): every relative import is
// resolved against the importing file and both are placed in a layer by path; an import is allowed
// only along an arrow of ARCHITECTURE.md ("Arrows point down only"). A handler never imports another
// handler: what two handlers share is a service.
// ---------------------------------------------------------------------------------------------
/** Layer of a repository-relative path; the first matching prefix wins. */
const LAYERS = [
  ['kernel', 'core/kernel/'],
  ['domain', 'core/domain/'],
  ['store', 'core/store/'],
  ['auth', 'core/auth/'],
  ['bundle', 'core/bundle/'],
  ['services', 'core/services/'],
  ['contract', 'core/api/contract/'],
  ['handlers', 'core/api/handlers/'],
  ['dispatch', 'core/api/'],
  ['host', 'core/host/'],
  ['shell', 'core/http/'],
  ['shell', 'core/cli/'],
  ['shell', 'core/seed/'],
  ['app', 'core/app.'],
  ['shell', 'core/'],
  ['shell', 'electron/'],
  ['shell', 'bench/'],
];
const BELOW_SERVICES = ['kernel', 'domain', 'store', 'auth', 'bundle', 'services'];
/** Which layers each layer may import (besides itself). */
const ARROWS = {
  kernel: [],
  domain: ['kernel'],
  store: ['kernel', 'domain'],
  auth: ['kernel', 'domain', 'store'],
  bundle: ['kernel', 'domain', 'store'],
  services: ['kernel', 'domain', 'store', 'bundle', 'auth'],
  contract: ['kernel', 'domain'],
  handlers: ['kernel', 'domain', 'store', 'services', 'contract', 'dispatch'],
  dispatch: [...BELOW_SERVICES, 'contract', 'handlers'],
  app: [...BELOW_SERVICES, 'contract', 'dispatch'],
  host: [...BELOW_SERVICES, 'contract', 'dispatch', 'app'],
  shell: [...BELOW_SERVICES, 'contract', 'dispatch', 'host', 'app'],
};
/** Layers whose files may not import each other (their shared code goes one layer down). */
const LEAVES = new Set(['handlers']);
/** Inside the api layer only these files may import handlers: the table that merges them. */
const HANDLER_TABLE = 'core/api/handler-table.ts';

function layerOf(rel) {
  const hit = LAYERS.find(([, prefix]) => rel.startsWith(prefix));
  return hit ? hit[0] : null;
}

const layersPlugin = {
  rules: {
    arrows: {
      meta: { type: 'problem', schema: [], messages: { up: '{{from}} may not import {{to}} ({{target}}): {{why}} See /work/shared/ARCHITECTURE.md (docs: "Rules that keep it simple", rule 1).' } },
      create(context) {
        const root = context.cwd;
        const file = path.relative(root, context.filename).split(path.sep).join('/');
        const from = layerOf(file);
        if (!from) return {};
        const check = (node, spec) => {
          if (typeof spec !== 'string' || !spec.startsWith('.')) return;
          const target = path.relative(root, path.resolve(path.dirname(context.filename), spec)).split(path.sep).join('/');
          const to = layerOf(target);
          if (!to) return;
          let why = null;
          if (to === from) {
            if (LEAVES.has(from)) why = 'a handler never imports another handler; move what they share into core/services/.';
          } else if (to === 'handlers' && from === 'dispatch' && file !== HANDLER_TABLE) {
            why = `only ${HANDLER_TABLE} imports the handlers.`;
          } else if (!ARROWS[from].includes(to)) {
            why = to === 'handlers' ? 'clients reach handlers only through dispatch (core.call).' : `arrows point down: ${from} → ${ARROWS[from].join(', ') || 'nothing of the project'}.`;
          }
          if (why) context.report({ node, messageId: 'up', data: { from, to, target, why } });
        };
        return {
          ImportDeclaration: (n) => check(n, n.source.value),
          ExportNamedDeclaration: (n) => n.source && check(n, n.source.value),
          ExportAllDeclaration: (n) => check(n, n.source.value),
          ImportExpression: (n) => n.source.type === 'Literal' && check(n, n.source.value),
          TSImportType: (n) => check(n, n.argument?.literal?.value ?? n.source?.value),
        };
      },
    },
  },
};

/** One config block per folder: static imports + dynamic imports. */
function boundary(name, files, entries) {
  return {
    name: `boundaries/${name}`,
    files,
    rules: {
      'no-restricted-imports': ['error', { patterns: entries.map((e) => ({ ...e })) }],
      'no-restricted-syntax': ['error', ...dynamicImportSelectors(entries)],
    },
  };
}

export default defineConfig([
  {
    name: 'project/ignores',
    ignores: [
      '**/node_modules/**',
      'out/**',
      'dist/**',
      'release/**',
      'test-results/**',
      'playwright-report/**',
      'test/fixtures/**',
      '.stryker-tmp/**', // mutation testing's sandboxes (npm run mutate)
      'reports/**',
    ],
  },

  // --- every linted file ----------------------------------------------------------------------
  {
    name: 'project/base',
    files: [...JS_FILES, ...TS_FILES, ...VUE_FILES],
    languageOptions: {
      ecmaVersion: 'latest',
      sourceType: 'module',
      // Declared so that no-eval / no-implied-eval recognise `window.eval`, `setTimeout('code')` …
      // in TypeScript too (no-undef is off there, so nothing else depends on this list).
      globals: {
        window: 'readonly',
        self: 'readonly',
        global: 'readonly',
        setTimeout: 'readonly',
        setInterval: 'readonly',
        setImmediate: 'readonly',
        execScript: 'readonly',
      },
    },
    plugins: { '@typescript-eslint': tseslint.plugin },
    rules: {
      ...eslintRecommended,
      'no-unused-vars': ['error', unusedVarsOptions],
      // No eval in any form, anywhere (the CSP forbids it in the renderer anyway).
      'no-eval': 'error',
      'no-new-func': 'error',
      'no-implied-eval': 'error',
    },
  },
  {
    name: 'project/node-js-globals',
    files: JS_FILES,
    languageOptions: { globals: nodeGlobals },
  },
  {
    name: 'project/cjs',
    files: ['**/*.cjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { require: 'readonly', module: 'writable', exports: 'writable', __dirname: 'readonly', __filename: 'readonly' },
    },
  },

  // --- TypeScript (and the <script lang="ts"> of SFCs) -----------------------------------------
  {
    name: 'project/ts-parser',
    files: TS_FILES,
    languageOptions: { parser: tseslint.parser },
  },
  ...[tseslint.configs.eslintRecommended, ...tseslint.configs.recommended.filter((c) => c.rules)].map(
    (c) => ({ name: c.name, files: [...TS_FILES, ...VUE_FILES], rules: c.rules }),
  ),
  {
    name: 'project/ts-rules',
    files: [...TS_FILES, ...VUE_FILES],
    rules: {
      'no-unused-vars': 'off',
      '@typescript-eslint/no-unused-vars': ['error', unusedVarsOptions],
    },
  },

  // --- Vue SFCs (renderer only) ---------------------------------------------------------------
  ...pluginVue.configs['flat/recommended'].map((c) => ({ ...c, files: VUE_FILES })),
  {
    name: 'project/vue',
    files: VUE_FILES,
    languageOptions: {
      parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.vue'], sourceType: 'module' },
    },
    rules: {
      ...pluginVue.configs['no-layout-rules'].rules,
      'vue/multi-word-component-names': 'off',
      'vue/no-unused-vars': ['error', { ignorePattern: '^_' }],
      // vue-tsc type-checks templates and scripts; browser globals need no list here.
      'no-undef': 'off',
    },
  },

  // --- THE BOUNDARIES -------------------------------------------------------------------------
  boundary('core', [`core/**/*.${CODE}`], CORE_RESTRICTED),
  boundary('renderer', [`renderer/**/*.${CODE}`], RENDERER_RESTRICTED),
  boundary('electron', [`electron/**/*.${CODE}`], ELECTRON_RESTRICTED),
  {
    name: 'boundaries/layers',
    files: [`core/**/*.${CODE}`, `electron/**/*.${CODE}`, `bench/**/*.${CODE}`],
    plugins: { layers: layersPlugin },
    rules: { 'layers/arrows': 'error' },
  },
]);
