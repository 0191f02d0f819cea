import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { ScenarioResult } from './lib/result';
import type { ServerName } from './servers';

const fmt = (v: number | null | undefined, digits = 1): string => (v === null || v === undefined || Number.isNaN(v) ? '–' : v.toFixed(digits));
const pad = (s: string, n: number) => (s.length >= n ? s : s + ' '.repeat(n - s.length));
const lpad = (s: string, n: number) => (s.length >= n ? s : ' '.repeat(n - s.length) + s);

/** One line per result, as it comes in. */
export function resultLine(r: ScenarioResult): string {
  const extra = Object.entries(r.extra ?? {})
    .map(([k, v]) => `${k}=${v}`)
    .join(' ');
  return `${pad(r.name, 26)} ${pad(r.server, 11)} p50 ${lpad(fmt(r.p50Ms), 7)} ms  p99 ${lpad(fmt(r.p99Ms), 7)} ms  max ${lpad(fmt(r.maxMs), 7)} ms  cpu/op ${lpad(fmt(r.cpuMsPerOp, 3), 7)} ms  rss ${lpad(fmt(r.rssMb), 6)} MB  dropped ${r.dropped ?? '–'}${r.reordered !== undefined ? ` reordered ${r.reordered}` : ''}  ${extra}`;
}

export function table(results: ScenarioResult[]): string {
  const head = ['scenario', 'server', 'p50 ms', 'p99 ms', 'max ms', 'cpu ms/op', 'RSS MB', 'dropped', 'details'];
  const rows = results.map((r) => [
    r.name,
    r.server,
    fmt(r.p50Ms),
    fmt(r.p99Ms),
    fmt(r.maxMs),
    fmt(r.cpuMsPerOp, 3),
    fmt(r.rssMb),
    r.dropped === null ? '–' : `${r.dropped}${r.reordered ? ` (+${r.reordered} reordered)` : ''}`,
    Object.entries(r.extra ?? {})
      .map(([k, v]) => `${k}=${v}`)
      .join(' '),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i >= 2 && i <= 7 ? lpad(c, widths[i]!) : pad(c, widths[i]!))).join('  ').trimEnd();
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

type Metric = { label: string; get: (r: ScenarioResult) => number | null | undefined; target?: number };

const metricsFor = (name: string): Metric[] => {
  if (name.startsWith('fanout-'))
    return [
      { label: 'p99', get: (r) => r.p99Ms, target: name === 'fanout-200' ? 0.8 : undefined },
      { label: 'cpu/op', get: (r) => r.cpuMsPerOp, target: 1 },
      { label: 'RSS', get: (r) => r.rssMb },
    ];
  if (name.startsWith('join-storm'))
    return [
      { label: 'p50', get: (r) => r.p50Ms },
      { label: 'p99', get: (r) => r.p99Ms },
      { label: 'cpu/join', get: (r) => r.cpuMsPerOp },
    ];
  if (name.startsWith('cold-load')) return [{ label: 'p50', get: (r) => r.p50Ms }, { label: 'bytes', get: (r) => Number(r.extra?.bytesReceived) }];
  if (name.startsWith('many-boards'))
    return [
      { label: 'RSS/board', get: (r) => Number(r.extra?.perBoardKb), target: 0.5 },
      { label: 'RSS/conn', get: (r) => Number(r.extra?.perConnKb) },
      { label: 'RSS after leave', get: (r) => Number(r.extra?.afterLeaveMb) },
    ];
  return [];
};

/** The suffix of a scenario that drives ours with the stock y-websocket provider instead of its own app's. */
export const STOCK_CLIENT = '-stock-client';

/** Ours over the better peer (lower is better everywhere), with the issue's targets where it sets one. */
export function ratios(results: ScenarioResult[]): string {
  const lines: string[] = [];
  for (const name of [...new Set(results.map((r) => r.name))]) {
    const row = (scenario: string, server: ServerName) => results.find((r) => r.name === scenario && r.server === server);
    const ours = row(name, 'ours');
    // A variant of ours (ours driven by the stock provider) is set against the peers of its scenario, without a verdict.
    const variant = name.endsWith(STOCK_CLIENT);
    const base = variant ? name.slice(0, -STOCK_CLIENT.length) : name;
    const peers = (['y-websocket', 'hocuspocus'] as const).map((p) => row(base, p)).filter((r): r is ScenarioResult => !!r);
    if (!ours || peers.length === 0) continue;
    for (const m of metricsFor(name)) {
      const o = m.get(ours);
      const vals = peers.map((p) => ({ p: p.server, v: m.get(p) })).filter((x): x is { p: ServerName; v: number } => typeof x.v === 'number' && Number.isFinite(x.v));
      if (typeof o !== 'number' || !Number.isFinite(o) || vals.length === 0) continue;
      const best = vals.reduce((a, b) => (b.v < a.v ? b : a));
      const ratio = best.v > 0 ? o / best.v : NaN;
      const verdict = m.target === undefined || variant ? '' : ratio <= m.target ? `  ✔ target ≤ ${m.target}` : `  ✘ target ≤ ${m.target}`;
      lines.push(`${pad(name, 26)} ${pad(m.label, 16)} ours ${lpad(fmt(o, 2), 9)}  better peer (${pad(best.p, 11)}) ${lpad(fmt(best.v, 2), 9)}  ours/peer ${lpad(fmt(ratio, 2), 5)}${verdict}`);
    }
    if (name === 'fanout-200') {
      const clean = ours.dropped === 0 && !ours.reordered;
      lines.push(`${pad(name, 26)} ${pad('dropped/reord.', 16)} ours ${ours.dropped}/${ours.reordered ?? 0}${clean ? '  ✔ target 0' : '  ✘ target 0'}`);
    }
    if (name === 'fanout-500' && ours.p99Ms !== null) lines.push(`${pad(name, 26)} ${pad('p99 absolute', 16)} ours ${fmt(ours.p99Ms)} ms${ours.p99Ms < 50 ? '  ✔ aim < 50 ms' : '  ✘ aim < 50 ms'}`);
  }
  return lines.join('\n');
}

/** `--json PATH`: the issue's fields for every row, extras kept alongside. */
export function writeJson(path: string, results: ScenarioResult[], meta: Record<string, unknown>): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, JSON.stringify({ meta, scenarios: results }, null, 2));
}
