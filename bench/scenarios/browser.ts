import { withServer } from '../servers';
import { withGenerators } from '../load/rpc';
import { percentile } from '../lib/histogram';
import { round, type ScenarioResult } from '../lib/result';
import { ensureClientBuilt, launchChromium } from '../lib/chromium';

/**
 * Issue 2: a board of `notes` notes; a new browser (fresh profile: nothing cached in IndexedDB) opens
 * the participant link (or, as `desktop-join`, the facilitator's). Timed from navigation start until the doc holds every note and the canvas has
 * a shape (Konva node named "note") for every note inside the view after the client's zoom-to-fit,
 * plus one frame for Konva to paint them.
 */
export async function browserColdLoad(notes: number, runs: number, as: { name?: string; facilitator?: boolean } = {}): Promise<ScenarioResult> {
  ensureClientBuilt();
  return withServer('ours', {}, async (server) => {
    const board = await server.newBoard();
    return withGenerators(1, async ([seeder]) => {
      await seeder!.call({ cmd: 'connect', target: server.base, clients: [{ sender: 0, ...board }], perSecond: 10, passive: false });
      await seeder!.call({ cmd: 'seed', count: notes, batch: 250, everyClient: false });
      const browser = await launchChromium();
      try {
        const times: number[] = [];
        const drawn: number[] = [];
        for (let i = 0; i < runs; i++) {
          const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
          const page = await context.newPage();
          await page.goto(`${server.url}/b/${board.room}?token=${as.facilitator ? board.facilitatorToken : board.token}`);
          const done = await page.waitForFunction(
            (expect) => {
              type Stage = { find(sel: string): { length: number }; x(): number; y(): number; scaleX(): number; width(): number; height(): number };
              const w = window as unknown as {
                __board?: { doc: { getMap(n: string): { size: number; forEach(f: (m: { get(k: string): unknown }) => void): void } } };
                Konva?: { stages: Stage[] };
                benchDrawnAt?: number;
                benchWaiting?: boolean;
              };
              if (w.benchDrawnAt) return w.benchDrawnAt;
              const notes = w.__board?.doc.getMap('notes');
              const stage = w.Konva?.stages[0];
              if (w.benchWaiting || !notes || !stage || notes.size < expect) return 0;
              // The canvas draws only what is on screen (zoom-to-fit stops at its minimum zoom): count those notes.
              const k = stage.scaleX();
              const view = { x: -stage.x() / k, y: -stage.y() / k, w: stage.width() / k, h: stage.height() / k };
              let visible = 0;
              notes.forEach((m) => {
                const [x, y, nw, nh] = ['x', 'y', 'w', 'h'].map((f) => Number(m.get(f)));
                if (x! < view.x + view.w && x! + nw! > view.x && y! < view.y + view.h && y! + nh! > view.y) visible++;
              });
              if (visible === 0 || stage.find('.note').length < visible) return 0;
              // Konva draws on the next animation frame: the one after that has the notes on screen.
              w.benchWaiting = true;
              requestAnimationFrame(() => requestAnimationFrame(() => (w.benchDrawnAt = performance.now())));
              return 0;
            },
            notes,
            { polling: 'raf', timeout: 60_000 },
          ).catch(async (err: Error) => {
            const state = await page.evaluate(() => {
              const w = window as unknown as { __board?: { doc: { getMap(n: string): { size: number } } }; Konva?: { stages: { find(s: string): { length: number } }[] } };
              return { notesInDoc: w.__board?.doc.getMap('notes').size, notesDrawn: w.Konva?.stages[0]?.find('.note').length, text: document.body.innerText.slice(0, 120) };
            });
            throw new Error(`${err.message.split('\n')[0]}; page: ${JSON.stringify(state)}`);
          });
          const ms = Number(await done.jsonValue());
          times.push(ms);
          drawn.push(Number(await page.evaluate(() => (window as unknown as { Konva: { stages: { find(s: string): { length: number } }[] } }).Konva.stages[0]!.find('.note').length)));
          await context.close();
        }
        return {
          name: as.name ?? `browser-cold-load-${notes}`,
          server: 'ours',
          p50Ms: round(percentile(times, 0.5)),
          p99Ms: round(percentile(times, 0.99)),
          maxMs: round(Math.max(...times)),
          cpuMsPerOp: null,
          rssMb: null,
          dropped: null,
          extra: { runs, notesDrawnInView: drawn[0] ?? 0 },
        };
      } finally {
        await browser.close();
      }
    });
  });
}
