import { describe, expect, it } from 'vitest';
import { createBoard, openBoard, screenshotPath, useE2e } from './helpers';

const e2e = useE2e();

describe('the agenda in Japanese', () => {
  it('shows afternoon times as 24-hour (15:00, not 03:00), takes 1630 as 16:30, and shows every phase title whole', async () => {
    const board = await createBoard(e2e.server.url, { title: '当別町 地域共生社会セミナー', template: 'impressions-unclear', groups: 3 });
    const fac = await openBoard(e2e.browser, board.links.facilitator, { name: '進行役', viewport: { width: 1280, height: 800 } });
    const { page } = fac;
    try {
      await page.getByTestId('ws-panel-open').click();
      await page.getByRole('button', { name: '当別町セミナー' }).click();
      const starts = page.getByTestId('ws-phase-start');
      const ends = page.getByTestId('ws-phase-end');
      expect(await starts.evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value))).toEqual(['15:00', '15:05', '15:30', '15:55', '16:05', '16:30', '16:55']);
      expect(await ends.last().inputValue()).toBe('17:00');

      // Typed as people type on a numeric keypad.
      await ends.nth(4).fill('1625');
      await ends.nth(4).blur();
      expect(await ends.nth(4).inputValue()).toBe('16:25');
      await page.getByTestId('ws-save-agenda').click();
      await page.getByText('保存しました').waitFor();
      const saved = await page.evaluate(() => JSON.stringify(window.__board!.doc.getMap('meta').get('agenda')));
      expect(saved).toContain('"end":"16:25"');

      // Each title is read whole: nothing scrolled out of its box, the box inside the panel.
      const titles = page.getByTestId('ws-phase-title');
      const fits = await titles.evaluateAll((els) =>
        els.map((e) => {
          const panel = e.closest('[data-testid="ws-panel"]')!.getBoundingClientRect();
          const r = e.getBoundingClientRect();
          return { text: (e as HTMLTextAreaElement).value, whole: e.scrollWidth <= e.clientWidth + 1 && e.scrollHeight <= e.clientHeight + 1, inside: r.left >= panel.left && r.right <= panel.right + 1 };
        }),
      );
      expect(fits.find((f) => f.text.startsWith('行政説明'))?.text).toBe('行政説明 (オンライン)');
      for (const f of fits) expect(f, f.text).toMatchObject({ whole: true, inside: true });
      await titles.nth(4).scrollIntoViewIfNeeded();
      await page.screenshot({ path: screenshotPath('agenda-ja-1280.png') });
    } finally {
      await fac.context.close();
    }
  });
});
