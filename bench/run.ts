/**
 * `npm run bench [-- --quick] [--json PATH] [--only NAME]`: our server against the classic
 * y-websocket server and Hocuspocus, over the same load, on this machine, in one run; then
 * issue 2's figures. Every server and every load generator is its own process.
 */
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { SERVER_NAMES, OURS_ENV, type ServerName } from './servers';
import { fanout } from './scenarios/fanout';
import { coldLoad } from './scenarios/coldLoad';
import { manyBoards } from './scenarios/manyBoards';
import { docSize } from './scenarios/docSize';
import { storeAppend } from './scenarios/storeAppend';
import { browserColdLoad } from './scenarios/browser';
import { phoneJoin } from './scenarios/phoneJoin';
import { joinStorm } from './scenarios/joinStorm';
import { startToHealthz } from './scenarios/startToHealthz';
import type { ScenarioResult } from './lib/result';
import { ratios, resultLine, STOCK_CLIENT, table, writeJson } from './report';
import { combineRounds } from './lib/rounds';

interface Step {
  name: string;
  server: ServerName;
  run: () => Promise<ScenarioResult>;
}

const { values: flags } = parseArgs({
  options: { quick: { type: 'boolean', default: false }, json: { type: 'string' }, only: { type: 'string' }, 'warmup-ops': { type: 'string' } },
});
const quick = flags.quick!;

/**
 * Ops made before measuring, so each server is measured as it runs through a workshop: with its hot
 * code compiled. V8 optimises a function after enough calls, so the code that runs once per op is
 * compiled only after a few thousand ops: with `--trace-opt`, ours was still optimising per-op
 * functions (flushPending, appendUpdate, applyGuarded) 1,300–1,700 ops into a fanout-30 run, and
 * V8's compiler took 13 % of its samples in the measured window (3 % once settled). After 3,000 ops
 * both ours and y-websocket compile a function or so a second.
 */
const WARMUP_OPS = Number(flags['warmup-ops'] ?? 3000);
if (!Number.isInteger(WARMUP_OPS) || WARMUP_OPS < 0) throw new Error(`--warmup-ops takes a whole number of ops, not "${flags['warmup-ops']}"`);
/**
 * A room warms up at 150 ops a second for the whole board, or at its measured 1 op a second per
 * person where that is more: 20 s at 30 people (5 ops a second each), 15 s at 200, 6 s at 500.
 */
const WARMUP_BOARD_OPS_PER_SECOND = 150;
function fanoutWarmup(clients: number): { ms: number; opsPerSecond: number } {
  const boardOpsPerSecond = Math.max(WARMUP_BOARD_OPS_PER_SECOND, clients);
  return { ms: Math.max(4000, Math.ceil(WARMUP_OPS / boardOpsPerSecond) * 1000), opsPerSecond: boardOpsPerSecond / clients };
}

function plan(): Step[] {
  const steps: Step[] = [];
  // Several rounds alternate the servers (and any variants), so a neighbour's burst on the machine lands on each alike.
  const each = (name: string, fn: (server: ServerName) => Promise<ScenarioResult>, rounds = 1, variants: Step[] = []) => {
    for (let round = 0; round < rounds; round++) {
      for (const server of SERVER_NAMES) steps.push({ name, server, run: () => fn(server) });
      steps.push(...variants);
    }
  };
  const seconds = quick ? 6_000 : 20_000;
  for (const n of quick ? [200] : [30, 200, 500]) {
    const rounds = quick || n === 500 ? 1 : 3;
    const warmup = fanoutWarmup(n);
    const warmupMs = quick ? 2000 : warmup.ms;
    const run = (server: ServerName, name = `fanout-${n}`, stockClient = false) => fanout({ name, server, clients: n, durationMs: seconds, warmupMs, warmupOpsPerSecond: warmup.opsPerSecond, fullClients: n <= 30, stockClient });
    // Ours is driven by its own app's provider; at 30 people it also runs driven by the stock one, for the same load without that saving.
    const stock = `fanout-${n}${STOCK_CLIENT}`;
    const variants = n === 30 && !quick ? [{ name: stock, server: 'ours' as const, run: () => run('ours', stock, true) }] : [];
    each(`fanout-${n}`, (server) => run(server), rounds, variants);
  }
  if (!quick) {
    steps.push({
      name: 'fanout-200-sqlite-full',
      server: 'ours',
      run: () => fanout({ name: 'fanout-200-sqlite-full', server: 'ours', clients: 200, durationMs: seconds, serverOptions: { env: { SQLITE_SYNC: 'FULL' } } }),
    });
  }
  each('cold-load-5000', (server) => coldLoad({ name: 'cold-load-5000', server, notes: 5000, runs: quick ? 3 : 10 }));
  if (!quick) steps.push({ name: 'cold-load-5000-from-store', server: 'ours', run: () => coldLoad({ name: 'cold-load-5000-from-store', server: 'ours', notes: 5000, runs: 5, fromStore: true }) });
  const [boards, perBoard] = quick ? [50, 4] : [200, 10];
  each(`many-boards-${boards}x${perBoard}`, (server) => manyBoards({ name: `many-boards-${boards}x${perBoard}`, server, boards, clientsPerBoard: perBoard, notesPerBoard: 50, settleMs: quick ? 1500 : 3000 }));
  // Issue 2's figures, ours only.
  steps.push({
    name: 'note-to-30',
    server: 'ours',
    run: () => fanout({ name: 'note-to-30', server: 'ours', clients: 31, writers: [0], opsPerSecond: 5, mode: 'create', dragger: false, durationMs: quick ? 6000 : 20_000, fullClients: true }),
  });
  steps.push({ name: 'doc-size-2000', server: 'ours', run: async () => docSize(2000, 10_000) });
  // What storing each change costs: the part of ours' CPU per op at fanout-30 that the in-memory peers do not spend.
  if (!quick) steps.push({ name: 'store-append', server: 'ours', run: () => storeAppend() });
  steps.push({ name: 'browser-cold-load-2000', server: 'ours', run: () => browserColdLoad(2000, quick ? 1 : 5) });
  // Issue 23: a participant's phone on a weak link, and the facilitator's canvas on a big board.
  steps.push({ name: 'phone-join-300', server: 'ours', run: () => phoneJoin(300, quick ? 1 : 3) });
  // A crash restart under systemd: `npm start` on the built tree, until /healthz answers.
  steps.push({ name: 'start-to-healthz', server: 'ours', run: () => startToHealthz(quick ? 1 : 3) });
  // The QR goes up: a hall of phones opens one board at once, from separate load processes; ours against both peers.
  each('join-storm-300', (server) => joinStorm({ name: 'join-storm-300', server, clients: 300, notes: 300, spreadMs: 5000, generators: 3 }), quick ? 1 : 3);
  steps.push({ name: 'desktop-join-2000', server: 'ours', run: () => browserColdLoad(2000, quick ? 1 : 3, { name: 'desktop-join-2000', facilitator: true }) });
  if (!quick) {
    // The other streams' benchmarks (issue 8's rendering, the exports), in the full run only: they print their own lines.
    steps.push({ name: 'render-pan-zoom-2000', server: 'ours', run: renderRow });
    steps.push({ name: 'export', server: 'ours', run: exportRow });
  }
  // --only NAME (part of a scenario name, or a server), or NAME:SERVER[,SERVER…].
  const [name, servers] = (flags.only ?? '').split(':');
  const only = servers?.split(',');
  return steps.filter((s) => (!name || s.name.includes(name) || s.server === name) && (!only || only.includes(s.server)));
}

