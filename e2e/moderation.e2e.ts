import { describe, expect, it } from 'vitest';
import { createBoard, docNotes, docTexts, drawnNoteTexts, eventually, openBoard, openPhone, screenshotPath, useE2e, writeNote } from './helpers';

const e2e = useE2e();

const PENDING = '田中さんの80代の母と50代の息子の二人暮らし';
const HIDDEN = '連絡先は090-1234-5678の佐藤です';

describe('approval before the projector', () => {
  it('a phone note reaches the 1920×1080 projector only after the facilitator approves it from the queue at 1280', async () => {
    const board = await createBoard(e2e.server.url, { title: '当別町 セミナー', template: 'impressions-unclear', groups: 3 });
    const fac = await openBoard(e2e.browser, board.links.facilitator, { name: '進行役' });
    const projector = await openBoard(e2e.browser, board.links.viewer, { viewport: { width: 1920, height: 1080 } });
    const phone = await openPhone(e2e.browser, board.links.participant, { group: 'B' });
    try {
      await fac.page.getByTestId('ws-panel-open').click();
      await fac.page.getByTestId('moderation-toggle').check();
      await fac.page.waitForSelector('[data-testid="moderation-count"]');

      await phone.page.getByTestId('phone-column-unclear').check({ force: true });
      await phone.page.getByTestId('phone-text').fill(PENDING);
      await phone.page.getByTestId('phone-send').click();
      await phone.page.getByTestId('phone-text').fill(HIDDEN);
      await phone.page.getByTestId('phone-send').click();
      // The writer's group sees its notes at once, marked as waiting for the projector.
      await eventually(() => phone.page.getByTestId('phone-note').allTextContents(), (t) => t.some((x) => x.includes(PENDING)) && t.some((x) => x.includes(HIDDEN)));
      await eventually(() => phone.page.getByTestId('pending-mark').allTextContents(), (t) => t.length === 2 && t[0] === '投影前の承認待ち');
      await phone.page.getByTestId('phone-note').last().scrollIntoViewIfNeeded();
      await phone.page.screenshot({ path: screenshotPath('moderation-phone-360.png') });

      const items = fac.page.getByTestId('moderation-item');
      await eventually(() => items.allTextContents(), (t) => t.length === 2);
      const first = items.first();
      expect(await first.textContent()).toContain(PENDING);
      expect(await first.getByTestId('moderation-warning').textContent()).toBe('⚠ 個人情報の可能性：氏名・年代と続柄');
      expect(await items.nth(1).getByTestId('moderation-warning').textContent()).toContain('電話番号');
      await fac.page.getByTestId('moderation-section').screenshot({ path: screenshotPath('moderation-queue-1280-panel.png') });
      await fac.page.screenshot({ path: screenshotPath('moderation-queue-1280.png') });
      // The same queue in English.
      await fac.page.getByRole('button', { name: 'English' }).click();
      await eventually(() => first.getByTestId('moderation-warning').textContent(), (t) => t === '⚠ May contain personal information: a name, age and family');
      expect(await fac.page.getByTestId('moderation-approve').first().textContent()).toBe('Approve');
      await fac.page.screenshot({ path: screenshotPath('moderation-queue-1280-en.png') });
      await fac.page.getByRole('button', { name: '日本語' }).click();
      await fac.page.getByText('承認待ち（古い順）').waitFor();

      // The facilitator's own note needs no approval: once the projector has it, it has had everything before it.
      await fac.page.getByRole('button', { name: '閉じる' }).first().click();
      await writeNote(fac.page, '休憩は10分です');
      await eventually(() => docTexts(projector.page), (t) => t.includes('休憩は10分です'));
      expect(await docTexts(projector.page)).not.toContain(PENDING);
      expect(await docTexts(projector.page)).not.toContain(HIDDEN);

      // The facilitator's own projector mode shows what the viewer link shows.
      const drawnCount = () => drawnNoteTexts(fac.page).then((t) => t.length);
      await eventually(drawnCount, (n) => n === 3);
      await fac.page.getByTestId('ws-panel-open').click();
      await fac.page.getByTestId('ws-projector').click();
      await eventually(drawnCount, (n) => n === 1);
      expect(await drawnNoteTexts(fac.page)).toEqual(['休憩は10分です']);
      await fac.page.getByTestId('ws-projector-exit').click();
      await eventually(drawnCount, (n) => n === 3);

      await fac.page.getByTestId('ws-panel-open').click();
      await items.nth(1).getByTestId('moderation-hide').click();
      await eventually(() => items.allTextContents(), (t) => t.length === 1);
      await items.first().getByTestId('moderation-approve').click();
      await fac.page.getByText('承認待ちの付箋はありません').waitFor();

      await eventually(() => docTexts(projector.page), (t) => t.includes(PENDING));
      await projector.page.getByTestId('zoom-fit').click().catch(() => undefined);
      await eventually(() => drawnNoteTexts(projector.page), (t) => t.includes(PENDING));
      expect(await docTexts(projector.page)).not.toContain(HIDDEN);
      // On the phone the approved note is no longer marked as waiting.
      await eventually(() => phone.page.getByTestId('pending-mark').count(), (n) => n === 0);
      await projector.page.screenshot({ path: screenshotPath('moderation-projector-1920.png') });
    } finally {
      await phone.context.close();
      await projector.context.close();
      await fac.context.close();
    }
  });

  it('after a server restart the projector starts again from the rebuilt projection: a note hidden meanwhile is gone', async () => {
    const board = await createBoard(e2e.server.url, { template: 'blank' });
    const fac = await openBoard(e2e.browser, board.links.facilitator, { name: '進行役' });
    const projector = await openBoard(e2e.browser, board.links.viewer, { viewport: { width: 1920, height: 1080 } });
    try {
      await writeNote(fac.page, '再起動前の付箋');
      await eventually(() => docTexts(projector.page), (t) => t.includes('再起動前の付箋'));
      const id = (await docNotes(fac.page)).find((n) => n.text === '再起動前の付箋')!.id;

      await e2e.server.kill();
      const server = await e2e.restartServer();
      await fac.page.waitForSelector('[data-testid="connection-badge"][data-status="online"]', { timeout: 30_000 });
      const hid = await fetch(`${server.url}/api/boards/${board.boardId}/notes/${id}/hide`, { method: 'POST', headers: { authorization: `Bearer ${board.facilitatorToken}` } });
      expect(hid.status).toBe(200);
      await writeNote(fac.page, '再起動後の付箋');

      await eventually(() => docTexts(projector.page), (t) => t.includes('再起動後の付箋'), 30_000);
      expect(await docTexts(projector.page)).toEqual(['再起動後の付箋']);
    } finally {
      await projector.context.close();
      await fac.context.close();
    }
  });
});
