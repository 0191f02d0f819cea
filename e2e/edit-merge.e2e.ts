import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { boardToPage, createBoard, docNotes, drawnNoteTexts, eventually, openBoard, openPhone, screenshotPath, useE2e } from './helpers';

const e2e = useE2e();

const textsOf = async (page: Page) => (await docNotes(page)).map((n) => n.text);

/** Opens the canvas editor on a note, wherever the board has it. */
async function openCanvasEditor(page: Page, noteId: string): Promise<Locator> {
  await page.getByTestId('zoom-fit').click();
  const note = (await docNotes(page)).find((n) => n.id === noteId)!;
  const at = await boardToPage(page, { x: note.x + 40, y: note.y + 30 });
  await page.mouse.dblclick(at.x, at.y);
  const input = page.getByTestId('note-editor-input');
  await input.waitFor();
  return input;
}

/** Keys typed one by one, as a person types, so the other browser's typing lands in between. */
const typeSlowly = (page: Page, text: string) => page.keyboard.type(text, { delay: 60 });

describe('two people typing into one note at once', () => {
  it('on the phone: an IME conversion and a scribe typing at the start both stay, and the phone shows it while editing', async () => {
    const board = await createBoard(e2e.server.url, { title: '苫小牧 研修', template: 'impressions-unclear', groups: 2 });
    const desk = await openBoard(e2e.browser, board.links.facilitator, { name: '進行役' });
    const phone = await openPhone(e2e.browser, board.links.participant, { group: 'A', name: '田中' });
    try {
      await phone.page.getByTestId('phone-text').fill('メモ');
      await phone.page.getByTestId('phone-send').click();
      const [note] = await eventually(() => docNotes(desk.page), (n) => n.length === 1 && n[0]!.text === 'メモ');

      const phoneNote = phone.page.locator(`[data-testid="phone-note"][data-note-id="${note!.id}"]`);
      await phoneNote.getByTestId('phone-edit').click();
      const box = phoneNote.locator('textarea');
      await box.waitFor();
      await box.press('End');
      const deskBox = await openCanvasEditor(desk.page, note!.id);
      await deskBox.press('Home');

      // The phone converts にほんご while the scribe types at the start.
      const cdp = await phone.context.newCDPSession(phone.page);
      const composing = (async () => {
        for (const text of ['に', 'にほ', 'にほん', 'にほんご']) await cdp.send('Input.imeSetComposition', { text, selectionStart: text.length, selectionEnd: text.length });
      })();
      await Promise.all([composing, typeSlowly(desk.page, 'B4B3B2B1')]);
      await eventually(() => textsOf(phone.page), (t) => t[0] === 'B4B3B2B1メモ');
      // Mid-conversion the phone's box is left alone: rewriting it would break the IME.
      expect(await box.inputValue()).toBe('メモにほんご');
      await phone.page.screenshot({ path: screenshotPath('phone-editing-while-scribe-types.png') });

      await cdp.send('Input.insertText', { text: '日本語' });
      // Once converted, the phone shows the scribe's text while still editing, and the caret stays after 日本語.
      await eventually(() => box.inputValue(), (v) => v === 'B4B3B2B1メモ日本語');
      await phone.page.keyboard.type('！');
      await eventually(() => textsOf(desk.page), (t) => t[0] === 'B4B3B2B1メモ日本語！');
      expect(await deskBox.inputValue()).toBe('B4B3B2B1メモ日本語！');
      await phone.page.screenshot({ path: screenshotPath('phone-editing-merged.png') });

      await phoneNote.getByTestId('phone-done').click();
      await desk.page.keyboard.press('Escape');
      for (const page of [phone.page, desk.page]) await eventually(() => textsOf(page), (t) => t.length === 1 && t[0] === 'B4B3B2B1メモ日本語！');
      await eventually(() => phoneNote.locator('.ws-note-text').textContent(), (t) => t === 'B4B3B2B1メモ日本語！');
      await eventually(() => drawnNoteTexts(desk.page), (t) => t.includes('B4B3B2B1メモ日本語！'));
    } finally {
      await phone.context.close();
      await desk.context.close();
    }
  });

  it('in the list view: both people type at the same time and both keep every character', async () => {
    const board = await createBoard(e2e.server.url, { template: 'impressions-unclear', groups: 1 });
    const author = await openBoard(e2e.browser, `${board.links.participant}&view=list`, { name: '社協 田中' });
    const scribe = await openBoard(e2e.browser, `${board.links.facilitator}&view=list`, { name: '進行役' });
    try {
      await author.page.getByTestId('list-add-text').first().fill('メモ');
      await author.page.getByTestId('list-add-text').first().press('Enter');
      const [note] = await eventually(() => docNotes(scribe.page), (n) => n.length === 1 && n[0]!.text === 'メモ');

      const boxes: Locator[] = [];
      for (const { page } of [author, scribe]) {
        const article = page.locator(`article[data-note-id="${note!.id}"]`);
        await article.getByTestId('list-edit').click();
        boxes.push(article.getByTestId('list-edit-text'));
      }
      const [authorBox, scribeBox] = boxes as [Locator, Locator];
      await authorBox.press('End');
      await scribeBox.press('Home');
      await Promise.all([typeSlowly(author.page, '日本語'), typeSlowly(scribe.page, 'B4B3B2B1')]);

      // Each sees the other's typing in the box while still editing.
      for (const box of [authorBox, scribeBox]) await eventually(() => box.inputValue(), (v) => v === 'B4B3B2B1メモ日本語');
      await author.page.screenshot({ path: screenshotPath('list-editing-while-other-types.png') });
      await authorBox.press('Enter');
      await scribeBox.press('Enter');
      for (const { page } of [author, scribe]) await eventually(() => textsOf(page), (t) => t.length === 1 && t[0] === 'B4B3B2B1メモ日本語');
    } finally {
      await author.context.close();
      await scribe.context.close();
    }
  });

  it('on the canvas: both people type at the same time and both keep every character', async () => {
    const board = await createBoard(e2e.server.url, { template: 'blank' });
    const author = await openBoard(e2e.browser, board.links.participant, { name: '社協 田中' });
    const scribe = await openBoard(e2e.browser, board.links.facilitator, { name: '進行役' });
    try {
      await author.page.getByTestId('add-note').click();
      const authorBox = author.page.getByTestId('note-editor-input');
      await authorBox.waitFor();
      await author.page.keyboard.type('メモ');
      const [note] = await eventually(() => docNotes(scribe.page), (n) => n.length === 1 && n[0]!.text === 'メモ');
      const scribeBox = await openCanvasEditor(scribe.page, note!.id);
      await scribeBox.press('Home');
      await Promise.all([typeSlowly(author.page, '日本語'), typeSlowly(scribe.page, 'B4B3B2B1')]);

      for (const box of [authorBox, scribeBox]) await eventually(() => box.inputValue(), (v) => v === 'B4B3B2B1メモ日本語');
      await author.page.keyboard.press('Escape');
      await scribe.page.keyboard.press('Escape');
      for (const { page } of [author, scribe]) await eventually(() => textsOf(page), (t) => t.length === 1 && t[0] === 'B4B3B2B1メモ日本語');
      await eventually(() => drawnNoteTexts(scribe.page), (t) => t.includes('B4B3B2B1メモ日本語'));
    } finally {
      await author.context.close();
      await scribe.context.close();
    }
  });
});

