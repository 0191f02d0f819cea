import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createBoard, docNotes, drawnNoteTexts, eventually, openBoard, openPhone, useE2e } from './helpers';

const e2e = useE2e();

/** The notes of the board as the desktop's doc holds them, with their section's group and kind. */
const placed = (page: Page) =>
  page.evaluate(() => {
    const doc = window.__board!.doc;
    const sections = doc.getMap('sections') as unknown as Map<string, { get(k: string): unknown }>;
    const out: { text: string; group: unknown; kind: unknown }[] = [];
    (doc.getMap('notes') as unknown as Map<string, { get(k: string): unknown }>).forEach((n) => {
      const s = sections.get(String(n.get('sectionId')));
      out.push({ text: String(n.get('text')), group: s?.get('group'), kind: s?.get('kind') });
    });
    return out;
  });

describe('the phone entry view', () => {
  it('sends a note typed with an IME from a 360×640 phone to the desktop board', async () => {
    const board = await createBoard(e2e.server.url, { title: '当別町 セミナー', template: 'impressions-unclear', groups: 3 });
    const desk = await openBoard(e2e.browser, board.links.facilitator, { name: '進行役' });
    const phone = await openPhone(e2e.browser, board.links.participant, { group: 'B', name: '田中' });
    const { page } = phone;
    try {
      expect(await page.locator('canvas').count()).toBe(0);
      // Targets big enough for a thumb.
      const send = await page.getByTestId('phone-send').boundingBox();
      expect(send!.height).toBeGreaterThanOrEqual(48);
      await page.getByTestId('phone-column-unclear').check({ force: true });

      const text = page.getByTestId('phone-text');
      await text.focus();
      const cdp = await phone.context.newCDPSession(page);
      await cdp.send('Input.imeSetComposition', { text: 'しえん', selectionStart: 3, selectionEnd: 3 });
      // The Enter that confirms a conversion must not send the half-typed note.
      await text.evaluate((el) => el.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', code: 'Enter', keyCode: 229, isComposing: true, bubbles: true, cancelable: true })));
      await page.waitForTimeout(200);
      expect(await docNotes(page)).toEqual([]);
      await cdp.send('Input.insertText', { text: '重層的支援体制とは何か' });
      await expect(text.inputValue()).resolves.toBe('重層的支援体制とは何か');
      await page.keyboard.press('Enter');

      const notes = await eventually(() => placed(desk.page), (n) => n.length === 1);
      expect(notes).toEqual([{ text: '重層的支援体制とは何か', group: 'B', kind: 'unclear' }]);
      await expect(text.inputValue()).resolves.toBe('');
      // Drawn on the desktop's canvas, not only held in its doc.
      await desk.page.getByTestId('zoom-fit').click();
      await eventually(() => drawnNoteTexts(desk.page), (t) => t.includes('重層的支援体制とは何か'));
      // And listed on the phone as the participant's own note.
      await eventually(() => page.getByTestId('phone-note').allTextContents(), (t) => t.some((x) => x.includes('重層的支援体制とは何か') && x.includes('あなた')));
    } finally {
      await phone.context.close();
      await desk.context.close();
    }
  });

  it('says a note is over 500 characters before sending, and sends nothing', async () => {
    const board = await createBoard(e2e.server.url, { template: 'troubles', groups: 2 });
    const phone = await openPhone(e2e.browser, board.links.participant, { group: 'B', name: '田中' });
    const { page } = phone;
    try {
      await page.getByTestId('phone-text').fill('あ'.repeat(501));
      await expect(page.getByTestId('phone-too-long').textContent()).resolves.toContain('500文字を超えています');
      expect(await page.getByTestId('phone-send').isDisabled()).toBe(true);
      await page.getByTestId('phone-text').press('Enter');
      await page.waitForTimeout(300);
      expect(await docNotes(page)).toEqual([]);
      await page.getByTestId('phone-text').fill('あ'.repeat(500));
      expect(await page.getByTestId('phone-too-long').count()).toBe(0);
      expect(await page.getByTestId('phone-send').isEnabled()).toBe(true);
    } finally {
      await phone.context.close();
    }
  });

  it('keeps what was typed through a reload and a dropped connection, then delivers it', async () => {
    const board = await createBoard(e2e.server.url, { template: 'troubles', groups: 2 });
    const desk = await openBoard(e2e.browser, board.links.facilitator);
    const phone = await openPhone(e2e.browser, board.links.participant, { group: 'B', name: '田中' });
    const { page } = phone;
    try {
      await page.getByTestId('phone-text').fill('見守り活動の担い手が足りない');
      await page.reload();
      await page.waitForSelector('[data-testid="phone-page"][data-role="participant"]');
      await expect(page.getByTestId('phone-text').inputValue()).resolves.toBe('見守り活動の担い手が足りない');

      // The hall's Wi-Fi drops: the server is out of reach while the note is sent.
      await e2e.server.stop();
      await eventually(() => page.getByTestId('connection-badge').getAttribute('data-status'), (s) => s !== 'online');
      await page.getByTestId('phone-send').click();
      await expect(page.getByTestId('phone-text').inputValue()).resolves.toBe('');
      await expect(page.getByTestId('phone-status').textContent()).resolves.toContain('接続が戻ると届きます');
      expect(await placed(desk.page)).toEqual([]);
      await e2e.restartServer();
      for (const pg of [page, desk.page]) await pg.waitForSelector('[data-testid="connection-badge"][data-status="online"]', { timeout: 30_000 });
      const notes = await eventually(() => placed(desk.page), (n) => n.length === 1, 20_000).catch(async (err: unknown) => {
        throw new Error(`${String(err)}\nphone notes: ${JSON.stringify(await docNotes(page))}\nserver:\n${e2e.server.output().slice(-3000)}`);
      });
      expect(notes[0]).toMatchObject({ text: '見守り活動の担い手が足りない', group: 'B' });
    } finally {
      await phone.context.close();
      await desk.context.close();
    }
  });
});
