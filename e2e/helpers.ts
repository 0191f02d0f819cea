import { existsSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { CLIENT_UNDER_TEST, createBoard, startServer, type CreatedBoard, type RunningServer } from '../server/testing/startServer';

export { CLIENT_UNDER_TEST, createBoard, startServer, type CreatedBoard, type RunningServer };

const ROOT = resolve(import.meta.dirname, '..');

/** Screenshots for a person to look at (dist/ is not committed). */
export const screenshotPath = (name: string): string => resolve(ROOT, 'dist/screenshots', name);

/**
 * The e2e tests drive the built test client as the server serves it (CLIENT_UNDER_TEST); fail early
 * with the fix if it is missing.
 */
export function assertClientBuilt(): void {
  const dir = CLIENT_UNDER_TEST;
  if (!existsSync(resolve(ROOT, dir, 'index.html'))) throw new Error(`${dir} is missing: run \`npm run build:test-client\` before the e2e tests`);
}

/** Debian's chromium; never a downloaded browser. */
export function launchBrowser(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', ...extraArgs],
  });
}

export interface E2e {
  /** The real server process this file's tests talk to (a new one after restartServer). */
  readonly server: RunningServer;
  readonly browser: Browser;
  /** The server comes back on the same port and data folder, after a test stopped it (the hall's Wi-Fi dropped). */
  restartServer(): Promise<RunningServer>;
}

/**
 * One server process and one Chromium for every test in the calling file: registers the file's
 * beforeAll/afterAll, and afterwards removes the server's data folder. Use at the top of the file.
 */
export function useE2e(): E2e {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    assertClientBuilt();
    server = await startServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (server) rmSync(server.dataDir, { recursive: true, force: true });
  });
  // A failed test prints what the server logged meanwhile (warnings and errors): often the reason.
  let logFrom = 0;
  beforeEach(() => {
    logFrom = server?.output().length ?? 0;
  });
  afterEach(({ task }) => {
    if (task.result?.state === 'fail' && server) console.error(`server log during "${task.name}":\n${server.output().slice(logFrom).slice(-4000) || '(nothing)'}`);
  });
  const started = <T>(v: T | undefined, what: string): T => {
    if (v === undefined) throw new Error(`${what} starts in beforeAll: use it inside a test or hook`);
    return v;
  };
  return {
    get server() {
      return started(server, 'the e2e server');
    },
    get browser() {
      return started(browser, 'the e2e browser');
    },
    async restartServer() {
      const { port, dataDir, stop } = started(server, 'the e2e server');
      await stop();
      server = await startServer({ port, dataDir });
      return server;
    },
  };
}

export interface OpenBoard {
  context: BrowserContext;
  page: Page;
}

/** The board id in a board link (`…/b/<id>?token=…`). */
export const boardIdOf = (link: string): string => new URL(link).pathname.split('/')[2] ?? '';

/**
 * A fresh browser profile (its own IndexedDB and storage, like another person's phone) on a board
 * link, once the board is synced. The one-time questions are answered in advance: the display name,
 * and for a participant on a board with groups, the join dialog (no group picked).
 */
export async function openBoard(browser: Browser, link: string, opts: { name?: string; viewport?: { width: number; height: number } } = {}): Promise<OpenBoard> {
  const context = await browser.newContext({ viewport: opts.viewport ?? { width: 1280, height: 800 }, locale: 'ja-JP' });
  await context.addInitScript(
    ({ name, boardId }: { name: string; boardId: string }) => {
      localStorage.setItem('fusen.name', name);
      localStorage.setItem('fusen.nameAsked', '1');
      const joined = `fusen.join.${boardId}`;
      if (!localStorage.getItem(joined)) localStorage.setItem(joined, JSON.stringify({ name, group: null }));
    },
    { name: opts.name ?? '', boardId: boardIdOf(link) },
  );
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
  page.on('pageerror', (e) => problems.push(String(e)));
  await page.goto(link);
  await page.waitForSelector('[data-testid="connection-badge"][data-status="online"]', { timeout: 20_000 }).catch(async (err: unknown) => {
    const status = await page.getByTestId('connection-badge').getAttribute('data-status').catch(() => 'no badge');
    throw new Error(`${String(err)}\nconnection badge: ${status}\npage errors:\n${problems.join('\n') || '(none)'}`);
  });
  await page.waitForFunction(() => document.querySelector('[data-testid="board-page"]')?.getAttribute('data-role') !== 'unknown');
  return { context, page };
}

