/**
 * Rendering at scale: a 2,000-note board panned and zoomed in headless Chromium, frame times measured
 * inside the page. Run alone with `npx tsx bench/render.ts`, or call runRenderBench() from bench/run.ts.
 *
 * How frame time is measured: Chromium runs with its 60 Hz frame cap lifted (--disable-frame-rate-limit,
 * --disable-gpu-vsync), so requestAnimationFrame fires as soon as the previous frame is done and the gap
 * between two callbacks is the real cost of a frame (input handling, React, Konva drawing, compositing)
 * instead of a multiple of 16.7 ms. Only frames in which the stage actually moved are counted: the gap
 * after such a frame holds its drawing. Wheel events come from page.mouse.wheel (ctrl+wheel to zoom),
 * as a person's mouse or trackpad would send them.
 *
 * Also printed: main-thread CPU per measured frame (CDP ThreadTime, not inflated by other jobs on the
 * machine, but counting the uncapped idle frames in between) and the time spent drawing the canvas
 * layers. RENDER_PROFILE=1 prints the hottest functions of a short pan first (CPU profile; =zoom for a
 * zoom out and back in; RENDER_PROFILE_OUT=FILE keeps the raw .cpuprofile). RENDER_DEBUG=1 prints every
 * frame of every phase ([time, moved, draw ms]) and each layer draw over 20 ms.
 */
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Page } from 'playwright-core';
import { addNote, readBoard, sectionAt, NOTE_SIZE } from '../shared/board';
import { connectClient } from '../server/testing/clients';
import { createBoard, startServer } from '../server/testing/startServer';
import { ensureClientBuilt } from './lib/chromium';

const ROOT = resolve(import.meta.dirname, '..');
const NOTES = 2_000;
const BATCH = 50;
const VIEWPORT = { width: 1280, height: 800 };
const BROWSER_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const UNCAPPED_FRAMES = ['--disable-frame-rate-limit', '--disable-gpu-vsync'];

export interface FrameStats {
  frames: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
  /** Main-thread CPU time per measured frame (CDP ThreadTime): what a frame costs when the CPU is not shared. */
  busyMsPerFrame: number;
  /** 95th percentile of the time spent drawing the canvas layers (Konva) within a frame. */
  drawP95Ms: number;
  /** Notes the canvas holds after the phase (the rest are culled off screen). */
  notesDrawn: number;
  scale: number;
}

export interface RenderBenchResult {
  notes: number;
  phases: Record<string, FrameStats>;
  all: Omit<FrameStats, 'notesDrawn' | 'scale'>;
  /** The machine's 1-minute load average while the bench ran: other jobs share its cores. */
  loadAverage: number;
}

/** Real workshop notes (Tōbetsu seminar), cycled: lengths and scripts as people really write them. */
function sampleTexts(): string[] {
  const lines = readFileSync(resolve(ROOT, 'shared/grouping/fixtures/dev-notes.jsonl'), 'utf8').split('\n').filter(Boolean);
  return lines.map((l) => (JSON.parse(l) as { text: string }).text);
}

/** Fills the board through a stock y-websocket client in Node, in batches the server's limits accept. */
async function fillBoard(wsUrl: string, boardId: string, token: string): Promise<void> {
  const client = connectClient(wsUrl, boardId, token);
  try {
    await client.synced;
    const { sections } = readBoard(client.doc);
    const left = Math.min(...sections.map((s) => s.x));
    const top = Math.min(...sections.map((s) => s.y));
    const texts = sampleTexts();
    const perRow = 50;
    for (let start = 0; start < NOTES; start += BATCH) {
      client.doc.transact(() => {
        for (let i = start; i < Math.min(NOTES, start + BATCH); i++) {
          const x = left + 20 + (i % perRow) * (NOTE_SIZE.w + 12);
          const y = top + 60 + Math.floor(i / perRow) * (NOTE_SIZE.h + 12);
          const section = sectionAt(sections, x + NOTE_SIZE.w / 2, y + NOTE_SIZE.h / 2);
          addNote(client.doc, { text: texts[i % texts.length]!, x, y, sectionId: section?.id ?? null, author: `参加者${i % 40}`, authorId: `bench-${i % 40}` });
        }
      });
      await new Promise((r) => setTimeout(r, 20));
    }
    // The server has everything once a fresh client sees all of it.
    const check = connectClient(wsUrl, boardId, token);
    try {
      await check.synced;
      const deadline = Date.now() + 30_000;
      while (readBoard(check.doc).notes.length < NOTES) {
        if (Date.now() > deadline) throw new Error(`server holds ${readBoard(check.doc).notes.length} of ${NOTES} notes`);
        await new Promise((r) => setTimeout(r, 100));
      }
    } finally {
      check.destroy();
    }
  } finally {
    client.destroy();
  }
}

