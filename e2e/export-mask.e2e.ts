import { describe, expect, it } from 'vitest';
import { createBoard, openBoard, screenshotPath, useE2e, writeNote } from './helpers';

const e2e = useE2e();

describe('masking personal information in exports', () => {
  it('is on by default on an anonymous board, and the table it downloads names nobody', async () => {
    const board = await createBoard(e2e.server.url, { title: '匿名の研修', anonymous: true });
    const f = await openBoard(e2e.browser, board.links.facilitator, { name: '進行役', viewport: { width: 1280, height: 800 } });
    try {
      await writeNote(f.page, '山本さん宅 0144-32-5678 に連絡');
      await f.page.getByTestId('export-open').click();
      const mask = f.page.getByTestId('export-mask');
      expect(await mask.isChecked()).toBe(true);
      await f.page.screenshot({ path: screenshotPath('export-mask-1280.png') });
      const href = (await f.page.getByTestId('export-csv').getAttribute('href'))!;
      expect(href).toContain('mask=pii');
      const csv = await (await f.page.request.get(new URL(href, e2e.server.url).href)).text();
      expect(csv).toContain('〇〇さん宅 〔電話番号〕 に連絡');
      expect(csv).not.toContain('山本');
      // Unticked, the table is as written.
      await mask.uncheck();
      expect(await f.page.getByTestId('export-csv').getAttribute('href')).not.toContain('mask=pii');
    } finally {
      await f.context.close();
    }
  });

  it('is off by default on a named board', async () => {
    const board = await createBoard(e2e.server.url, { title: '記名の研修' });
    const f = await openBoard(e2e.browser, board.links.facilitator, { name: '進行役' });
    try {
      await f.page.getByTestId('export-open').click();
      expect(await f.page.getByTestId('export-mask').isChecked()).toBe(false);
    } finally {
      await f.context.close();
    }
  });
});
