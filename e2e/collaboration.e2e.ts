import { describe, expect, it } from 'vitest';
import { boardToPage, createBoard, docNotes, drawnNoteTexts, emptyCanvasPoint, eventually, openBoard, useE2e } from './helpers';

const e2e = useE2e();

describe('two people on one board', () => {
  it('a note typed in one browser appears in the other', async () => {
    const board = await createBoard(e2e.server.url, { title: '共有テスト', template: 'blank' });
    const a = await openBoard(e2e.browser, board.links.facilitator, { name: '進行役' });
    const b = await openBoard(e2e.browser, board.links.participant, { name: '参加者' });
    try {
      const p = await emptyCanvasPoint(a.page);
      await a.page.mouse.dblclick(p.x, p.y);
      const input = a.page.getByTestId('note-editor-input');
      await input.waitFor();
      await a.page.keyboard.type('hello board');
      await a.page.keyboard.press('Escape');
      await expect(input.count()).resolves.toBe(0);

      const notes = await eventually(() => docNotes(b.page), (n) => n.length === 1 && n[0]!.text === 'hello board');
      expect(notes[0]!.text).toBe('hello board');
      // What B actually draws, not only what its doc holds.
      await eventually(() => drawnNoteTexts(b.page), (t) => t.includes('hello board'));
      // B is a participant: somebody else's note is not B's to rewrite, so no editor opens on it.
      const onNote = await boardToPage(b.page, { x: notes[0]!.x + 80, y: notes[0]!.y + 60 });
      await b.page.mouse.dblclick(onNote.x, onNote.y);
      await b.page.waitForTimeout(300);
      expect(await b.page.getByTestId('note-editor').count()).toBe(0);
      // A can reopen its own note and extend it.
      const own = await boardToPage(a.page, { x: notes[0]!.x + 80, y: notes[0]!.y + 60 });
      await a.page.mouse.dblclick(own.x, own.y);
      await input.waitFor();
      await a.page.keyboard.press('End');
      await a.page.keyboard.type('!');
      await a.page.keyboard.press('Escape');
      await eventually(() => docNotes(b.page), (n) => n[0]?.text === 'hello board!');
      // The author's cursor travels too.
      await a.page.mouse.move(p.x + 40, p.y - 40);
      await eventually(
        () => b.page.evaluate(() => [...window.__board!.awareness.getStates().values()].some((s) => (s as { cursor?: unknown }).cursor)),
        Boolean,
      );
    } finally {
      await a.context.close();
      await b.context.close();
    }
  });

  it('Japanese IME composition commits exactly once', async () => {
    const board = await createBoard(e2e.server.url, { template: 'blank' });
    const a = await openBoard(e2e.browser, board.links.participant);
    const b = await openBoard(e2e.browser, board.links.participant);
    try {
      await a.page.getByTestId('add-note').click();
      const input = a.page.getByTestId('note-editor-input');
      await input.waitFor();
      await expect(input.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
      const [note] = await eventually(() => docNotes(b.page), (n) => n.length === 1);

      const cdp = await a.context.newCDPSession(a.page);
      for (const text of ['に', 'にほ', 'にほん', 'にほんご']) {
        await cdp.send('Input.imeSetComposition', { text, selectionStart: text.length, selectionEnd: text.length });
      }
      // Mid-composition: the textarea shows the kana, the doc has nothing yet.
      await expect(input.inputValue()).resolves.toBe('にほんご');
      await new Promise((r) => setTimeout(r, 300));
      expect((await docNotes(a.page))[0]!.text).toBe('');
      expect((await docNotes(b.page))[0]!.text).toBe('');

      await cdp.send('Input.insertText', { text: '日本語' });
      await eventually(() => docNotes(b.page), (n) => n[0]?.text === '日本語');
      await expect(input.inputValue()).resolves.toBe('日本語');

      // A second conversion appended after the first, then the editor closes.
      await cdp.send('Input.imeSetComposition', { text: 'しえん', selectionStart: 3, selectionEnd: 3 });
      await cdp.send('Input.insertText', { text: '支援' });
      await a.page.keyboard.press('Escape');
      const final = await eventually(() => docNotes(b.page), (n) => n[0]?.text === '日本語支援');
      expect(final).toEqual([expect.objectContaining({ id: note!.id, text: '日本語支援' })]);
      await new Promise((r) => setTimeout(r, 300));
      expect((await docNotes(b.page))[0]!.text).toBe('日本語支援');
    } finally {
      await a.context.close();
      await b.context.close();
    }
  });

  it('a viewer cannot add notes', async () => {
    const board = await createBoard(e2e.server.url, { template: 'blank' });
    const facilitator = await openBoard(e2e.browser, board.links.facilitator);
    const viewer = await openBoard(e2e.browser, board.links.viewer);
    try {
      await facilitator.page.getByTestId('add-note').click();
      await facilitator.page.keyboard.type('seed');
      await facilitator.page.keyboard.press('Escape');
      await eventually(() => docNotes(viewer.page), (n) => n.length === 1 && n[0]!.text === 'seed');

      expect(await viewer.page.getByTestId('toolbar').count()).toBe(0);
      expect(await viewer.page.getByTestId('board-page').getAttribute('data-role')).toBe('viewer');
      const p = await emptyCanvasPoint(viewer.page);
      await viewer.page.mouse.dblclick(p.x, p.y);
      await viewer.page.keyboard.press('Delete');
      expect(await viewer.page.getByTestId('note-editor').count()).toBe(0);

      // Even a doctored client gets nowhere: the server drops a viewer's writes.
      await viewer.page.evaluate(() => window.__board!.doc.getMap('meta').set('title', 'written by a viewer'));
      await new Promise((r) => setTimeout(r, 1_000));
      const notes = await docNotes(facilitator.page);
      expect(notes.map((n) => n.text)).toEqual(['seed']);
      expect(await facilitator.page.evaluate(() => window.__board!.doc.getMap('meta').get('title'))).not.toBe('written by a viewer');
    } finally {
      await facilitator.context.close();
      await viewer.context.close();
    }
  });

  it('a wrong token gets a clear message, not an endless spinner', async () => {
    const board = await createBoard(e2e.server.url, { template: 'blank' });
    const context = await e2e.browser.newContext();
    const page = await context.newPage();
    try {
      await page.goto(`${e2e.server.url}/b/${board.boardId}?token=not-the-token`);
      const problem = page.getByTestId('board-problem');
      await problem.waitFor();
      expect(['badToken', 'forbidden']).toContain(await problem.getAttribute('data-reason'));
    } finally {
      await context.close();
    }
  });
});
