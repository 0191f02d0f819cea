import { describe, expect, it } from 'vitest';
import { createBoard, docTexts, drawnNoteTexts, eventually, openBoard, openPhone, screenshotPath, useE2e, writeNote } from './helpers';

const e2e = useE2e();

const FROM_PHONE = '夜、母の介護で眠れないことがある';
const FROM_LAPTOP = '相談先がわからず一人で抱えていた';

describe('private writing (個人ワーク)', () => {
  it('a phone (360) and a laptop (1280) write privately, marked; nobody else sees them until the facilitator reveals', async () => {
    const board = await createBoard(e2e.server.url, { title: '個人ワークの練習', template: 'impressions-unclear', groups: 2 });
    const fac = await openBoard(e2e.browser, board.links.facilitator, { name: '進行役' });
    const phone = await openPhone(e2e.browser, board.links.participant, { group: 'B' });
    const laptop = await openBoard(e2e.browser, board.links.participant, { name: '鈴木' });
    const projector = await openBoard(e2e.browser, board.links.viewer, { viewport: { width: 1920, height: 1080 } });
    try {
      await fac.page.getByTestId('ws-panel-open').click();
      await fac.page.getByTestId('private-toggle').check();
      await fac.page.waitForSelector('[data-testid="private-toggle"]:checked:enabled');
      await phone.page.getByTestId('private-banner').waitFor();

      await phone.page.getByTestId('phone-column-unclear').check({ force: true });
      await phone.page.getByTestId('phone-text').fill(FROM_PHONE);
      await phone.page.getByTestId('phone-send').click();
      const phoneNote = phone.page.getByTestId('phone-note').filter({ hasText: FROM_PHONE });
      await phoneNote.waitFor();
      expect(await phoneNote.getByTestId('private-mark').textContent()).toBe('自分だけに表示');
      await phoneNote.scrollIntoViewIfNeeded();
      await phone.page.screenshot({ path: screenshotPath('private-phone-360.png') });

      await writeNote(laptop.page, FROM_LAPTOP);
      await eventually(() => drawnNoteTexts(laptop.page), (t) => t.includes(FROM_LAPTOP));
      await laptop.page.locator('.private-badges [data-testid="private-mark"]').first().waitFor();
      await laptop.page.screenshot({ path: screenshotPath('private-canvas-1280.png') });
      // The list view marks it too, in English as well.
      await laptop.page.getByTestId('list-toggle').click();
      const listed = laptop.page.getByTestId('list-note').filter({ hasText: FROM_LAPTOP });
      expect(await listed.getByTestId('private-mark').textContent()).toBe('自分だけに表示');
      await listed.scrollIntoViewIfNeeded();
      await laptop.page.getByRole('button', { name: 'English' }).click();
      await eventually(() => listed.getByTestId('private-mark').textContent(), (t) => t === 'Only visible to you');
      expect(await laptop.page.getByTestId('private-share').textContent()).toContain('Share');
      await laptop.page.screenshot({ path: screenshotPath('private-list-1280-en.png') });
      await laptop.page.getByRole('button', { name: '日本語' }).click();
      await laptop.page.getByTestId('list-toggle').click();

      // The other browsers hold neither note: not in their docs, not drawn.
      await writeNote(fac.page, '5分たったら共有します');
      await eventually(() => docTexts(laptop.page), (t) => t.includes('5分たったら共有します'));
      await eventually(() => phone.page.getByTestId('phone-note').count(), (n) => n >= 1);
      expect(await docTexts(laptop.page)).not.toContain(FROM_PHONE);
      expect(await drawnNoteTexts(laptop.page)).not.toContain(FROM_PHONE);
      expect(await phone.page.getByTestId('phone-note').allTextContents()).not.toContain(expect.stringContaining(FROM_LAPTOP));
      expect(await docTexts(fac.page)).not.toContain(FROM_PHONE);
      expect(await docTexts(fac.page)).not.toContain(FROM_LAPTOP);
      expect(await drawnNoteTexts(fac.page)).toEqual(['5分たったら共有します']);
      await eventually(() => docTexts(projector.page), (t) => t.includes('5分たったら共有します'));
      expect(await docTexts(projector.page)).toEqual(['5分たったら共有します']);

      // The facilitator sees how many, never what.
      await eventually(() => fac.page.getByTestId('private-total').textContent(), (t) => t === '非公開の付箋 2枚');
      expect(await fac.page.getByTestId('private-section').textContent()).not.toContain(FROM_PHONE);
      await fac.page.getByTestId('private-section').screenshot({ path: screenshotPath('private-facilitator-1280-panel.png') });

      await fac.page.getByTestId('private-reveal-all').click();
      await eventually(() => fac.page.getByTestId('private-message').textContent(), (t) => t === '2枚を公開しました');
      await eventually(() => docTexts(fac.page), (t) => t.includes(FROM_PHONE) && t.includes(FROM_LAPTOP));
      await eventually(() => docTexts(laptop.page), (t) => t.includes(FROM_PHONE) && t.includes(FROM_LAPTOP));
      await eventually(() => phone.page.getByTestId('phone-note').allTextContents(), (t) => t.some((x) => x.includes(FROM_PHONE)));
      // Revealed: in the column it was written for, no longer marked.
      await eventually(() => phone.page.getByTestId('private-mark').count(), (n) => n === 0);
      await eventually(() => laptop.page.getByTestId('private-mark').count(), (n) => n === 0);
      const shared = (await docTexts(laptop.page)).filter((t) => t === FROM_PHONE);
      expect(shared).toHaveLength(1);
      await laptop.page.screenshot({ path: screenshotPath('private-revealed-1280.png') });
      await eventually(() => drawnNoteTexts(projector.page), (t) => t.includes(FROM_PHONE) && t.includes(FROM_LAPTOP));
      await projector.page.screenshot({ path: screenshotPath('private-revealed-projector-1920.png') });
      await phone.page.getByTestId('phone-note').filter({ hasText: FROM_PHONE }).scrollIntoViewIfNeeded();
      await phone.page.screenshot({ path: screenshotPath('private-revealed-phone-360.png') });
    } finally {
      await fac.context.close();
      await phone.context.close();
      await laptop.context.close();
      await projector.context.close();
    }
  });

  it('the author edits and deletes private notes offline, keeps them across a reload, and shares them with 公開する', async () => {
    const board = await createBoard(e2e.server.url, { title: '公開する', template: 'impressions-unclear', groups: 2 });
    const fac = await openBoard(e2e.browser, board.links.facilitator, { name: '進行役' });
    const phone = await openPhone(e2e.browser, board.links.participant, { group: 'B' });
    try {
      await fac.page.getByTestId('ws-panel-open').click();
      await fac.page.getByTestId('private-toggle').check();
      await phone.page.getByTestId('private-banner').waitFor();
      for (const text of ['自分で公開する', '消す付箋']) {
        await phone.page.getByTestId('phone-text').fill(text);
        await phone.page.getByTestId('phone-send').click();
        await phone.page.getByTestId('phone-note').filter({ hasText: text }).getByTestId('private-mark').waitFor();
      }
      // The server goes away: one edited, the other deleted meanwhile; both changes reach it once it is back.
      await e2e.server.stop();
      await phone.page.waitForSelector('[data-testid="connection-badge"]:not([data-status="online"])', { timeout: 20_000 });
      const editedId = await phone.page.getByTestId('phone-note').filter({ hasText: '自分で公開する' }).getAttribute('data-note-id');
      const edited = phone.page.locator(`[data-testid="phone-note"][data-note-id="${editedId}"]`);
      await edited.getByTestId('phone-edit').click();
      await edited.getByTestId('phone-edit-text').press('End');
      await edited.getByTestId('phone-edit-text').pressSequentially('付箋');
      await edited.getByTestId('phone-done').click();
      const doomed = phone.page.getByTestId('phone-note').filter({ hasText: '消す付箋' });
      await doomed.getByTestId('phone-delete').click();
      await doomed.getByTestId('phone-delete').click();
      await eventually(() => phone.page.getByTestId('phone-note').allTextContents(), (t) => !t.some((x) => x.includes('消す付箋')));
      await e2e.restartServer();
      await phone.page.waitForSelector('[data-testid="connection-badge"][data-status="online"]', { timeout: 30_000 });
      await eventually(() => fac.page.getByTestId('private-total').textContent(), (t) => t === '非公開の付箋 1枚', 15_000);
      await phone.page.reload();
      await phone.page.waitForSelector('[data-testid="connection-badge"][data-status="online"]', { timeout: 20_000 });
      const note = phone.page.getByTestId('phone-note').filter({ hasText: '自分で公開する付箋' });
      await note.getByTestId('private-mark').waitFor();
      expect(await docTexts(fac.page)).not.toContain('自分で公開する付箋');
      await phone.page.getByTestId('private-share').click();
      await eventually(() => docTexts(fac.page), (t) => t.includes('自分で公開する付箋'));
      await eventually(() => note.getByTestId('private-mark').count(), (n) => n === 0);
    } finally {
      await fac.context.close();
      await phone.context.close();
    }
  });
});
