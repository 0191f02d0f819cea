import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { boardToPage, createBoard, docNotes, eventually, openBoard, screenshotPath, useE2e, writeNote } from './helpers';

const e2e = useE2e();

/** Drags a note by the mouse from its middle, as a person does. */
async function drag(page: Page, note: { x: number; y: number; w: number; h: number }, by: { x: number; y: number }) {
  const from = await boardToPage(page, { x: note.x + note.w / 2, y: note.y + note.h / 2 });
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(from.x + by.x, from.y + by.y, { steps: 10 });
  await page.mouse.up();
}

const ownNotesOnly = (page: Page) => page.evaluate(() => window.__board!.doc.getMap('meta').get('ownNotesOnly') === true);

describe('participants move only their own notes', () => {
  it('on a 1280 laptop and a 360 screen, a participant drags their own note but not another’s while the facilitator has it on', async () => {
    const board = await createBoard(e2e.server.url, { title: '移動の制限', template: 'blank' });
    const fac = await openBoard(e2e.browser, board.links.facilitator, { name: '進行役' });
    const laptop = await openBoard(e2e.browser, board.links.participant, { name: '山田' });
    const small = await openBoard(e2e.browser, `${board.links.participant}&view=board`, { name: '佐藤', viewport: { width: 360, height: 640 } });
    try {
      await writeNote(fac.page, '進行役の付箋');
      await writeNote(laptop.page, '山田の付箋');
      const notes = await eventually(() => docNotes(small.page), (n) => n.length === 2);
      const others = notes.find((n) => n.text === '進行役の付箋')!;

      await fac.page.getByTestId('ws-panel-open').click();
      await fac.page.getByTestId('own-notes-only').check();
      for (const p of [laptop.page, small.page]) await eventually(() => ownNotesOnly(p), (on) => on);
      await fac.page.screenshot({ path: screenshotPath('own-notes-facilitator-1280.png') });

      for (const { page, name } of [
        { page: laptop.page, name: '1280' },
        { page: small.page, name: '360' },
      ]) {
        await page.getByTestId('zoom-fit').click();
        const now = await docNotes(page);
        const theirs = now.find((n) => n.text === '進行役の付箋')!;
        await drag(page, theirs, { x: 40, y: 60 });
        // Selected (to react to it), yet the arrow keys do not nudge it either.
        await page.keyboard.press('ArrowRight');
        // The drop would have been written at once; the note stays where it was, here and for everyone.
        await new Promise((r) => setTimeout(r, 300));
        expect((await docNotes(page)).find((n) => n.id === others.id)).toMatchObject({ x: theirs.x, y: theirs.y });
        await page.screenshot({ path: screenshotPath(`own-notes-canvas-${name}.png`) });
      }
      // One's own note still moves.
      const mine = (await docNotes(laptop.page)).find((n) => n.text === '山田の付箋')!;
      await drag(laptop.page, mine, { x: 80, y: 0 });
      await eventually(() => docNotes(fac.page), (n) => n.find((x) => x.id === mine.id)!.x !== mine.x);

      // Off again: anyone moves any note, as before.
      await fac.page.getByTestId('own-notes-only').uncheck();
      await eventually(() => ownNotesOnly(small.page), (on) => !on);
      const theirs = (await docNotes(small.page)).find((n) => n.id === others.id)!;
      await drag(small.page, theirs, { x: 30, y: 30 });
      await eventually(() => docNotes(fac.page), (n) => n.find((x) => x.id === others.id)!.x !== theirs.x);
    } finally {
      await Promise.all([fac.context.close(), laptop.context.close(), small.context.close()]);
    }
  });

  it('the list view offers moving only one’s own notes while it is on (English)', async () => {
    const board = await createBoard(e2e.server.url, { title: 'Own notes', template: 'impressions-unclear', groups: 2 });
    const fac = await openBoard(e2e.browser, board.links.facilitator);
    const laptop = await openBoard(e2e.browser, `${board.links.participant}&view=list`, { name: 'Yamada' });
    try {
      await writeNote(fac.page, 'facilitator note');
      await laptop.page.getByRole('button', { name: 'English' }).click();
      await laptop.page.getByTestId('list-view').waitFor();
      await laptop.page.getByTestId('list-add-text').first().fill('my own note');
      await laptop.page.getByTestId('list-add-submit').first().click();
      await eventually(() => laptop.page.getByTestId('list-note').count(), (n) => n === 2);
      const moveOf = (text: string) => laptop.page.getByTestId('list-note').filter({ hasText: text }).getByTestId('list-move-select');
      expect(await moveOf('facilitator note').count()).toBe(1);
      expect((await (await fetch(`${e2e.server.url}/api/boards/${board.boardId}/settings`, { method: 'POST', headers: { authorization: `Bearer ${board.facilitatorToken}`, 'content-type': 'application/json' }, body: JSON.stringify({ ownNotesOnly: true }) })).status)).toBe(200);
      await eventually(() => moveOf('facilitator note').count(), (n) => n === 0);
      expect(await moveOf('my own note').count()).toBe(1);
      await laptop.page.screenshot({ path: screenshotPath('own-notes-list-1280-en.png') });
      await fac.page.getByRole('button', { name: 'English' }).click();
      await fac.page.getByTestId('ws-panel-open').click();
      expect(await fac.page.getByTestId('own-notes-only').isChecked()).toBe(true);
      expect(await fac.page.getByText('Participants move only their own notes').count()).toBe(1);
    } finally {
      await Promise.all([fac.context.close(), laptop.context.close()]);
    }
  });
});
