import { describe, expect, it } from 'vitest';
import { createBoard, openBoard, screenshotPath, useE2e } from './helpers';

const e2e = useE2e();

describe('the facilitator’s activity log', () => {
  it('lists the lock the facilitator just set, with who set it, newest first', async () => {
    const board = await createBoard(e2e.server.url, { template: 'impressions-unclear', groups: 2 });
    const f = await openBoard(e2e.browser, board.links.facilitator, { name: '進行役', viewport: { width: 1280, height: 800 } });
    try {
      await f.page.getByTestId('ws-panel-open').click();
      const lock = f.page.getByTestId('ws-lock');
      await lock.click();
      await f.page.locator('[data-testid="ws-lock"][aria-pressed="true"]').waitFor();
      await lock.click();
      await f.page.locator('[data-testid="ws-lock"][aria-pressed="false"]').waitFor();
      const log = f.page.getByTestId('audit-log');
      await log.locator('summary').click();
      const rows = log.locator('tbody tr');
      await rows.nth(1).waitFor();
      expect(await rows.nth(0).locator('td').nth(1).textContent()).toBe('ロック解除');
      expect(await rows.nth(1).locator('td').nth(1).textContent()).toBe('ロック');
      expect(await rows.nth(1).locator('td').nth(2).textContent()).toBe('進行役');
      await log.scrollIntoViewIfNeeded();
      await f.page.screenshot({ path: screenshotPath('audit-1280.png') });
    } finally {
      await f.context.close();
    }
  });
});
