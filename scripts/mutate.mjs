// Mutation testing, one Stryker run per module group (stryker.groups.mjs lists the groups).
//
//   node scripts/mutate.mjs [--incremental] [group …]     (npm run mutate / npm run mutate:incremental)
//
// Each run prints Stryker's clear-text report (the score per file and every surviving mutant) and
// writes reports/mutation/<group>.{html,json}; at the end one table gives the score per group.
// Groups run one after another: the machine is shared, and each run uses one test runner.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { GROUPS } from '../stryker.groups.mjs';

const args = process.argv.slice(2);
const incremental = args.includes('--incremental');
const asked = args.filter((a) => !a.startsWith('--'));
const unknown = asked.filter((g) => !(g in GROUPS));
if (unknown.length) {
  console.error(`unknown group ${unknown.join(', ')}; groups: ${Object.keys(GROUPS).join(', ')}`);
  process.exit(2);
}
const groups = asked.length ? asked : Object.keys(GROUPS);
const stryker = path.join('node_modules', '@stryker-mutator', 'core', 'bin', 'stryker.js');

/** Stryker's own score: detected (killed, timed out) over every valid mutant (no-coverage counts as survived). */
function score(report) {
  const n = { killed: 0, timeout: 0, survived: 0, noCoverage: 0, equivalent: 0, compileError: 0 };
  for (const file of Object.values(report.files)) {
    for (const m of file.mutants) {
      if (m.status === 'Killed') n.killed++;
      else if (m.status === 'Timeout') n.timeout++;
      else if (m.status === 'Survived') n.survived++;
      else if (m.status === 'NoCoverage') n.noCoverage++;
      else if (m.status === 'CompileError' || m.status === 'RuntimeError') n.compileError++;
      else if (m.status === 'Ignored') n.equivalent++;
    }
  }
  const valid = n.killed + n.timeout + n.survived + n.noCoverage;
  return { ...n, valid, score: valid === 0 ? 100 : (100 * (n.killed + n.timeout)) / valid };
}

const rows = [];
let failed = false;
for (const group of groups) {
  console.log(`\n==== mutation group ${group}: ${GROUPS[group].join(' ')}`);
  const started = Date.now();
  const r = spawnSync(process.execPath, [stryker, 'run', ...(incremental ? ['--incremental'] : [])], {
    stdio: 'inherit',
    env: { ...process.env, STRYKER_GROUP: group },
  });
  const minutes = ((Date.now() - started) / 60_000).toFixed(1);
  const file = path.join('reports', 'mutation', `${group}.json`);
  if (r.status !== 0 || !fs.existsSync(file)) {
    failed = true;
    rows.push({ group, result: `Stryker failed (exit ${r.status})`, minutes });
    continue;
  }
  const s = score(JSON.parse(fs.readFileSync(file, 'utf8')));
  rows.push({
    group,
    result: `${s.score.toFixed(2)}%  killed ${s.killed + s.timeout}/${s.valid}, survived ${s.survived}, no coverage ${s.noCoverage}`,
    minutes,
  });
}

console.log(`\n==== mutation score per group (${new Date().toISOString().slice(0, 10)})`);
for (const row of rows) console.log(`${row.group.padEnd(14)} ${row.result}  (${row.minutes} min)`);
console.log('Survivors no test can kill: stryker.equivalents.md');
process.exit(failed ? 1 : 0);
