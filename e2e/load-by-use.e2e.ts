import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { CLIENT_UNDER_TEST, createBoard, docTexts, eventually, openBoard, useE2e } from './helpers';

const e2e = useE2e();

const BUILT = resolve(import.meta.dirname, '..', CLIENT_UNDER_TEST);
const builtJs = (): string[] => readdirSync(join(BUILT, 'assets')).filter((f) => f.endsWith('.js'));
/** The build's files that hold a library, found by what is inside them rather than by chunk names. */
const holding = (marker: string): string[] => builtJs().filter((f) => readFileSync(join(BUILT, 'assets', f), 'utf8').includes(marker));

/** Every /assets file the page asked for, whether the network or the service worker answered. */
function assetRequests(context: BrowserContext): Set<string> {
  const asked = new Set<string>();
  context.on('request', (r) => {
    const u = new URL(r.url());
    if (u.pathname.startsWith('/assets/')) asked.add(u.pathname.slice('/assets/'.length));
  });
  return asked;
}

/** Once the service worker controls the page and has kept the route's own files: the idle warm-up is done. */
async function untilKept(page: Page, file: string): Promise<void> {
  const kept = () =>
    page.evaluate(async (f) => {
      if (!navigator.serviceWorker.controller) return false;
      for (const name of await caches.keys()) for (const req of await (await caches.open(name)).keys()) if (req.url.endsWith(`/assets/${f}`)) return true;
      return false;
    }, file);
  await eventually(kept, (k) => k, 20_000);
}

describe('a first visit downloads only what its screen uses', () => {
  it('a phone in the hall gets the note form and its group’s notes, and never the canvas, export or QR code', async () => {
    const konva = holding('Konva.');
    const pdf = holding('jsPDF');
    const qr = holding('QR Code');
    for (const files of [konva, pdf, qr]) expect(files.length).toBeGreaterThan(0);
    const board = await createBoard(e2e.server.url, { title: '苫小牧 研修', template: 'impressions-unclear', groups: 2 });
    const desk = await openBoard(e2e.browser, board.links.facilitator, { name: '進行役' });
    const context = await e2e.browser.newContext({ viewport: { width: 360, height: 640 }, isMobile: true, hasTouch: true, locale: 'ja-JP' });
    const asked = assetRequests(context);
    try {
      const page = await context.newPage();
      await page.goto(board.links.participant);
      await page.waitForSelector('[data-testid="phone-page"][data-role="participant"]', { timeout: 20_000 });
      await page.getByTestId('join-name').fill('田中');
      await page.getByTestId('join-group-A').check({ force: true });
      await page.getByTestId('join-ok').click();
      await page.getByTestId('phone-text').fill('居場所づくりの相談先が分からない');
      await page.getByTestId('phone-send').click();
      await eventually(() => docTexts(desk.page), (t) => t.includes('居場所づくりの相談先が分からない'));

      const phoneChunk = [...asked].find((f) => f.startsWith('PhonePage-') && f.endsWith('.js'));
      expect(phoneChunk).toBeDefined();
      await untilKept(page, phoneChunk!);
      expect([...asked].filter((f) => [...konva, ...pdf, ...qr].includes(f))).toEqual([]);
      expect(await page.locator('canvas').count()).toBe(0);
    } finally {
      await context.close();
      await desk.context.close();
    }
  });

  it('the list view works without Konva, and the canvas arrives when the person switches to it', async () => {
    const konva = holding('Konva.');
    const board = await createBoard(e2e.server.url, { title: '当別町 セミナー', template: 'impressions-unclear', groups: 1 });
    const desk = await openBoard(e2e.browser, board.links.facilitator, { name: '進行役' });
    const list = `${board.links.participant}${board.links.participant.includes('?') ? '&' : '?'}view=list`;
    const context = await e2e.browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'ja-JP' });
    await context.addInitScript(() => {
      localStorage.setItem('fusen.name', '佐藤');
      localStorage.setItem('fusen.nameAsked', '1');
    });
    const asked = assetRequests(context);
    try {
      const page = await context.newPage();
      await page.goto(list);
      await page.getByTestId('list-view').waitFor({ timeout: 20_000 });
      await page.waitForSelector('[data-testid="connection-badge"][data-status="online"]', { timeout: 20_000 });
      const join = page.getByTestId('join-ok');
      if (await join.isVisible()) await join.click();
      await page.getByTestId('list-add-text').first().fill('見守りの担い手が足りない');
      await page.getByTestId('list-add-submit').first().click();
      await eventually(() => docTexts(desk.page), (t) => t.includes('見守りの担い手が足りない'));

      const boardChunk = [...asked].find((f) => f.startsWith('BoardPage-') && f.endsWith('.js'));
      expect(boardChunk).toBeDefined();
      await untilKept(page, boardChunk!);
      expect([...asked].filter((f) => konva.includes(f))).toEqual([]);

      await page.getByTestId('list-toggle').click();
      await page.locator('.board-stage canvas').first().waitFor({ timeout: 20_000 });
      expect([...asked].filter((f) => konva.includes(f)).length).toBeGreaterThan(0);
    } finally {
      await context.close();
      await desk.context.close();
    }
  });
});

describe('the production build', () => {
  // What `npm start` serves: the board's document is not handed to any script on the page.
  const PRODUCTION = resolve(import.meta.dirname, '..', 'dist/client');
  const exposing = (dir: string) =>
    readdirSync(join(dir, 'assets'))
      .filter((f) => f.endsWith('.js'))
      .filter((f) => readFileSync(join(dir, 'assets', f), 'utf8').includes('__board'));

  it('carries no test hook, which only the test build installs', () => {
    expect(exposing(BUILT).length).toBeGreaterThan(0);
    expect(exposing(PRODUCTION)).toEqual([]);
  });
});
