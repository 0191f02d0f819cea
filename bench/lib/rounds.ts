import type { ScenarioResult } from './result';

const median = (vs: number[]): number => {
  const s = [...vs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

const pick = (runs: ScenarioResult[], get: (r: ScenarioResult) => number | null, how: (vs: number[]) => number): number | null => {
  const vs = runs.map(get).filter((v): v is number => v !== null && Number.isFinite(v));
  return vs.length === runs.length ? Number(how(vs).toFixed(3)) : null;
};

/**
 * One row per scenario and server from several alternating rounds: the median of each figure (a
 * neighbour's burst on a shared 2-core machine moves one run by ±30 %), the worst max, peak RSS and
 * every dropped update; each run's CPU per op and p99 are kept in the row's details.
 */
export function combineRounds(results: ScenarioResult[]): ScenarioResult[] {
  const groups = new Map<string, ScenarioResult[]>();
  for (const r of results) {
    const key = `${r.name}\u0000${r.server}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  return [...groups.values()].map((runs) => {
    if (runs.length === 1) return runs[0]!;
    const first = runs[0]!;
    const list = (get: (r: ScenarioResult) => number | null) => runs.map((r) => get(r) ?? '–').join('/');
    return {
      ...first,
      p50Ms: pick(runs, (r) => r.p50Ms, median),
      p99Ms: pick(runs, (r) => r.p99Ms, median),
      maxMs: pick(runs, (r) => r.maxMs, (vs) => Math.max(...vs)),
      cpuMsPerOp: pick(runs, (r) => r.cpuMsPerOp, median),
      rssMb: pick(runs, (r) => r.rssMb, (vs) => Math.max(...vs)),
      dropped: pick(runs, (r) => r.dropped, (vs) => vs.reduce((a, b) => a + b, 0)),
      reordered: runs.reduce((n, r) => n + (r.reordered ?? 0), 0),
      extra: { rounds: runs.length, cpuMsPerOpRuns: list((r) => r.cpuMsPerOp), p99MsRuns: list((r) => r.p99Ms), ...first.extra },
    };
  });
}
