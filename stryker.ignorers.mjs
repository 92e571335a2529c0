// What mutation testing leaves alone, by rule rather than by comment in the code (stryker.config.mjs
// `ignorers`; stryker.equivalents.md explains each). Stryker reports these mutants as Ignored, with the
// reason below, and they do not count in the score.
import { declareValuePlugin, PluginKind } from '@stryker-mutator/api/plugin';

const REASON_DETAIL =
  'IntakeError detail: free English text for the log, the CLI and the quarantine note; the refusal code is the rule, and tests check the code';

/** `new IntakeError(code, { …, detail: <text> })`: the text of `detail`. */
function isErrorDetail(path) {
  if (!path.isObjectProperty() || path.node.computed) return false;
  const key = path.node.key;
  if (!(key.type === 'Identifier' && key.name === 'detail')) return false;
  const call = path.parentPath?.parentPath;
  return !!call && call.isNewExpression() && call.node.callee.type === 'Identifier' && call.node.callee.name === 'IntakeError';
}

const REASON_VERDICT =
  'verdict explanation: the English sentence a bundle rule gives with its verdict (`detail`, `why`), passed on as an IntakeError detail; the verdict kind is the rule, and tests check the kind';

/** `{ kind: 'fork', why: `…` }`, `{ ok: false, kind, detail: `…` }`: the sentence of a verdict. */
function isVerdictText(path) {
  if (!path.isObjectProperty() || path.node.computed) return false;
  const key = path.node.key;
  if (!(key.type === 'Identifier' && (key.name === 'detail' || key.name === 'why'))) return false;
  const value = path.node.value.type;
  return value === 'TemplateLiteral' || value === 'StringLiteral';
}

export const strykerPlugins = [
  declareValuePlugin(PluginKind.Ignore, 'intake-diagnostics', {
    shouldIgnore(path) {
      if (isErrorDetail(path)) return REASON_DETAIL;
      if (isVerdictText(path)) return REASON_VERDICT;
      return undefined;
    },
  }),
];
