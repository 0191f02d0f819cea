import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { CLIENT_UNDER_TEST, createBoard, docTexts as texts, drawnNoteTexts, eventually, openBoard, startServer, useE2e, writeNote } from './helpers';

const e2e = useE2e();

const status = (page: Page) => page.getByTestId('connection-badge').getAttribute('data-status');

/** Once the service worker has installed (the app shell is cached) and controls this page. */
async function untilWorkerControls(page: Page): Promise<void> {
  const controlled = () =>
    page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.active?.state === 'activated' && navigator.serviceWorker.controller !== null);
  await eventually(controlled, (c) => c, 20_000);
}

/** Every URL in this origin's Cache Storage. */
const cachedUrls = (page: Page): Promise<string[]> =>
  page.evaluate(async () => {
    const out: string[] = [];
    for (const name of await caches.keys()) for (const req of await (await caches.open(name)).keys()) out.push(req.url);
    return out;
  });

/** The build's files this page has loaded, as paths. */
const loadedAssets = (page: Page): Promise<string[]> =>
  page.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .map((e) => new URL(e.name))
      .filter((u) => u.origin === location.origin && u.pathname.startsWith('/assets/'))
      .map((u) => u.pathname),
  );

const BUILT = resolve(import.meta.dirname, '..', CLIENT_UNDER_TEST);
/** What the app is made of; the build's precompressed copies (.br, .gz) are another encoding of the same files. */
const builtAssets = (): string[] => readdirSync(join(BUILT, 'assets')).filter((f) => !/\.(br|gz)$/.test(f));

/** Writes a built file as a build does: with its precompressed copies, which the server would serve instead. */
function writeBuilt(file: string, content: string): void {
  writeFileSync(file, content);
  if (existsSync(`${file}.br`)) writeFileSync(`${file}.br`, brotliCompressSync(content));
  if (existsSync(`${file}.gz`)) writeFileSync(`${file}.gz`, gzipSync(content));
}

/**
 * A new deploy of the client into `dir`: a changed index.html, and the worker that lists its new
 * revision (what `vite build` produces for a changed page), without rebuilding.
 */
