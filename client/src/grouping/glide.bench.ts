/**
 * The Auto-group press as a facilitator sees it, in the real client (Debian Chromium) on a real server:
 * how long from the click until the layout is in the facilitator's doc and on a participant's doc, and
 * how smooth the glide is (frame gaps while notes move). Run: `npm run bench:autogroup -- --browser`
 * after `npx vite build`. Figures only; nothing here is asserted.
 */
import { readFileSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { addNote, initBoard, readBoard } from '../../../shared/board';
import { newClientKey } from '../../../shared/board/ids';
import { userIdFromKey } from '../../../shared/board/identity';
import { connectClient } from '../../../server/testing/clients';
import { createBoard, launchBrowser, openBoard, startServer } from '../../../e2e/helpers';
import { GLIDE_MAX_NOTES } from './useGrouping';

const texts = readFileSync(resolve(import.meta.dirname, '../../../shared/grouping/fixtures/dev-notes.jsonl'), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => (JSON.parse(l) as { text: string }).text);
void initBoard;

export async function browserBench(sizes: number[]): Promise<void> {
  const server = await startServer();
  const browser = await launchBrowser();
  try {
    console.log(`\nIn the browser (Chromium, 1600×1000, facilitator + one participant page); glide on up to ${GLIDE_MAX_NOTES} notes`);
    console.log(' notes  click→own doc  click→participant  first frame after  frames in 1.5 s  longest gap (ms)  notes layer redraw (notes drawn)');
    for (const n of sizes) {
      const board = await createBoard(server.url, { template: 'impressions-unclear', groups: 3 });
      const key = newClientKey();
      const writer = connectClient(server.wsUrl, board.boardId, board.participantToken, { key });
      await writer.synced;
      const authorId = await userIdFromKey(key);
      const sections = readBoard(writer.doc).sections.filter((s) => s.kind !== 'summary');
      // One update for all the notes, so the participant's rate limit does not slow the set-up.
      writer.doc.transact(() => {
        for (let i = 0; i < n; i++) {
          const s = sections[i % sections.length]!;
          addNote(writer.doc, { text: `${texts[i % texts.length]}（${i}）`, x: s.x + 10 + (i % 3) * 30, y: s.y + 60 + (i % 9) * 30, sectionId: s.id, authorId });
        }
      });
      const fac = await openBoard(browser, board.links.facilitator, { viewport: { width: 1600, height: 1000 } });
      const part = await openBoard(browser, board.links.participant, { viewport: { width: 1280, height: 800 } });
      await fac.page.waitForFunction((n) => window.__board!.doc.getMap('notes').size === n, n, { timeout: 60_000 });
      await part.page.waitForFunction((n) => window.__board!.doc.getMap('notes').size === n, n, { timeout: 60_000 });
      // tsx keeps function names with a helper the page does not have; give it one (a string is not transformed).
      for (const page of [fac.page, part.page]) await page.evaluate('window.__name = (f) => f');
      await part.page.evaluate(() => {
        const meta = window.__board!.doc.getMap('meta');
        meta.observe(() => meta.has('groupingRegions') && ((window as unknown as { __at: number }).__at ??= Date.now()));
      });
      const fig = await fac.page.evaluate(async () => {
        const meta = window.__board!.doc.getMap('meta');
        let at = 0;
        meta.observe(() => meta.has('groupingRegions') && (at ||= performance.now()));
        // Every frame from the click on, so the frames right after the layout change are all seen.
        const frames: number[] = [];
        let stop = false;
        const tick = (t: number) => {
          frames.push(t);
          if (!stop) requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
        const clickedAt = performance.now();
        const wall = Date.now();
        (document.querySelector('[data-testid="autogroup"]') as HTMLButtonElement).click();
        while (!at || performance.now() < at + 1_600) await new Promise((r) => setTimeout(r, 20));
        stop = true;
        const inWindow = frames.filter((t) => t > at && t <= at + 1_500);
        const gaps = inWindow.map((t, k) => t - (k === 0 ? at : inWindow[k - 1]!));
        return { own: at - clickedAt, wall, frames: inWindow.length, worst: Math.max(0, ...gaps), firstFrame: (inWindow[0] ?? NaN) - at };
      });
      // What one frame of the glide costs at least: redrawing the notes' layer (shadows and text, no GPU here).
      const redraw = await fac.page.evaluate(() => {
        type Layer = { draw(): void; find(sel: string): unknown[] };
        const K = (window as unknown as { Konva: { stages: { getLayers(): Layer[] }[] } }).Konva;
        const layer = K.stages[0]!.getLayers().find((l) => l.find('.note').length > 0)!;
        const times: number[] = [];
        for (let i = 0; i < 7; i++) {
          const t = performance.now();
          layer.draw();
          times.push(performance.now() - t);
        }
        return { ms: times.sort((a, b) => a - b)[3]!, drawn: layer.find('.note').length };
      });
      const partAt = await part.page.evaluate(async () => {
        while (!(window as unknown as { __at?: number }).__at) await new Promise((r) => setTimeout(r, 5));
        return (window as unknown as { __at: number }).__at;
      });
      console.log(
        `${String(n).padStart(6)} ${fig.own.toFixed(0).padStart(11)} ms ${String(partAt - fig.wall).padStart(15)} ms ${fig.firstFrame.toFixed(0).padStart(14)} ms ${String(fig.frames).padStart(16)} ${fig.worst.toFixed(0).padStart(17)} ${redraw.ms.toFixed(1).padStart(16)} ms (${redraw.drawn})`,
      );
      await fac.context.close();
      await part.context.close();
      writer.destroy();
    }
  } finally {
    await browser.close();
    await server.stop();
    rmSync(server.dataDir, { recursive: true, force: true });
  }
}
