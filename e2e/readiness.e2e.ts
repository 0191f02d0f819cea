import { describe, expect, it } from 'vitest';
import { createBoard, eventually, openBoard, openPhone, screenshotPath, useE2e } from './helpers';

const e2e = useE2e();

const pressed = (page: import('playwright-core').Page) => page.getByTestId('ready-toggle').getAttribute('aria-pressed');
const people = (page: import('playwright-core').Page) =>
  page.getByTestId('readiness-person').evaluateAll((els) => els.map((e) => `${e.closest('[data-group]')?.getAttribute('data-group')}:${e.textContent}`));

describe('readiness: 書き終わった and 「あと1分です」', () => {
  it('a 360 phone and a 1280 laptop say Done, the facilitator sees it by group and person, and the nudge reaches every screen', async () => {
    const board = await createBoard(e2e.server.url, { title: '地域福祉セミナー', template: 'impressions-unclear', groups: 2 });
    const fac = await openBoard(e2e.browser, board.links.facilitator, { name: '進行役' });
    const laptop = await openBoard(e2e.browser, board.links.participant, { name: '山田' });
    const projector = await openBoard(e2e.browser, board.links.viewer, { viewport: { width: 1920, height: 1080 } });
    const phone = await openPhone(e2e.browser, board.links.participant, { group: 'B' });
    try {
      await fac.page.getByTestId('ws-panel-open').click();
      await fac.page.getByTestId('readiness-panel').waitFor();

      await phone.page.getByTestId('phone-text').fill('買い物に困っている高齢者が多い');
      await phone.page.getByTestId('phone-send').click();
      await eventually(() => people(fac.page), (p) => p.some((x) => x.startsWith('B:') && x.includes('1枚') && x.includes('記入中')));

      await phone.page.getByTestId('ready-toggle').click();
      expect(await pressed(phone.page)).toBe('true');
      expect(await phone.page.getByTestId('ready-toggle').textContent()).toBe('✓ 書き終わった');
      await laptop.page.getByTestId('ready-toggle').click();
      await eventually(() => fac.page.getByTestId('readiness-summary').textContent(), (t) => t === '書き終わった 2 / 2人 ・ 付箋 1枚');
      const listed = await people(fac.page);
      expect(listed.find((x) => x.startsWith('B:'))).toMatch(/1枚書き終わった$/);
      expect(listed.find((x) => x.includes('山田'))).toMatch(/0枚書き終わった$/);
      await fac.page.getByTestId('readiness-section').screenshot({ path: screenshotPath('readiness-panel-1280.png') });

      // A reload (a reconnect) keeps it: it is in the board, not in the connection.
      await phone.page.reload();
      await phone.page.waitForSelector('[data-testid="connection-badge"][data-status="online"]', { timeout: 20_000 });
      await eventually(() => pressed(phone.page), (v) => v === 'true');

      // Tapping again takes it back.
      await laptop.page.getByTestId('ready-toggle').click();
      await eventually(() => people(fac.page), (p) => p.some((x) => x.includes('山田') && x.endsWith('記入中')));
      expect(await pressed(laptop.page)).toBe('false');

      await fac.page.getByTestId('nudge-send').click();
      for (const p of [phone.page, laptop.page, projector.page, fac.page]) {
        await eventually(() => p.getByTestId('nudge-banner').textContent(), (t) => t?.includes('あと1分です') ?? false);
      }
      // Nothing is blocked meanwhile: the phone still writes.
      await phone.page.getByTestId('phone-text').fill('移動販売の情報');
      await phone.page.getByTestId('phone-send').click();
      await eventually(() => phone.page.getByTestId('phone-note').count(), (n) => n === 2);
      await phone.page.screenshot({ path: screenshotPath('readiness-phone-360.png') });
      await laptop.page.screenshot({ path: screenshotPath('readiness-laptop-1280.png') });
      await projector.page.screenshot({ path: screenshotPath('readiness-projector-1920.png') });
      await fac.page.screenshot({ path: screenshotPath('readiness-facilitator-1280.png') });
      // It goes by itself.
      await eventually(() => laptop.page.getByTestId('nudge-banner').count(), (n) => n === 0, 20_000);

      await fac.page.getByTestId('readiness-clear').click();
      await eventually(() => pressed(phone.page), (v) => v === 'false');
    } finally {
      await Promise.all([fac.context.close(), laptop.context.close(), projector.context.close(), phone.context.close()]);
    }
  });

  it('in English: Done, the facilitator’s anonymous participants, and “One more minute”', async () => {
    const board = await createBoard(e2e.server.url, { title: 'Community workshop', template: 'impressions-unclear', groups: 2, anonymous: true });
    const fac = await openBoard(e2e.browser, board.links.facilitator);
    const phone = await openPhone(e2e.browser, board.links.participant, { group: 'A', locale: 'en-US' });
    try {
      await fac.page.getByRole('button', { name: 'English' }).click();
      expect(await phone.page.getByTestId('ready-toggle').textContent()).toBe('Done');
      await phone.page.getByTestId('ready-toggle').click();
      // Seen on the tools button without opening the panel.
      await eventually(() => fac.page.getByTestId('ready-count').locator('.visually-hidden').textContent(), (t) => t === 'Done 1/1');
      await fac.page.screenshot({ path: screenshotPath('readiness-facilitator-1280-en.png') });
      await fac.page.getByTestId('ws-panel-open').click();
      await eventually(() => people(fac.page), (p) => p.length === 1 && p[0] === 'A:Participant 10 notesDone');
      await fac.page.getByTestId('nudge-send').click();
      await eventually(() => phone.page.getByTestId('nudge-banner').textContent(), (t) => t?.includes('One more minute') ?? false);
      await phone.page.screenshot({ path: screenshotPath('readiness-phone-360-en.png') });
      await fac.page.getByTestId('readiness-section').screenshot({ path: screenshotPath('readiness-panel-1280-en.png') });
    } finally {
      await Promise.all([fac.context.close(), phone.context.close()]);
    }
  });
});
