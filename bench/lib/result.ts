import type { ServerName } from '../servers';

/** One row of the report and of `--json`: the fields the issue names, then scenario-specific extras. */
export interface ScenarioResult {
  name: string;
  server: ServerName;
  p50Ms: number | null;
  p99Ms: number | null;
  maxMs: number | null;
  cpuMsPerOp: number | null;
  rssMb: number | null;
  dropped: number | null;
  reordered?: number;
  /** Anything else worth printing: bytes, per-board memory, generator load… */
  extra?: Record<string, number | string>;
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
export const round = (v: number, digits = 2): number => (Number.isFinite(v) ? Number(v.toFixed(digits)) : v);
