import { describe, expect, it } from 'vitest';
import { createBoard, eventually, openBoard, useE2e } from './helpers';

const e2e = useE2e();

describe('how many people are here', () => {
  it('counts the facilitator and participants once each, oneself included, not the projector or a second tab', async () => {
    const board = await createBoard(e2e.server.url, { template: 'blank' });
    const fac = await openBoard(e2e.browser, board.links.facilitator, { name: '進行役' });
    const p1 = await openBoard(e2e.browser, board.links.participant, { name: '参加者1' });
    const p2 = await openBoard(e2e.browser, board.links.participant, { name: '参加者2' });
    const projector = await openBoard(e2e.browser, board.links.viewer, { viewport: { width: 1920, height: 1080 } });
    try {
      // The same person's list view, in a second tab of their browser.
      const listTab = await p1.context.newPage();
      await listTab.goto(`${board.links.participant}&view=list`);
      const count = (page: typeof fac.page) => page.getByTestId('people-here').textContent().catch(() => '');
      for (const page of [fac.page, p1.page, p2.page, projector.page]) await eventually(() => count(page), (t) => (t ?? '').includes('3人'));
      // Still three once everyone's presence has arrived.
      await listTab.waitForSelector('[data-testid="connection-badge"][data-status="online"]', { timeout: 20_000 });
      // Once the facilitator's page knows of the list tab too: three participant tabs, two people.
      await fac.page.waitForFunction(() => [...window.__board!.awareness.getStates().values()].filter((s) => (s as { user?: { role?: string } }).user?.role === 'participant').length === 3);
      expect(await count(fac.page)).toContain('3人');
    } finally {
      for (const o of [fac, p1, p2, projector]) await o.context.close();
    }
  });
});
