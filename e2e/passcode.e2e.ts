import { describe, expect, it } from 'vitest';
import { createBoard, openBoard, screenshotPath, useE2e } from './helpers';

const e2e = useE2e();

describe('a board with a passcode', () => {
  it('asks a participant for it once, tells a wrong one, and lets them in with the right one', async () => {
    const board = await createBoard(e2e.server.url, { title: '会場の研修', passcode: '2468' });
    const context = await e2e.browser.newContext({ viewport: { width: 360, height: 640 }, locale: 'ja-JP' });
    const p = { context, page: await context.newPage() };
    await p.page.goto(board.links.participant);
    try {
      const input = p.page.getByTestId('passcode-input');
      await input.waitFor();
      await p.page.screenshot({ path: screenshotPath('passcode-360.png') });
      await input.fill('1111');
      await p.page.getByTestId('passcode-submit').click();
      await p.page.getByRole('alert').getByText('参加コードが違います').waitFor();
      await p.page.getByTestId('passcode-input').fill('2468');
      await p.page.getByTestId('passcode-submit').click();
      await p.page.waitForSelector('[data-testid="connection-badge"][data-status="online"]');
      expect(await p.page.getByTestId('board-problem').count()).toBe(0);
    } finally {
      await p.context.close();
    }
  });

  it('lets the facilitator end the session: participants then read but cannot write', async () => {
    const board = await createBoard(e2e.server.url, { title: '受付終了の確認' });
    const f = await openBoard(e2e.browser, board.links.facilitator, { name: '進行役', viewport: { width: 1280, height: 800 } });
    const p = await openBoard(e2e.browser, board.links.participant, { name: '参加者', viewport: { width: 1280, height: 800 } });
    try {
      await f.page.getByTestId('ws-panel-open').click();
      f.page.once('dialog', (d) => void d.accept());
      await f.page.getByTestId('session-end').click();
      await p.page.getByTestId('ended-banner').waitFor();
      expect(await p.page.getByTestId('add-note').count()).toBe(0);
      await p.page.screenshot({ path: screenshotPath('session-ended-1280.png') });
    } finally {
      await f.context.close();
      await p.context.close();
    }
  });
});