function deployNewClient(dir: string, marker: string): void {
  const page = join(dir, 'index.html');
  writeBuilt(page, readFileSync(page, 'utf8').replace('<head>', `<head><meta name="fusen-build" content="${marker}">`));
  const sw = join(dir, 'sw.js');
  const before = readFileSync(sw, 'utf8');
  const after = before.replace(/(url:"index\.html",revision:")[0-9a-f]+"/, `$1${marker}"`);
  if (after === before) throw new Error('sw.js does not list index.html with a revision: has the Workbox output changed?');
  writeBuilt(sw, after);
}
/** The worker of the deploy whose index.html revision is `revision` has installed and taken over. */
async function newWorkerActive(page: Page, revision: string): Promise<boolean> {
  if (!(await cachedUrls(page)).some((u) => u.includes(`__WB_REVISION__=${revision}`))) return false;
  return page.evaluate(async () => {
    const reg = await navigator.serviceWorker.getRegistration();
    return !!reg && !reg.installing && !reg.waiting && reg.active?.state === 'activated';
  });
}
const buildMarker = (page: Page) => page.evaluate(() => document.querySelector('meta[name="fusen-build"]')?.getAttribute('content') ?? null);

/**
 * The phone's Wi-Fi is off (the browser's network is off, for the page and its service worker alike)
 * and the person reloads the board, or opens a link from their chat app again.
 */
describe('opening the board with no network (the app kept by the service worker)', () => {
  it('a board opened before reloads offline from the device, takes new notes, and merges them once on reconnect', async () => {
    const board = await createBoard(e2e.server.url, { template: 'blank' });
    const a = await openBoard(e2e.browser, board.links.participant, { name: '参加者A' });
    const b = await openBoard(e2e.browser, board.links.participant, { name: '参加者B' });
    try {
      await writeNote(a.page, 'オンラインで書いた付箋');
      await eventually(() => texts(b.page), (t) => t.length === 1);
      await untilWorkerControls(a.page);

      // Everything the board page runs on is kept, and, fetched when idle, the parts it may need later
      // (export, the phone view); nothing with a token or from the API or socket is.
      const later = builtAssets().filter((f) => /^(pdf|PhonePage)-.*\.js$/.test(f));
      expect(later.length).toBe(2);
      await eventually(
        async () => {
          const cached = await cachedUrls(a.page);
          return [...(await loadedAssets(a.page)), ...later.map((f) => `/assets/${f}`), '/index.html'].filter((file) => !cached.some((u) => new URL(u).pathname === file));
        },
        (missing) => missing.length === 0,
        20_000,
      );
      expect((await cachedUrls(a.page)).filter((u) => /token=|\/api\/|\/ws\//.test(u))).toEqual([]);

      await a.context.setOffline(true);
      await a.page.reload();
      await a.page.getByTestId('board-page').waitFor();
      expect(await status(a.page)).toBe('offline');
      await eventually(() => drawnNoteTexts(a.page), (t) => t.includes('オンラインで書いた付箋'));

      await writeNote(a.page, 'オフラインで書いた付箋');
      expect(await a.page.getByTestId('connection-badge').getAttribute('data-unsent')).toBe('true');
      expect(await texts(a.page)).toEqual(['オフラインで書いた付箋', 'オンラインで書いた付箋']);
      expect(await texts(b.page)).toEqual(['オンラインで書いた付箋']);

      await a.context.setOffline(false);
      await a.page.waitForSelector('[data-testid="connection-badge"][data-status="online"]', { timeout: 30_000 });
      await eventually(() => texts(b.page), (t) => t.length >= 2, 20_000);
      // Give a duplicate the time to arrive before checking there is none.
      await a.page.waitForTimeout(1_000);
      expect(await texts(b.page)).toEqual(['オフラインで書いた付箋', 'オンラインで書いた付箋']);
      expect(await texts(a.page)).toEqual(['オフラインで書いた付箋', 'オンラインで書いた付箋']);
    } finally {
      await a.context.close();
      await b.context.close();
    }
  });

  it('a board never opened on this device says so instead of showing an empty board, and opens once the network is back', async () => {
    const seen = await createBoard(e2e.server.url, { template: 'blank' });
    const other = await createBoard(e2e.server.url, { template: 'blank' });
    const a = await openBoard(e2e.browser, seen.links.participant, { name: '参加者A' });
    const b = await openBoard(e2e.browser, other.links.participant, { name: '参加者B' });
    try {
      await writeNote(b.page, '別のボードの付箋');
      await writeNote(a.page, '開いたボードの付箋');
      await untilWorkerControls(a.page);

      await a.context.setOffline(true);
      await a.page.goto(other.links.participant);
      await a.page.getByTestId('board-not-here').waitFor();
      expect(await a.page.getByTestId('board-not-here').textContent()).toContain('まだこの端末にありません');
      expect(await status(a.page)).toBe('offline');
      expect(await a.page.getByTestId('add-note').count()).toBe(0);
      expect(await texts(a.page)).toEqual([]); // nothing of the board this device does have

      // What the server answers itself (an export link) is not replaced by the app: it fails plainly.
      const tab = await a.context.newPage();
      const exportUrl = `${e2e.server.url}/api/boards/${seen.boardId}/export.json?token=${seen.participantToken}`;
      await expect(tab.goto(exportUrl)).rejects.toThrow(/ERR_INTERNET_DISCONNECTED/);
      await tab.close();

      await a.context.setOffline(false);
      await a.page.waitForSelector('[data-testid="connection-badge"][data-status="online"]', { timeout: 30_000 });
      await eventually(() => texts(a.page), (t) => t.length === 1, 20_000);
      expect(await texts(a.page)).toEqual(['別のボードの付箋']);
      await eventually(() => drawnNoteTexts(a.page), (t) => t.includes('別のボードの付箋'));
    } finally {
      await a.context.close();
      await b.context.close();
    }
  });

  it('a new deploy reaches a person who opened the board before within two loads, and nothing they wrote is lost', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fusen-client-'));
    cpSync(BUILT, dir, { recursive: true });
    const srv = await startServer({ env: { CLIENT_DIR: dir } });
    try {
      const board = await createBoard(srv.url, { template: 'blank' });
      const a = await openBoard(e2e.browser, board.links.participant, { name: '参加者A' });
      try {
        await writeNote(a.page, 'デプロイ前に書いた付箋');
        await untilWorkerControls(a.page);
        expect(await buildMarker(a.page)).toBeNull();

        deployNewClient(dir, 'deadbeef2');
        // The load right after the deploy may still show the kept client while the new worker installs.
        await a.page.reload();
        await a.page.getByTestId('board-page').waitFor();
        await eventually(() => newWorkerActive(a.page, 'deadbeef2'), (active) => active, 20_000);
        await a.page.reload();
        await a.page.getByTestId('board-page').waitFor();
        expect(await buildMarker(a.page)).toBe('deadbeef2');
        await eventually(() => texts(a.page), (t) => t.includes('デプロイ前に書いた付箋'));
      } finally {
        await a.context.close();
      }
    } finally {
      await srv.stop();
      rmSync(srv.dataDir, { recursive: true, force: true });
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