/**
 * Starts the in-page frame recorder: one entry per animation frame, with whether the stage moved.
 * Passed as source text: tsx would wrap a named inner function in a helper the page does not have.
 */
const RECORDER = `(() => {
  const stage = window.Konva.stages[0];
  const key = () => stage.x() + ',' + stage.y() + ',' + stage.scaleX();
  // Time spent drawing the canvas layers, summed per frame: the part of a frame this board's code controls.
  if (!window.__drawPatched) {
    window.__drawPatched = true;
    window.__drawMs = 0;
    const draw = window.Konva.Layer.prototype.draw;
    window.Konva.Layer.prototype.draw = function () {
      const t0 = performance.now();
      try { return draw.apply(this, arguments); } finally {
        const ms = performance.now() - t0;
        window.__drawMs += ms;
        // RENDER_DEBUG: which layer was slow, and whether its notes were drawn from the cached bitmap.
        if (window.__debugFrames && ms > 20) console.log('slow layer draw', Math.round(ms), this.getChildren().map((g) => g.getClassName() + ':cached=' + (g.isCached && g.isCached()) + ':' + (g.getChildren ? g.getChildren().length : 0)).join(' '));
      }
    };
  }
  window.__drawMs = 0;
  window.__frames = [];
  window.__recording = true;
  // One loop per recording: a loop left from the previous phase would log every frame twice.
  const run = (window.__recordingRun = (window.__recordingRun || 0) + 1);
  let last = key();
  function tick() {
    if (run !== window.__recordingRun) return;
    const now = key();
    window.__frames.push({ t: performance.now(), moved: now !== last, draw: window.__drawMs });
    window.__drawMs = 0;
    last = now;
    if (window.__recording) requestAnimationFrame(tick);
  }
  requestAnimationFrame(tick);
})()`;

async function startRecording(page: Page): Promise<void> {
  await page.evaluate(RECORDER);
}

