import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { boardToPage, createBoard, docNotes, eventually, openBoard, openPhone, screenshotPath, useE2e } from './helpers';

const e2e = useE2e();

/** The stamp counts a page's doc holds for a note, through the read-only test hook. */
const stampCounts = (page: Page, noteId: string) =>
  page.evaluate((id) => {
    const out: Record<string, number> = { agree: 0, insight: 0, question: 0 };
    window.__board!.doc.getMap('reactions').forEach((_v, key) => {
      const [note, stamp] = [key.slice(0, key.indexOf(':')), key.split(':').at(-2)!];
      if (note === id) out[stamp] = (out[stamp] ?? 0) + 1;
    });
    return `${out.agree}/${out.insight}/${out.question}`;
  }, noteId);

const TEXT = '民生委員さんとの顔合わせの場がほしい';

describe('reactions: 👍 同感 · 💡 なるほど · ❓ 質問', () => {
  it('a 360 phone and a 1280 laptop give and take back stamps on the same note; counts on the note, the projector and the CSV', async () => {
    const board = await createBoard(e2e.server.url, { title: '地域の居場所', template: 'impressions-unclear', groups: 2 });
    const laptop = await openBoard(e2e.browser, board.links.participant, { name: '山田' });
    const projector = await openBoard(e2e.browser, board.links.viewer, { viewport: { width: 1920, height: 1080 } });
    const phone = await openPhone(e2e.browser, board.links.participant, { group: 'B' });
    try {
      await phone.page.getByTestId('phone-text').fill(TEXT);
      await phone.page.getByTestId('phone-send').click();
      const [note] = await eventually(() => docNotes(laptop.page), (n) => n.length === 1);
      const id = note!.id;

      // The laptop selects the note on the canvas: its three stamps show under it.
      await laptop.page.getByTestId('zoom-fit').click().catch(() => {});
      const at = await boardToPage(laptop.page, { x: note!.x + note!.w / 2, y: note!.y + note!.h / 3 });
      await laptop.page.mouse.click(at.x, at.y);
      const badge = laptop.page.locator(`[data-testid="reaction-badge"][data-note-id="${id}"]`);
      await badge.getByTestId('reaction-agree').click();
      await eventually(() => stampCounts(phone.page, id), (c) => c === '1/0/0');

      // The phone gives two, sees the laptop's, then takes its 同感 back.
      const item = phone.page.locator(`[data-testid="phone-note"][data-note-id="${id}"]`);
      await item.getByTestId('reaction-agree').click();
      await item.getByTestId('reaction-question').click();
      await eventually(() => stampCounts(laptop.page, id), (c) => c === '2/0/1');
      expect(await item.getByTestId('reaction-agree').getAttribute('aria-pressed')).toBe('true');
      expect(await item.getByTestId('reaction-agree').textContent()).toBe('👍同感2');
      expect(await badge.getByTestId('reaction-agree').textContent()).toBe('👍同感2');
      await item.scrollIntoViewIfNeeded();
      await phone.page.screenshot({ path: screenshotPath('reactions-phone-360.png') });
      await item.getByTestId('reaction-agree').click();
      await eventually(() => stampCounts(laptop.page, id), (c) => c === '1/0/1');
      expect(await item.getByTestId('reaction-agree').getAttribute('aria-pressed')).toBe('false');

      expect(await badge.getByTestId('reaction-agree').getAttribute('aria-pressed')).toBe('true');
      await laptop.page.screenshot({ path: screenshotPath('reactions-canvas-1280.png') });
      // Once unselected, only the counts stay on the note.
      await laptop.page.keyboard.press('Escape');
      await eventually(() => badge.textContent(), (t) => t === '👍 1❓ 1');
      // The projector shows the counts, and gives none.
      const onScreen = projector.page.locator(`[data-testid="reaction-badge"][data-note-id="${id}"]`);
      await eventually(() => onScreen.textContent(), (t) => t === '👍 1❓ 1');
      expect(await onScreen.locator('button').count()).toBe(0);
      await projector.page.screenshot({ path: screenshotPath('reactions-projector-1920.png') });

      // The list view: the same toggles, in English too.
      await laptop.page.getByTestId('list-toggle').click();
      const listed = laptop.page.locator(`[data-testid="list-note"][data-note-id="${id}"]`);
      await listed.getByTestId('reaction-insight').click();
      await eventually(() => stampCounts(phone.page, id), (c) => c === '1/1/1');
      await laptop.page.getByRole('button', { name: 'English' }).click();
      await eventually(() => listed.getByTestId('reaction-agree').getAttribute('aria-label'), (l) => l === 'Take back “Agree” (1)');
      expect(await listed.getByTestId('reaction-question').getAttribute('aria-label')).toBe('Give “Question” (1)');
      await laptop.page.screenshot({ path: screenshotPath('reactions-list-1280-en.png') });

      const csv = await (await fetch(`${e2e.server.url}/api/boards/${board.boardId}/export.csv`, { headers: { authorization: `Bearer ${board.facilitatorToken}` } })).text();
      const [header, row] = csv.replace('\uFEFF', '').split('\r\n').map((l) => l.split(','));
      const col = header!.indexOf('同感');
      expect(header!.slice(col, col + 3)).toEqual(['同感', 'なるほど', '質問']);
      expect(row!.slice(col, col + 3)).toEqual(['1', '1', '1']);
    } finally {
      await Promise.all([laptop.context.close(), projector.context.close(), phone.context.close()]);
    }
  });
});
