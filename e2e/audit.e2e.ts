import { describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { createBoard, openBoard, screenshotPath, startServer, useE2e } from './helpers';

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

  it('tells the facilitator when an unchanged board will be deleted, and puts it off once', async () => {
    const server = await startServer({ env: { RETENTION_DAYS: '30' } });
    try {
      const board = await createBoard(server.url);
      const f = await openBoard(e2e.browser, board.links.facilitator, { name: '進行役', viewport: { width: 1280, height: 800 } });
      try {
        await f.page.getByTestId('ws-panel-open').click();
        const note = f.page.getByTestId('retention');
        await note.getByText(/を過ぎると、このボードは削除されます/).waitFor();
        await note.getByRole('button', { name: '保存期間を延長' }).click();
        await note.getByRole('status').getByText(/まで延長しました/).waitFor();
        await note.getByRole('button', { name: '保存期間を延長' }).click();
        await note.getByRole('alert').getByText('延長は保存期間ごとに1回までです。すでに延長されています。').waitFor();
        await note.scrollIntoViewIfNeeded();
        await f.page.screenshot({ path: screenshotPath('retention-1280.png') });
      } finally {
        await f.context.close();
      }
    } finally {
      await server.stop();
      rmSync(server.dataDir, { recursive: true, force: true });
    }
  });
});
