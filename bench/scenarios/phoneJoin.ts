import type { Browser, BrowserContext, Page } from 'playwright-core';
import { withServer, type BenchServer } from '../servers';
import { withGenerators } from '../load/rpc';
import { percentile } from '../lib/histogram';
import { round, type ScenarioResult } from '../lib/result';
import { countBytes, ensureClientBuilt, launchChromium, throttleAsPhone } from '../lib/chromium';

/** Marks the page sets for itself (performance.now(), from navigation start): no polling from outside, which a 4× slower CPU would feel. */
interface Marks {
  form?: number;
  notes?: number;
}

/**
 * Runs in the page before its scripts: notes when the note form's textarea first exists and when the
 * group's list first holds `expect` notes, on the DOM change that made it so.
 */
function markWhenUsable(expect: number): void {
  const w = window as unknown as { __benchMarks: Marks };
  w.__benchMarks = {};
  // Inline and anonymous: tsx names consts' functions through a helper the page does not have.
  new MutationObserver((_, observer) => {
    const m = w.__benchMarks;
    const now = performance.now();
    if (m.form === undefined && document.querySelector('[data-testid="phone-text"]')) m.form = now;
    if (m.notes === undefined && document.querySelectorAll('[data-testid="phone-note"]').length >= expect) m.notes = now;
    if (m.form !== undefined && m.notes !== undefined) observer.disconnect();
  }).observe(document, { childList: true, subtree: true });
}

interface Visit {
  formMs: number;
  notesMs: number;
  httpBytes: number;
  wsBytes: number;
  requests: number;
}

async function visit(context: BrowserContext, url: string, expect: number): Promise<{ page: Page; visit: Visit; bytes: ReturnType<typeof countBytes> }> {
  const page = await context.newPage();
  const bytes = countBytes(await throttleAsPhone(page));
  await page.addInitScript(markWhenUsable, expect);
  await page.goto(url, { waitUntil: 'commit' });
  const marks = await page
    .waitForFunction(() => {
      const m = (window as unknown as { __benchMarks?: Marks }).__benchMarks;
      return m?.form !== undefined && m.notes !== undefined ? m : null;
    }, undefined, { polling: 500, timeout: 90_000 })
    .then((h) => h.jsonValue() as Promise<Required<Marks>>)
    .catch(async (err: Error) => {
      const state = await page.evaluate(() => ({
        marks: (window as unknown as { __benchMarks?: Marks }).__benchMarks,
        listed: document.querySelectorAll('[data-testid="phone-note"]').length,
        text: document.body.innerText.slice(0, 160),
      }));
      throw new Error(`${err.message.split('\n')[0]}; expected ${expect} notes; page: ${JSON.stringify(state)}`);
    });
  return { page, bytes, visit: { formMs: marks.form, notesMs: marks.notes, httpBytes: bytes.http(), wsBytes: bytes.ws(), requests: bytes.requests() } };
}

/** A first visit on a fresh phone, then, once its service worker is active, a second visit from its caches. */
async function firstAndRepeat(browser: Browser, server: BenchServer, board: { room: string; token?: string }, group: string, expect: number) {
  const context = await browser.newContext({ viewport: { width: 360, height: 640 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
  try {
    // The person picked their group already: the join dialog is a person's step, not the page's.
    await context.addInitScript(([id, g]) => localStorage.setItem(`fusen.join.${id}`, JSON.stringify({ name: '', group: g })), [board.room, group] as const);
    const url = `${server.url}/b/${board.room}?token=${board.token}`;
    const first = await visit(context, url, expect);
    await first.page.evaluate(() => navigator.serviceWorker?.ready.then(() => undefined));
    const idleBytes = first.bytes.http() - first.visit.httpBytes;
    await first.page.close();
    const repeat = await visit(context, url, expect);
    await repeat.page.close();
    return { first: first.visit, repeat: repeat.visit, idleBytes };
  } finally {
    await context.close();
  }
}

const median = (xs: number[]) => round(percentile(xs, 0.5));
const spread = (xs: number[]) => `${round(Math.min(...xs), 0)}–${round(Math.max(...xs), 0)}`;
const kb = (b: number) => round(b / 1024, 1);

/**
 * `phone-join`: a participant's phone (360×640, 150 ms round trip, 1.6 Mbit/s down, 750 kbit/s up,
 * CPU 4× slower) opens the participant link of a 300-note board with groups: bytes on the wire, time
 * to the note form and to the group's notes listed, then the same phone again from its caches.
 */
export async function phoneJoin(notes: number, runs: number): Promise<ScenarioResult> {
  ensureClientBuilt();
  return withServer('ours', {}, async (server) => {
    const board = await server.newBoard();
    return withGenerators(1, async ([seeder]) => {
      await seeder!.call({ cmd: 'connect', target: server.base, clients: [{ sender: 0, ...board }], perSecond: 10, passive: false });
      const seeded = await seeder!.call({ cmd: 'seed', count: notes, batch: 100, everyClient: false, inSections: true });
      const [group, expect] = Object.entries(seeded.perGroup).sort()[0]!;
      const browser = await launchChromium();
      try {
        const results = [];
        for (let i = 0; i < runs; i++) results.push(await firstAndRepeat(browser, server, board, group, expect));
        const first = results.map((r) => r.first);
        const repeat = results.map((r) => r.repeat);
        return {
          name: `phone-join-${notes}`,
          server: 'ours',
          p50Ms: median(first.map((v) => v.notesMs)),
          p99Ms: null,
          maxMs: round(Math.max(...first.map((v) => v.notesMs))),
          cpuMsPerOp: null,
          rssMb: null,
          dropped: null,
          extra: {
            runs,
            groupNotes: expect,
            pageKB: kb(percentile(first.map((v) => v.httpBytes), 0.5)),
            requests: percentile(first.map((v) => v.requests), 0.5),
            boardKB: kb(percentile(first.map((v) => v.wsBytes), 0.5)),
            afterLoadKB: kb(percentile(results.map((r) => r.idleBytes), 0.5)),
            formMs: median(first.map((v) => v.formMs)),
            formSpread: spread(first.map((v) => v.formMs)),
            notesMs: median(first.map((v) => v.notesMs)),
            notesSpread: spread(first.map((v) => v.notesMs)),
            repeatMs: median(repeat.map((v) => v.notesMs)),
            repeatSpread: spread(repeat.map((v) => v.notesMs)),
            repeatPageKB: kb(percentile(repeat.map((v) => v.httpBytes), 0.5)),
          },
        };
      } finally {
        await browser.close();
      }
    });
  });
}
