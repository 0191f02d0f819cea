import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createBoard, eventually, openBoard, useE2e } from './helpers';

const e2e = useE2e();

/** The board point at the middle of the canvas and the zoom, read from the page's Konva stage. */
async function view(page: Page): Promise<{ cx: number; cy: number; scale: number }> {
  return page.evaluate(() => {
    const K = (window as unknown as { Konva?: { stages: { x(): number; y(): number; scaleX(): number; width(): number; height(): number }[] } }).Konva;
    const s = K!.stages[0]!;
    return { cx: (s.width() / 2 - s.x()) / s.scaleX(), cy: (s.height() / 2 - s.y()) / s.scaleX(), scale: s.scaleX() };
  });
}

const near = (a: { cx: number; cy: number; scale: number }, b: typeof a) =>
  Math.abs(a.cx - b.cx) < 8 && Math.abs(a.cy - b.cy) < 8 && Math.abs(a.scale / b.scale - 1) < 0.05;

async function panOnCanvas(page: Page, dx: number, dy: number) {
  const box = (await page.getByTestId('board-canvas').boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.wheel(dx, dy);
}

describe('bring everyone to me', () => {
  it("moves a participant's view with the facilitator's until the participant moves away", async () => {
    const board = await createBoard(e2e.server.url, { template: 'impressions-unclear', groups: 3 });
    const f = await openBoard(e2e.browser, board.links.facilitator, { name: '進行役' });
    const p = await openBoard(e2e.browser, board.links.participant, { name: '参加者' });
    try {
      await f.page.getByTestId('ws-panel-open').click();
      await f.page.getByTestId('ws-follow').click();
      await f.page.getByRole('button', { name: '閉じる' }).first().click();
      await p.page.waitForSelector('[data-testid="follow-banner"][data-detached="false"]');

      await f.page.getByRole('button', { name: '拡大' }).click();
      await panOnCanvas(f.page, 300, 200);
      const target = await view(f.page);
      const followed = await eventually(() => view(p.page), (v) => near(v, target));
      expect(followed.scale).toBeCloseTo(target.scale, 1);

      // Focus on group B: the facilitator's view goes there, and so does the participant's.
      await f.page.getByTestId('ws-panel-open').click();
      await f.page.getByTestId('ws-focus-B').click();
      await f.page.getByRole('button', { name: '閉じる' }).first().click();
      const onB = await eventually(() => view(f.page), (v) => !near(v, target));
      await eventually(() => view(p.page), (v) => near(v, onB));

      // The participant pans on their own: following stops, and the facilitator no longer moves them.
      await panOnCanvas(p.page, -250, 0);
      await p.page.waitForSelector('[data-testid="follow-banner"][data-detached="true"]');
      const own = await view(p.page);
      await panOnCanvas(f.page, 0, 400);
      const moved = await eventually(() => view(f.page), (v) => Math.abs(v.cy - onB.cy) > 50);
      await p.page.waitForTimeout(600);
      expect(near(await view(p.page), own)).toBe(true);
      expect(near(await view(p.page), moved)).toBe(false);

      // Back on request.
      await p.page.getByTestId('follow-rejoin').click();
      await eventually(() => view(p.page), (v) => near(v, moved));
    } finally {
      await f.context.close();
      await p.context.close();
    }
  });
});
