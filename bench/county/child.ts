/**
 * The county bench in a process of its own (bench/areas/county.ts starts it): the county keeps every
 * township's replica in memory, which would otherwise make the desk bench's peak-memory row the
 * county's. Prints one JSON line: the fixture and each engine's figures.
 */
import os from 'node:os';
import path from 'node:path';
import { countyFixture } from './fixture.js';
import { runEngine, type EngineFigures } from './engine-run.js';

const [dataRoot, personsArg, samplesArg, pgUrl] = process.argv.slice(2);
const persons = Number(personsArg);
if (!dataRoot || !(persons > 0)) throw new Error('usage: child.ts DATA_ROOT PERSONS SAMPLES [POSTGRES_URL]');
const fixture = await countyFixture(dataRoot, persons);
const engines: EngineFigures[] = [];
const loads: { engine: string; before: number; after: number }[] = [];
for (const engine of pgUrl ? (['sqlite', 'postgres'] as const) : (['sqlite'] as const)) {
  const before = os.loadavg()[0]!;
  engines.push(await runEngine(fixture, engine, { workDir: path.join(dataRoot, `county-run-${process.pid}`), pgUrl, samples: Number(samplesArg) }));
  loads.push({ engine, before, after: os.loadavg()[0]! });
}
process.stdout.write(`${JSON.stringify({ fixture, engines, loads })}\n`);
