import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { createBoard, startServer, type CreatedBoard, type RunningServer } from '../server/testing/startServer';

export { createBoard, startServer, type CreatedBoard, type RunningServer };

const ROOT = resolve(import.meta.dirname, '..');

/** The e2e tests drive the built client as the server serves it; fail early with the fix if it is missing. */
export function assertClientBuilt(): void {
  if (!existsSync(resolve(ROOT, 'dist/client/index.html'))) throw new Error('dist/client is missing: run `npx vite build` before the e2e tests');
}

/** Debian's chromium; never a downloaded browser. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export interface OpenBoard {
  context: BrowserContext;
  page: Page;
}

/**
 * A fresh browser profile (its own IndexedDB and storage, like another person's phone) on a board
 * link, once the board is synced. The one-time display-name question is answered in advance.
 */
export async function openBoard(browser: Browser, link: string, opts: { name?: string; viewport?: { width: number; height: number } } = {}): Promise<OpenBoard> {
  const context = await browser.newContext({ viewport: opts.viewport ?? { width: 1280, height: 800 }, locale: 'ja-JP' });
  await context.addInitScript((name: string) => {
    localStorage.setItem('fusen.name', name);
    localStorage.setItem('fusen.nameAsked', '1');
  }, opts.name ?? '');
  const page = await context.newPage();
  await page.goto(link);
  await page.waitForSelector('[data-testid="connection-badge"][data-status="online"]', { timeout: 20_000 });
  await page.waitForFunction(() => document.querySelector('[data-testid="board-page"]')?.getAttribute('data-role') !== 'unknown');
  return { context, page };
}

export interface NoteSnapshot {
  id: string;
  text: string;
  x: number;
  y: number;
}

/** The notes in a page's doc, read through the read-only test hook `window.__board`. */
export function docNotes(page: Page): Promise<NoteSnapshot[]> {
  return page.evaluate(() => {
    const board = window.__board;
    if (!board) throw new Error('window.__board is not set');
    const out: { id: string; text: string; x: number; y: number }[] = [];
    board.doc.getMap('notes').forEach((value, id) => {
      const m = value as { get(k: string): unknown };
      out.push({ id, text: String(m.get('text')), x: Number(m.get('x')), y: Number(m.get('y')) });
    });
    return out;
  });
}

/** The texts the page has actually drawn on its Konva stage (what the person sees), without a screenshot. */
export function drawnNoteTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const K = (window as unknown as { Konva?: { stages: { find(sel: string): { findOne(sel: string): { text(): string } | undefined }[] }[] } }).Konva;
    const stage = K?.stages[0];
    if (!stage) return [];
    return stage.find('.note').map((g) => g.findOne('Text')?.text() ?? '');
  });
}

/** Polls until `check` passes (or throws its last error at the deadline). */
export async function eventually<T>(read: () => Promise<T>, check: (v: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T;
  for (;;) {
    last = await read();
    if (check(last)) return last;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms; last value: ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A point on the canvas clear of the floating toolbars, in page coordinates (empty on a blank board). */
export async function emptyCanvasPoint(page: Page): Promise<{ x: number; y: number }> {
  const box = await page.locator('[data-testid="board-canvas"]').boundingBox();
  if (!box) throw new Error('no canvas');
  return { x: box.x + box.width * 0.35, y: box.y + box.height * 0.4 };
}

/** Page coordinates of a board point, from the stage's current pan and zoom. */
export async function boardToPage(page: Page, p: { x: number; y: number }): Promise<{ x: number; y: number }> {
  const t = await page.evaluate(() => {
    const K = (window as unknown as { Konva?: { stages: { x(): number; y(): number; scaleX(): number }[] } }).Konva;
    const s = K?.stages[0];
    return s ? { x: s.x(), y: s.y(), scale: s.scaleX() } : null;
  });
  const box = await page.locator('[data-testid="board-canvas"]').boundingBox();
  if (!t || !box) throw new Error('no stage');
  return { x: box.x + t.x + p.x * t.scale, y: box.y + t.y + p.y * t.scale };
}
