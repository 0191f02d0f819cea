import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { createBoard, docNotes, eventually, launchBrowser, openBoard, useE2e } from './helpers';

const e2e = useE2e();

/** A LAN-like name for the facilitator's laptop, as a hall's phones reach it: not loopback, not https. */
const HALL_HOST = 'fusen-hall.lan';
let hallBrowser: Browser;

beforeAll(async () => {
  hallBrowser = await launchBrowser([`--host-resolver-rules=MAP ${HALL_HOST} 127.0.0.1`]);
});
afterAll(async () => {
  await hallBrowser.close();
});

const onHallAddress = (link: string): string => {
  const url = new URL(link);
  url.hostname = HALL_HOST;
  return url.toString();
};

describe('the hall setup: the laptop serves plain http on its LAN address', () => {
  it('loads the phone page over http on a non-loopback name and sends a note to the projector', async () => {
    const board = await createBoard(e2e.server.url, { title: '地域福祉セミナー', template: 'impressions-unclear', groups: 2 });
    const projector = await openBoard(e2e.browser, board.links.viewer);
    const context = await hallBrowser.newContext({ viewport: { width: 360, height: 640 }, isMobile: true, hasTouch: true, locale: 'ja-JP' });
    const page = await context.newPage();
    const failed: string[] = [];
    page.on('requestfailed', (r) => failed.push(`${r.url()} ${r.failure()?.errorText ?? ''}`));
    try {
      const response = await page.goto(onHallAddress(board.links.participant));
      expect(response?.headers()['content-security-policy']).not.toContain('upgrade-insecure-requests');
      // What makes this the hall's case: the browser does not treat the page as a secure context.
      expect(await page.evaluate(() => window.isSecureContext)).toBe(false);
      await page.waitForSelector('[data-testid="phone-page"][data-role="participant"]', { timeout: 20_000 });
      await page.waitForSelector('[data-testid="connection-badge"][data-status="online"]', { timeout: 20_000 });
      await page.getByTestId('join-dialog').waitFor();
      await page.getByTestId('join-name').fill('佐藤');
      await page.getByTestId('join-group-A').check({ force: true });
      await page.getByTestId('join-ok').click();
      await page.getByTestId('phone-text').fill('相談先がわからない');
      await page.getByTestId('phone-send').click();
      const seen = await eventually(() => docNotes(projector.page), (n) => n.some((x) => x.text === '相談先がわからない'));
      expect(seen.map((n) => n.text)).toContain('相談先がわからない');
      expect(failed.filter((f) => f.startsWith('https:'))).toEqual([]);
    } finally {
      await context.close();
      await projector.context.close();
    }
  });
});