describe('text over 500 characters', () => {
  const long = '地域の見守り活動'.repeat(63) + 'について'; // 508 characters

  it('on the canvas: closing keeps the editor open with everything typed, until it is shortened', async () => {
    const board = await createBoard(e2e.server.url, { template: 'blank' });
    const author = await openBoard(e2e.browser, board.links.participant);
    const other = await openBoard(e2e.browser, board.links.participant);
    try {
      await author.page.getByTestId('add-note').click();
      const box = author.page.getByTestId('note-editor-input');
      await box.waitFor();
      await author.page.keyboard.insertText('相談支援');
      await eventually(() => textsOf(other.page), (t) => t[0] === '相談支援');
      await author.page.keyboard.press('ControlOrMeta+A');
      await author.page.keyboard.insertText(long);
      await author.page.keyboard.press('Escape');
      await author.page.mouse.click(5, 400); // a tap elsewhere on the board blurs the editor

      expect(await box.inputValue()).toBe(long);
      expect(await author.page.getByTestId('note-editor-count').textContent()).toContain('508 / 500');
      expect(await author.page.getByTestId('note-editor-too-long').textContent()).toContain('500文字');
      await author.page.screenshot({ path: screenshotPath('canvas-over-limit.png') });
      // The others keep the last text that fitted meanwhile.
      expect(await textsOf(other.page)).toEqual(['相談支援']);

      await box.focus();
      await box.press('End');
      for (let i = 0; i < 8; i++) await box.press('Backspace');
      await author.page.keyboard.press('Escape');
      await box.waitFor({ state: 'detached' });
      await eventually(() => textsOf(other.page), (t) => t[0] === long.slice(0, 500));
    } finally {
      await author.context.close();
      await other.context.close();
    }
  });

  it('on the phone and in the list: Done keeps the editor and the text, shown in red, while others still edit', async () => {
    const board = await createBoard(e2e.server.url, { template: 'impressions-unclear', groups: 2 });
    const phone = await openPhone(e2e.browser, board.links.participant, { group: 'A', name: '田中' });
    const list = await openBoard(e2e.browser, `${board.links.facilitator}&view=list`, { name: '進行役' });
    try {
      await phone.page.getByTestId('phone-text').fill('見守り');
      await phone.page.getByTestId('phone-send').click();
      const [note] = await eventually(() => docNotes(list.page), (n) => n.length === 1);
      const phoneNote = phone.page.locator(`[data-testid="phone-note"][data-note-id="${note!.id}"]`);
      await phoneNote.getByTestId('phone-edit').click();
      const box = phoneNote.locator('textarea');
      await box.press('End');
      await phone.page.keyboard.insertText(long);
      await phoneNote.getByTestId('phone-done').click();

      expect(await box.inputValue()).toBe('見守り' + long);
      await expect(phoneNote.getByTestId('phone-edit-count').textContent()).resolves.toContain('511 / 500');
      expect(await phoneNote.getByTestId('phone-edit-too-long').textContent()).toContain('500文字');
      expect(await textsOf(list.page)).toEqual(['見守り']);

      // The facilitator edits the same note in the list meanwhile: the phone's box shows it, nothing is lost.
      const article = list.page.locator(`article[data-note-id="${note!.id}"]`);
      await article.getByTestId('list-edit').click();
      const listBox = article.getByTestId('list-edit-text');
      await listBox.press('Home');
      await list.page.keyboard.type('【A】');
      await eventually(() => box.inputValue(), (v) => v === '【A】見守り' + long);
      await phone.page.screenshot({ path: screenshotPath('phone-over-limit.png'), fullPage: true });

      // And the list's own over-limit state: counter and message.
      await listBox.press('End');
      await list.page.keyboard.insertText(long);
      await listBox.press('Enter');
      expect(await listBox.inputValue()).toBe('【A】見守り' + long);
      expect(await article.getByTestId('list-edit-too-long').textContent()).toContain('500文字');
      await article.screenshot({ path: screenshotPath('list-over-limit-note.png') });
      await list.page.screenshot({ path: screenshotPath('list-over-limit.png') });

      // The phone shortens its text to fit: it is saved, the editor closes.
      await box.fill('見守り活動の担い手');
      await phoneNote.getByTestId('phone-done').click();
      await box.waitFor({ state: 'detached' });
      await eventually(() => textsOf(list.page), (t) => t[0] === '見守り活動の担い手');
    } finally {
      await phone.context.close();
      await list.context.close();
    }
  });

  it('on the phone: a reload while over the limit keeps the typing on the device and brings it back in the editor', async () => {
    const board = await createBoard(e2e.server.url, { template: 'impressions-unclear', groups: 2 });
    const phone = await openPhone(e2e.browser, board.links.participant, { group: 'A', name: '田中' });
    const desk = await openBoard(e2e.browser, `${board.links.facilitator}&view=list`, { name: '進行役' });
    const { page } = phone;
    try {
      await page.getByTestId('phone-text').fill('見守り');
      await page.getByTestId('phone-send').click();
      const [note] = await eventually(() => docNotes(desk.page), (n) => n.length === 1);
      const phoneNote = page.locator(`[data-testid="phone-note"][data-note-id="${note!.id}"]`);
      await phoneNote.getByTestId('phone-edit').click();
      await phoneNote.locator('textarea').press('End');
      await page.keyboard.insertText(long);
      await page.reload(); // the phone kills the tab
      await page.waitForSelector('[data-testid="phone-page"][data-role="participant"]');

      // Someone else edits the note meanwhile.
      const article = desk.page.locator(`article[data-note-id="${note!.id}"]`);
      await article.getByTestId('list-edit').click();
      await article.getByTestId('list-edit-text').press('Home');
      await desk.page.keyboard.type('【A】');
      await article.getByTestId('list-edit-text').press('Enter');
      await eventually(() => textsOf(page), (t) => t[0] === '【A】見守り');

      await eventually(() => phoneNote.getByTestId('unsent-notice').textContent(), (t) => !!t?.includes('511文字'));
      await page.screenshot({ path: screenshotPath('phone-unsent-after-reload.png'), fullPage: true });
      await phoneNote.getByTestId('phone-edit').click();
      await expect(phoneNote.locator('textarea').inputValue()).resolves.toBe('【A】見守り' + long);
      expect(await textsOf(desk.page)).toEqual(['【A】見守り']);
    } finally {
      await phone.context.close();
      await desk.context.close();
    }
  });
});
