import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createBoard, eventually, openBoard, useE2e } from './helpers';

const e2e = useE2e();

/** The people present as one page's awareness sees them (name → group), read through the test hook. */
const presentGroups = (page: Page) =>
  page.evaluate(() => {
    const out: Record<string, string | null> = {};
    window.__board!.awareness.getStates().forEach((s) => {
      const user = (s as { user?: { name: string; group?: string } }).user;
      if (user) out[user.name] = user.group ?? null;
    });
    return out;
  });

/** The labels of one group's scribe choices in the facilitator's panel. */
const scribeChoices = (page: Page, group: string) => page.getByTestId(`ws-scribe-${group}`).locator('option').allTextContents();

describe('joining from a laptop (the Zoom participants)', () => {
  it('asks a first-time participant for a group as the phone does, and the facilitator sees it', async () => {
    const board = await createBoard(e2e.server.url, { title: '苫小牧 研修', template: 'case-review', groups: 3 });
    const desk = await openBoard(e2e.browser, board.links.facilitator, { name: '進行役' });
    const laptop = await e2e.browser.newContext({ locale: 'ja-JP', viewport: { width: 1280, height: 800 } });
    try {
      const page = await laptop.newPage();
      await page.goto(board.links.participant);
      const dialog = page.getByTestId('join-dialog');
      await dialog.waitFor({ timeout: 20_000 });
      // The dialog has the focus, so the board's shortcuts stay out of it: typing "n" adds no note behind it.
      expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('join-dialog');
      await page.keyboard.press('n');
      await expect(page.getByTestId('note-editor').count()).resolves.toBe(0);
      await page.getByTestId('join-name').fill('地域包括 佐藤');
      await page.getByTestId('join-group-B').check({ force: true });
      await page.getByTestId('join-ok').click();
      await dialog.waitFor({ state: 'detached' });
      await expect(page.getByTestId('my-group').textContent()).resolves.toContain('グループB');

      // What the phone's choice reaches, this one reaches too: the presence, and the facilitator's scribe list.
      await eventually(() => presentGroups(desk.page), (p) => p['地域包括 佐藤'] === 'B');
      await desk.page.getByTestId('ws-panel-open').click();
      await eventually(() => scribeChoices(desk.page, 'B'), (o) => o.some((x) => x.startsWith('地域包括 佐藤 (B)')));
      expect((await scribeChoices(desk.page, 'A')).some((x) => x.includes('地域包括 佐藤'))).toBe(false);
      // The facilitator names them scribe of group B.
      const option = (await scribeChoices(desk.page, 'B')).find((x) => x.startsWith('地域包括 佐藤 (B)'))!;
      await desk.page.getByTestId('ws-scribe-B').selectOption({ label: option });
      const scribe = await eventually(
        () => page.evaluate(() => (window.__board!.doc.getMap('meta').get('scribes') as Record<string, string> | undefined)?.B ?? null),
        (id) => id !== null,
      );
      expect(scribe).toBe(await page.evaluate(() => (window.__board!.awareness.getLocalState() as { user: { id: string } }).user.id));

      // Remembered for this board: a reload does not ask again, and the group is still B.
      await page.reload();
      await page.getByTestId('my-group').waitFor({ timeout: 20_000 });
      await expect(page.getByTestId('my-group').textContent()).resolves.toContain('グループB');
      expect(await dialog.count()).toBe(0);
      // And it can be changed from the name button in the header.
      await page.getByTestId('identity-button').click();
      await dialog.waitFor();
      expect(await page.getByTestId('join-group-B').isChecked()).toBe(true);
      await page.getByTestId('join-group-C').check({ force: true });
      await page.getByTestId('join-ok').click();
      await eventually(() => presentGroups(desk.page), (p) => p['地域包括 佐藤'] === 'C');
    } finally {
      await laptop.close();
      await desk.context.close();
    }
  });

  it('asks only for a name on a board without groups, and of the facilitator', async () => {
    const grouped = await createBoard(e2e.server.url, { template: 'impressions-unclear', groups: 2 });
    const blank = await createBoard(e2e.server.url, { template: 'blank' });
    for (const link of [grouped.links.facilitator, blank.links.participant]) {
      const context = await e2e.browser.newContext({ locale: 'ja-JP', viewport: { width: 1280, height: 800 } });
      try {
        const page = await context.newPage();
        await page.goto(link);
        await page.getByTestId('name-prompt').waitFor({ timeout: 20_000 });
        expect(await page.getByTestId('join-dialog').count()).toBe(0);
        await page.getByTestId('name-skip').click();
        expect(await page.getByTestId('my-group').count()).toBe(0);
      } finally {
        await context.close();
      }
    }
  });
});
