import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { Core } from '../../core/app.js';
import type { HttpShell } from '../../core/http/server.js';
import type { Rng } from '../../core/seed/random.js';
import type { Dataset } from './dataset.js';

export interface BenchContext {
  core: Core;
  db: Database;
  http: HttpShell;
  dataset: Dataset;
  /** The run's scratch data folder (a copy of the seeded one). */
  dataDir: string;
  rng: Rng;
  /** Scales the sample counts: BENCH_SAMPLES=0.2 for a quick look. */
  scale: number;
}

export const samples = (ctx: BenchContext, n: number): number => Math.max(5, Math.round(n * ctx.scale));
