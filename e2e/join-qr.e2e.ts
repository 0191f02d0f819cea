import { describe, expect, it } from 'vitest';
import { createBoard, openBoard, screenshotPath, useE2e } from './helpers';

const e2e = useE2e();

describe('the projected QR code', () => {
  it('prints the whole joinable link (typed from the screen it gets a participant in); Escape closes it and focus goes back to its button', async () => {
    const board = await createBoard(e2e.server.url, { title: '当別町 地域共生社会セミナー', template: 'impressions-unclear', groups: 3 });
    const fac = await openBoard(e2e.browser, board.links.facilitator, { name: '進行役', viewport: { width: 1920, height: 1080 } });
    const typed = await e2e.browser.newContext({ viewport: { width: 360, height: 640 }, isMobile: true, hasTouch: true, locale: 'ja-JP' });
    try {
      const { page } = fac;
      await page.getByTestId('ws-panel-open').click();
      await page.getByTestId('ws-qr-full').click();
      const printed = (await page.getByTestId('ws-qr-url').textContent()) ?? '';
      expect(printed).toContain('token=');
      const box = await page.getByTestId('ws-qr-url').boundingBox();
      expect(box!.x).toBeGreaterThanOrEqual(0);
      expect(box!.x + box!.width).toBeLessThanOrEqual(1920);
      await page.screenshot({ path: screenshotPath('join-qr-1920.png') });

      // Someone at the back types what they read.
      const phone = await typed.newPage();
      await phone.goto(printed);
      await phone.getByTestId('join-dialog').waitFor({ timeout: 20_000 });

      await page.keyboard.press('Escape');
      await page.getByTestId('ws-qr-overlay').waitFor({ state: 'detached' });
      await page.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'ws-qr-full');
    } finally {
      await typed.close();
      await fac.context.close();
    }
  });
});
