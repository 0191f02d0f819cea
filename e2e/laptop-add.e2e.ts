import { describe, expect, it } from 'vitest';
import { boardToPage, createBoard, docNotes, eventually, screenshotPath, useE2e } from './helpers';
import { connectClient } from '../server/testing/clients';
import { addNote as writeToDoc, readBoard } from '../shared/board/doc';

const e2e = useE2e();

describe('付箋を追加 on a laptop', () => {
  it('puts a group C participant’s note in group C’s column, clear of the notes there, in view — though group B is mid-screen', async () => {
    const board = await createBoard(e2e.server.url, { title: '当別町 地域共生社会セミナー', template: 'impressions-unclear', groups: 3 });
    const writer = connectClient(e2e.server.wsUrl, board.boardId, board.facilitatorToken);
    await writer.synced;
    const sections = readBoard(writer.doc).sections;
    const colC = sections.find((s) => s.group === 'C' && s.kind === 'impression')!;
    const colB = sections.find((s) => s.group === 'B' && s.kind === 'impression')!;
    // Notes already on the first spots of both columns, where a careless placement would land.
    ['つながり続ける支援', '多機関協働は必要'].forEach((text, i) => writeToDoc(writer.doc, { text, x: colC.x + 20 + i * 176, y: colC.y + 80, sectionId: colC.id, authorId: `c${i}` }, null, 1_000 + i));
    writeToDoc(writer.doc, { text: '地域の居場所', x: colB.x + 20, y: colB.y + 80, sectionId: colB.id, authorId: 'b0' }, null, 1_010);

    const context = await e2e.browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'ja-JP' });
    const page = await context.newPage();
    try {
      await page.goto(board.links.participant);
      await page.getByTestId('join-dialog').waitFor({ timeout: 20_000 });
      await page.getByTestId('join-name').fill('佐藤');
      await page.getByTestId('join-group-C').check({ force: true });
      await page.getByTestId('join-ok').click();
      await page.waitForSelector('[data-testid="connection-badge"][data-status="online"]', { timeout: 20_000 });
      await page.getByTestId('add-note').click();
      await page.getByTestId('note-editor-input').waitFor();
      await page.keyboard.insertText('子どもの居場所がほしい');
      await page.keyboard.press('Escape');

      const notes = await eventually(
        () => docNotes(page),
        (ns) => ns.some((n) => n.text === '子どもの居場所がほしい'),
      );
      const mine = notes.find((n) => n.text === '子どもの居場所がほしい')!;
      expect(mine.sectionId).toBe(colC.id);
      for (const other of notes.filter((n) => n.id !== mine.id)) {
        const apart = mine.x >= other.x + other.w || other.x >= mine.x + mine.w || mine.y >= other.y + other.h || other.y >= mine.y + mine.h;
        expect(apart, `overlaps ${other.text}`).toBe(true);
      }
      // Inside the column, and on screen where the writer sees it.
      expect(mine.x >= colC.x && mine.x + mine.w <= colC.x + colC.w && mine.y >= colC.y && mine.y + mine.h <= colC.y + colC.h).toBe(true);
      const tl = await boardToPage(page, mine);
      const br = await boardToPage(page, { x: mine.x + mine.w, y: mine.y + mine.h });
      expect(tl.x >= 0 && tl.y >= 0 && br.x <= 1280 && br.y <= 800).toBe(true);
      await page.screenshot({ path: screenshotPath('laptop-add-groupC-1280.png') });
    } finally {
      writer.destroy();
      await context.close();
    }
  });
});