const figureRow = (name: string, extra: Record<string, number | string>, p50: number | null = null, max: number | null = null): ScenarioResult => ({
  name,
  server: 'ours',
  p50Ms: p50,
  p99Ms: null,
  maxMs: max,
  cpuMsPerOp: null,
  rssMb: null,
  dropped: null,
  extra,
});

async function renderRow(): Promise<ScenarioResult> {
  const { runRenderBench } = await import('./render');
  const r = await runRenderBench();
  return figureRow('render-pan-zoom-2000', { frames: r.all.frames, p95Ms: r.all.p95Ms, cpuMsPerFrame: r.all.busyMsPerFrame }, r.all.p50Ms, r.all.maxMs);
}

async function exportRow(): Promise<ScenarioResult> {
  const { runExportBench } = await import('./export');
  const figures = await runExportBench();
  return figureRow('export', Object.fromEntries(figures.map((f) => [f.name, Math.round(f.ms)])));
}

async function main(): Promise<void> {
  process.on('SIGINT', () => process.exit(130));
  process.on('SIGTERM', () => process.exit(143));
  // Children lead their own sessions and are prioritised one by one (bench/lib/proc.ts); this process stays as it is.
  const prioritised = process.getuid?.() === 0;
  const meta = {
    date: new Date().toISOString(),
    node: process.version,
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model,
    loadAverageAtStart: loadavg().map((l) => Number(l.toFixed(2))),
    quick,
    priority: prioritised ? 'servers and load generators in their own autogroups at nice -10' : 'normal priority (not root)',
    oursEnv: OURS_ENV,
  };
  console.log(`npm run bench${quick ? ' --quick' : ''}: ${meta.cpus} × ${meta.cpuModel}, Node ${meta.node}, load average ${meta.loadAverageAtStart.join(' ')}`);
  console.log(`scheduling: ${meta.priority}`);
  console.log(`ours runs with ${Object.entries(OURS_ENV).map(([k, v]) => `${k}=${v}`).join(' ')} (see bench/servers.ts)\n`);
  const results: ScenarioResult[] = [];
  const failures: string[] = [];
  const started = Date.now();
  for (const step of plan()) {
    try {
      const r = await step.run();
      results.push(r);
      console.log(resultLine(r));
    } catch (err) {
      const msg = `${step.name} / ${step.server}: ${(err as Error).message.split('\n').slice(0, 4).join(' | ')}`;
      failures.push(msg);
      console.log(`FAILED ${msg}`);
    }
  }
  const combined = combineRounds(results);
  console.log(`\n${table(combined)}\n\nours / better peer (same run; lower is better; medians where a scenario ran several rounds):\n${ratios(combined)}`);
  console.log(`\nload average at end ${loadavg().map((l) => l.toFixed(2)).join(' ')}; took ${((Date.now() - started) / 1000).toFixed(0)} s`);
  if (failures.length) console.log(`\n${failures.length} step(s) failed:\n${failures.join('\n')}`);
  if (flags.json) {
    writeJson(flags.json, combined, { ...meta, failures });
    console.log(`wrote ${flags.json}`);
  }
  process.exit(failures.length ? 1 : 0);
}

void main();
