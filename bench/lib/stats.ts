/** Timing and percentiles for the benchmarks. Times are kept in microseconds. */

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

export interface Summary {
  n: number;
  p50: number;
  p95: number;
  max: number;
  mean: number;
}

export function summarize(samples: readonly number[]): Summary {
  const s = [...samples].sort((a, b) => a - b);
  return {
    n: s.length,
    p50: percentile(s, 50),
    p95: percentile(s, 95),
    max: s[s.length - 1] ?? NaN,
    mean: s.reduce((a, b) => a + b, 0) / Math.max(1, s.length),
  };
}

/** Microseconds taken by fn (synchronous). */
export function timeUs(fn: () => unknown): number {
  const t0 = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t0) / 1000;
}

export async function timeUsAsync(fn: () => Promise<unknown>): Promise<number> {
  const t0 = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - t0) / 1000;
}

/** A duration for people: µs below 1 ms, ms below 10 s. */
export function fmtUs(us: number): string {
  if (!Number.isFinite(us)) return '–';
  if (us < 10) return `${us.toFixed(1)} µs`;
  if (us < 1000) return `${Math.round(us)} µs`;
  if (us < 10_000) return `${(us / 1000).toFixed(2)} ms`;
  if (us < 10_000_000) return `${(us / 1000).toFixed(0)} ms`;
  return `${(us / 1e6).toFixed(1)} s`;
}

export const fmtMs = (ms: number): string => fmtUs(ms * 1000);

export function fmtBytes(n: number): string {
  if (n >= 1024 ** 3) return `${(n / 1024 ** 3).toFixed(2)} GiB`;
  if (n >= 1024 ** 2) return `${(n / 1024 ** 2).toFixed(0)} MiB`;
  if (n >= 1024) return `${(n / 1024).toFixed(0)} KiB`;
  return `${n} B`;
}

export const fmtInt = (n: number): string => new Intl.NumberFormat('en-US').format(Math.round(n));

export const ratio = (a: number, b: number): string => (b > 0 ? `${(a / b).toFixed(1)}×` : '–');

/**
 * A target cell that says how far off it is: "≤ 2 ms · 0.42×" is measured ÷ target. A ceiling (≤) is
 * met at 1× or below, a floor (≥) at 1× or above; a miss says so, so no one has to do the sum.
 */
export function vsTarget(label: string, measured: number, target: number, kind: '≤' | '≥'): string {
  if (!(target > 0) || !Number.isFinite(measured)) return `${label} · –`;
  const r = measured / target;
  const met = kind === '≤' ? r <= 1 : r >= 1;
  return `${label} · ${r.toFixed(2)}×${met ? '' : ' (missed)'}`;
}
