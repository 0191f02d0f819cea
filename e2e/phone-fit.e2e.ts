import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { createBoard, eventually, screenshotPath, useE2e } from './helpers';
import { connectClient } from '../server/testing/clients';
import { setVoting } from '../shared/board/votes';

const e2e = useE2e();

const LONG_TITLE = '当別町 重層的支援体制整備事業 地域共生社会セミナー 第2回 グループ討議「困っていること／どうしたらよかったんだろう」';
const LONG_NAME = '社会福祉協議会地域福祉課地域支援係主任相談員やまだはなこ';

type Box = { x: number; y: number; width: number; height: number };

/** How wide the page lays out compared with the phone's screen, and whether it was pushed sideways. */
const widths = (page: Page) =>
  page.evaluate(() => ({ scrollWidth: document.scrollingElement!.scrollWidth, innerWidth: window.innerWidth, scrollX: window.scrollX }));

/** Each named control is on the screen, whole, and no two of them overlap. */
async function expectControlsFit(page: Page, state: string, controls: Record<string, Locator>): Promise<void> {
  const w = await widths(page);
  expect(w.scrollWidth, `${state}: the page is wider than the phone`).toBeLessThanOrEqual(w.innerWidth);
  expect(w.scrollX, `${state}: the page moved sideways`).toBe(0);
  const boxes: [string, Box][] = [];
  for (const [name, locator] of Object.entries(controls)) {
    const box = await locator.first().boundingBox();
    expect(box, `${state}: ${name} is not shown`).not.toBeNull();
    expect(box!.x, `${state}: ${name} starts off the left edge`).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width, `${state}: ${name} runs off the right edge`).toBeLessThanOrEqual(w.innerWidth + 0.5);
    boxes.push([name, box!]);
  }
  // Wherever the page is scrolled, the phone shows whether its notes are getting through.
  if (controls['connection badge']) {
    const badge = boxes.find(([n]) => n === 'connection badge')![1];
    const height = await page.evaluate(() => window.innerHeight);
    expect(badge.y, `${state}: the connection badge is scrolled out of sight`).toBeGreaterThanOrEqual(0);
    expect(badge.y + badge.height, `${state}: the connection badge is below the screen`).toBeLessThanOrEqual(height);
    const clipped = await controls['connection badge'].first().evaluate((el) => el.scrollWidth > el.clientWidth + 1);
    expect(clipped, `${state}: the connection badge's words are cut off`).toBe(false);
  }
  // The board's title is still there to read, if shortened.
  const title = await page.locator('.ws-phone-title').boundingBox();
  if (title) expect(title.width, `${state}: the title is squeezed out`).toBeGreaterThan(80);
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const [an, a] = boxes[i]!;
      const [bn, b] = boxes[j]!;
      const overlap = a.x < b.x + b.width - 0.5 && b.x < a.x + a.width - 0.5 && a.y < b.y + b.height - 0.5 && b.y < a.y + a.height - 0.5;
      expect(overlap, `${state}: ${an} and ${bn} overlap`).toBe(false);
    }
  }
}

describe('the phone page fits the phone', () => {
  for (const width of [320, 360, 390]) {
    it(`has no sideways scrolling at ${width} px: join, form, list, voting and offline, with a long title and a long name`, async () => {
      const board = await createBoard(e2e.server.url, { title: LONG_TITLE, template: 'troubles', groups: 3 });
      const facilitator = connectClient(e2e.server.wsUrl, board.boardId, board.facilitatorToken);
      const context = await e2e.browser.newContext({ viewport: { width, height: 640 }, isMobile: true, hasTouch: true, locale: 'ja-JP' });
      const page = await context.newPage();
      let stopped = false;
      try {
        await facilitator.synced;
        await page.goto(board.links.participant);
        const dialog = page.getByTestId('join-dialog');
        await dialog.waitFor({ timeout: 20_000 });
        const badge = page.getByTestId('connection-badge');
        await expectControlsFit(page, 'join dialog', { 'join dialog': dialog });
        await expectControlsFit(page, 'join dialog', { 'name field': page.getByTestId('join-name'), 参加する: page.getByTestId('join-ok'), 'group C': page.getByTestId('join-group-C').locator('..') });

        await page.getByTestId('join-name').fill(LONG_NAME);
        await page.getByTestId('join-group-C').check({ force: true });
        await page.getByTestId('join-ok').click();
        await page.waitForSelector('[data-testid="connection-badge"][data-status="online"]', { timeout: 20_000 });
        const change = page.getByRole('button', { name: '変更' });
        const counter = page.getByTestId('phone-counter');
        const send = page.getByTestId('phone-send');
        await expectControlsFit(page, 'form', { 変更: change, 'connection badge': badge, counter, 送信: send });

        await page.getByTestId('phone-text').fill('困りごとを相談できる窓口がどこにあるのか、住民にも職員にもわかりにくい');
        await send.tap();
        await page.getByTestId('phone-delete').waitFor();
        await expectControlsFit(page, 'after sending', { 変更: change, 'connection badge': badge, counter, 送信: send, 削除: page.getByTestId('phone-delete') });

        setVoting(facilitator.doc, { open: true });
        await page.getByTestId('phone-vote').waitFor();
        await page.screenshot({ path: screenshotPath(`phone-voting-${width}.png`), fullPage: true });
        await expectControlsFit(page, 'voting', { 'connection badge': badge, 投票: page.getByTestId('phone-vote'), 削除: page.getByTestId('phone-delete') });

        // The hall's Wi-Fi drops: the server goes away under the open socket.
        facilitator.destroy();
        await e2e.server.stop();
        stopped = true;
        await eventually(() => badge.getAttribute('data-status'), (s) => s !== 'online', 15_000);
        await page.getByTestId('phone-text').fill('電波が弱いところで書いた付箋');
        await send.tap();
        await expectControlsFit(page, 'offline', { 変更: change, 'connection badge': badge, counter, 送信: send });
        await page.screenshot({ path: screenshotPath(`phone-offline-${width}.png`) });
      } finally {
        await context.close();
        facilitator.destroy();
        if (stopped) await e2e.restartServer();
      }
    });
  }
});