export interface NoteSnapshot {
  id: string;
  text: string;
  x: number;
  y: number;
  w: number;
  h: number;
  sectionId: string | null;
}

/** The notes in a page's doc, read through the read-only test hook `window.__board`. */
export function docNotes(page: Page): Promise<NoteSnapshot[]> {
  return page.evaluate(() => {
    const board = window.__board;
    if (!board) throw new Error('window.__board is not set');
    const out: { id: string; text: string; x: number; y: number; w: number; h: number; sectionId: string | null }[] = [];
    board.doc.getMap('notes').forEach((value, id) => {
      const m = value as { get(k: string): unknown };
      const num = (k: string) => Number(m.get(k));
      out.push({ id, text: String(m.get('text')), x: num('x'), y: num('y'), w: num('w'), h: num('h'), sectionId: (m.get('sectionId') as string | null) ?? null });
    });
    return out;
  });
}

/** The texts of the notes in a page's doc, sorted: what two browsers compare once they have converged. */
export const docTexts = async (page: Page): Promise<string[]> => (await docNotes(page)).map((n) => n.text).sort();

/** Writes a note the way a person does: the add button, type, Escape to close the editor. */
export async function writeNote(page: Page, text: string): Promise<void> {
  await page.getByTestId('add-note').click();
  await page.getByTestId('note-editor-input').waitFor();
  await page.keyboard.insertText(text);
  await page.keyboard.press('Escape');
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
  const transform = () =>
    page.evaluate(() => {
      const K = (window as unknown as { Konva?: { stages: { x(): number; y(): number; scaleX(): number }[] } }).Konva;
      const s = K?.stages[0];
      return s ? { x: s.x(), y: s.y(), scale: s.scaleX() } : null;
    });
  // The view may still be fitting itself to what just synced: use the transform once it holds still.
  let t = await transform();
  for (let i = 0; i < 20; i++) {
    await page.waitForTimeout(150);
    const again = await transform();
    const still = JSON.stringify(again) === JSON.stringify(t);
    t = again;
    if (still) break;
  }
  const box = await page.locator('[data-testid="board-canvas"]').boundingBox();
  if (!t || !box) throw new Error('no stage');
  return { x: box.x + t.x + p.x * t.scale, y: box.y + t.y + p.y * t.scale };
}

/**
 * A phone in the hall: 360×640, touch, Japanese unless told; opens the participant link, waits until it is
 * online, and joins `group` (under `name` when given) in the join dialog.
 */
export async function openPhone(browser: Browser, link: string, opts: { group: string; name?: string; locale?: string }): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 360, height: 640 }, isMobile: true, hasTouch: true, locale: opts.locale ?? 'ja-JP' });
  const page = await context.newPage();
  await page.goto(link);
  await page.waitForSelector('[data-testid="phone-page"][data-role="participant"]', { timeout: 20_000 });
  await page.waitForSelector('[data-testid="connection-badge"][data-status="online"]', { timeout: 20_000 });
  await page.getByTestId('join-dialog').waitFor();
  if (opts.name) await page.getByTestId('join-name').fill(opts.name);
  await page.getByTestId(`join-group-${opts.group}`).check({ force: true });
  await page.getByTestId('join-ok').click();
  await page.getByTestId('phone-group').filter({ hasText: opts.group }).waitFor();
  return { context, page };
}