async function stopRecording(page: Page): Promise<{ frames: number[]; draws: number[] }> {
  return page.evaluate(async () => {
    const w = window as unknown as { __frames: { t: number; moved: boolean; draw: number }[]; __recording: boolean };
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    w.__recording = false;
    const f = w.__frames;
    const frames: number[] = [];
    const draws: number[] = [];
    // A frame that shows a new transform is drawn by the end of it: its cost is the gap to the next frame,
    // and its canvas drawing is what the next tick finds summed.
    if ((window as unknown as { __debugFrames?: boolean }).__debugFrames) console.log(JSON.stringify(f.map((x) => [Math.round(x.t * 10) / 10, x.moved ? 1 : 0, Math.round(x.draw * 10) / 10])));
    for (let i = 0; i + 1 < f.length; i++) {
      if (!f[i]!.moved) continue;
      frames.push(f[i + 1]!.t - f[i]!.t);
      draws.push(f[i + 1]!.draw);
    }
    return { frames, draws };
  });
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? NaN;
const round = (v: number) => Math.round(v * 100) / 100;
function stats(samples: number[]) {
  const s = [...samples].sort((a, b) => a - b);
  return { frames: s.length, p50Ms: round(quantile(s, 0.5)), p95Ms: round(quantile(s, 0.95)), maxMs: round(s[s.length - 1] ?? NaN) };
}

const stageState = (page: Page) =>
  page.evaluate(() => {
    type Stage = { scaleX(): number; find(sel: string): unknown[] };
    const stage = (window as unknown as { Konva: { stages: Stage[] } }).Konva.stages[0]!;
    return { notesDrawn: stage.find('.note').length, scale: Math.round(stage.scaleX() * 100) / 100 };
  });

/** Puts the mouse over the middle of the notes, so a ctrl+wheel zoom zooms into notes rather than empty space. */
async function pointAtNotes(page: Page): Promise<void> {
  const at = await page.evaluate(() => {
    type Stage = { x(): number; y(): number; scaleX(): number; container(): HTMLElement };
    const stage = (window as unknown as { Konva: { stages: Stage[] } }).Konva.stages[0]!;
    const xs: number[] = [];
    const ys: number[] = [];
    (window as unknown as { __board: { doc: { getMap(k: string): Map<string, { get(k: string): number }> } } }).__board.doc.getMap('notes').forEach((n) => {
      xs.push(n.get('x'));
      ys.push(n.get('y'));
    });
    xs.sort((p, q) => p - q);
    ys.sort((p, q) => p - q);
    const box = stage.container().getBoundingClientRect();
    const half = Math.floor(xs.length / 2);
    return { x: stage.x() + xs[half]! * stage.scaleX(), y: stage.y() + ys[half]! * stage.scaleX(), box: { left: box.left, top: box.top, width: box.width, height: box.height } };
  });
  // Kept well inside the canvas, clear of the toolbars along its edges.
  const clamp = (v: number, size: number) => Math.min(size * 0.8, Math.max(size * 0.2, v));
  await page.mouse.move(at.box.left + clamp(at.x, at.box.width), at.box.top + clamp(at.y, at.box.height));
}

interface Phase {
  name: string;
  /** Zoom phases start with the mouse over the notes. */
  aim?: boolean;
  /** Wheel steps: [dx, dy, ctrl] — ctrl+wheel zooms, as a trackpad pinch does. */
  steps: [number, number, boolean][];
}

function phases(): Phase[] {
  const pan = (n: number, dx: number, dy: number): [number, number, boolean][] => Array.from({ length: n }, (_, i) => [i % 40 < 20 ? dx : -dx, i % 30 < 15 ? dy : -dy, false]);
  const zoom = (n: number, dy: number): [number, number, boolean][] => Array.from({ length: n }, () => [0, dy, true]);
  return [
    { name: 'pan at the first view', steps: pan(100, 40, 25) },
    { name: 'zoom out to the whole board', steps: zoom(40, 12), aim: true },
    { name: 'pan the whole board', steps: pan(60, 30, 20) },
    { name: 'zoom in to 100 %', steps: zoom(19, -12), aim: true },
    { name: 'pan at 100 %', steps: pan(60, 40, 25) },
  ];
}

async function profile(page: Page): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.start');
  if (process.env.RENDER_PROFILE === 'zoom') {
    await pointAtNotes(page);
    await page.keyboard.down('Control');
    for (let i = 0; i < 40; i++) await page.mouse.wheel(0, 12);
    for (let i = 0; i < 19; i++) await page.mouse.wheel(0, -12);
    await page.keyboard.up('Control');
  } else for (let i = 0; i < 30; i++) await page.mouse.wheel(40, 25);
  await page.waitForTimeout(300);
  const { profile: prof } = (await cdp.send('Profiler.stop')) as { profile: { nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number }[] } };
  if (process.env.RENDER_PROFILE_OUT) (await import('node:fs')).writeFileSync(process.env.RENDER_PROFILE_OUT, JSON.stringify(prof));
  const self = new Map<string, number>();
  for (const n of prof.nodes) {
    const k = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}`;
    self.set(k, (self.get(k) ?? 0) + (n.hitCount ?? 0));
  }
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 40)) console.log(((v / total) * 100).toFixed(1).padStart(5), k);
}

export async function runRenderBench(opts: { log?: (line: string) => void } = {}): Promise<RenderBenchResult> {
  const log = opts.log ?? console.log;
  ensureClientBuilt();
  const server = await startServer();
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: [...BROWSER_ARGS, ...UNCAPPED_FRAMES] });
  try {
    const board = await createBoard(server.url, { title: '全国研修会 2,000枚', template: 'impressions-unclear', groups: 12 });
    await fillBoard(server.wsUrl, board.boardId, board.facilitatorToken);
    const context = await browser.newContext({ viewport: VIEWPORT, locale: 'ja-JP' });
    await context.addInitScript(() => {
      localStorage.setItem('fusen.name', '進行役');
      localStorage.setItem('fusen.nameAsked', '1');
    });
    const page = await context.newPage();
    await page.goto(board.links.facilitator);
    await page.waitForSelector('[data-testid="connection-badge"][data-status="online"]', { timeout: 60_000 });
    await page.waitForFunction((n) => (window as unknown as { __board?: { doc: { getMap(k: string): { size: number } } } }).__board?.doc.getMap('notes').size === n, NOTES, { timeout: 60_000 });
    const box = (await page.locator('[data-testid="board-canvas"]').boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.waitForTimeout(500);

    if (process.env.RENDER_PROFILE) await profile(page);
    if (process.env.RENDER_DEBUG) {
      page.on('console', (m) => console.log('page:', m.text()));
      await page.evaluate(() => ((window as unknown as { __debugFrames: boolean }).__debugFrames = true));
    }
    const result: RenderBenchResult = { notes: NOTES, phases: {}, all: { frames: 0, p50Ms: 0, p95Ms: 0, maxMs: 0, busyMsPerFrame: 0, drawP95Ms: 0 }, loadAverage: 0 };
    const all: number[] = [];
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    const busySeconds = async () => ((await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] }).metrics.find((m) => m.name === 'ThreadTime')!.value;
    let busyAll = 0;
    const allDraws: number[] = [];
    for (const phase of phases()) {
      if (phase.aim) await pointAtNotes(page);
      const busyBefore = await busySeconds();
      await startRecording(page);
      for (const [dx, dy, ctrl] of phase.steps) {
        if (ctrl) await page.keyboard.down('Control');
        await page.mouse.wheel(dx, dy);
        if (ctrl) await page.keyboard.up('Control');
      }
      const { frames: samples, draws } = await stopRecording(page);
      allDraws.push(...draws);
      const busy = (await busySeconds()) - busyBefore;
      busyAll += busy;
      all.push(...samples);
      result.phases[phase.name] = { ...stats(samples), drawP95Ms: stats(draws).p95Ms, busyMsPerFrame: round((busy * 1000) / Math.max(1, samples.length)), ...(await stageState(page)) };
    }
    result.all = { ...stats(all), drawP95Ms: stats(allDraws).p95Ms, busyMsPerFrame: round((busyAll * 1000) / Math.max(1, all.length)) };
    result.loadAverage = round(loadavg()[0] ?? 0);
    await context.close();

    log(`render bench: ${NOTES} notes, ${VIEWPORT.width}×${VIEWPORT.height}, headless Chromium (software rendering, frame cap lifted), load average ${result.loadAverage} on ${cpus().length} cores`);
    log('phase                          frames   p50 ms   p95 ms   max ms   cpu ms/frame  draw p95 ms  notes drawn  scale');
    const row = (name: string, s: Omit<FrameStats, 'notesDrawn' | 'scale'>, extra = '') =>
      log(`${name.padEnd(30)} ${String(s.frames).padStart(6)} ${s.p50Ms.toFixed(2).padStart(8)} ${s.p95Ms.toFixed(2).padStart(8)} ${s.maxMs.toFixed(2).padStart(8)} ${s.busyMsPerFrame.toFixed(2).padStart(14)} ${s.drawP95Ms.toFixed(2).padStart(12)}${extra}`);
    for (const [name, s] of Object.entries(result.phases)) row(name, s, `${String(s.notesDrawn).padStart(13)} ${s.scale.toFixed(2).padStart(6)}`);
    row('all', result.all);
    return result;
  } finally {
    await browser.close();
    await server.stop();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  runRenderBench().catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
}
