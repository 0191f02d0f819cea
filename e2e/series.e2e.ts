import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { eventually, openBoard, screenshotPath, useE2e, writeNote } from './helpers';
import { writeNotes } from '../server/plugins/exportTesting';
import { metaOf, readBoard } from '../shared/board/doc';

const e2e = useE2e();

const sessionRows = (page: Page) =>
  page.getByTestId('series-session').evaluateAll((rows) =>
    rows.map((r) => ({
      title: r.querySelector('th')?.textContent ?? '',
      link: r.querySelector('a')?.getAttribute('href') ?? '',
      consultation: Number(r.querySelector('[data-category="consultation"]')?.textContent),
      total: Number(r.querySelector('[data-testid="series-session-total"]')?.textContent),
    })),
  );

/** axe-core's serious and critical findings on the page as it is now. */
async function seriousViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

async function addSession(page: Page, title: string): Promise<void> {
  const before = await page.getByTestId('series-session').count();
  await page.getByTestId('series-session-title').fill(title);
  await page.getByTestId('series-add-session').click();
  await page.getByTestId('series-session').nth(before).waitFor();
}

describe('a series of sessions', () => {
  it('is made from the home page, gets two sessions with notes, and shows them by support and cluster with each session', async () => {
    const context = await e2e.browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'ja-JP', acceptDownloads: true });
    const page = await context.newPage();
    try {
      await page.goto(e2e.server.url);
      await page.getByTestId('new-series-form').waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await page.screenshot({ path: screenshotPath('series-home-1280.png'), fullPage: true });
      await page.setViewportSize({ width: 360, height: 640 });
      await page.screenshot({ path: screenshotPath('series-home-360.png'), fullPage: true });
      await page.setViewportSize({ width: 1280, height: 800 });
      await page.getByTestId('new-series-title').fill('苫小牧市 重層的支援 研修（全4回）');
      await page.getByTestId('new-series-submit').click();
      await page.getByTestId('series-page').waitFor();
      expect(new URL(page.url()).pathname).toMatch(/^\/s\/[A-Za-z0-9_-]{22}$/);
      // The link to keep holds the token; the address bar no longer does.
      const link = new URL(await page.getByTestId('series-link').inputValue());
      expect(link.pathname).toBe(new URL(page.url()).pathname);
      expect(link.hash).toMatch(/^#token=[A-Za-z0-9_-]{32}$/);
      await eventually(async () => new URL(page.url()).hash, (h) => h === '');
      await eventually(() => page.getByTestId('series-title').textContent(), (t) => t === '苫小牧市 重層的支援 研修（全4回）');

      await addSession(page, '第1回 相談支援を考える');
      await addSession(page, '第2回 参加支援を考える');
      const [first, second] = await sessionRows(page);
      expect([first!.title, second!.title]).toEqual(['第1回 相談支援を考える', '第2回 参加支援を考える']);

      // A participant's browser writes on the first session; the second gets notes from a stock client,
      // every third one sorted into 相談支援.
      const facilitator = await openBoard(e2e.browser, first!.link, { name: '進行役' });
      try {
        await writeNote(facilitator.page, '窓口がどこかわからない');
        await writeNote(facilitator.page, '見守りの担い手が足りない');
        await eventually(async () => (await (await fetch(`${e2e.server.url}/api/boards/${new URL(first!.link).pathname.split('/')[2]}`, { headers: { authorization: `Bearer ${new URL(first!.link).searchParams.get('token')}` } })).json()).noteCount, (n) => n === 2);
      } finally {
        await facilitator.context.close();
      }
      const secondUrl = new URL(second!.link);
      const secondBoard = { boardId: secondUrl.pathname.split('/')[2]!, facilitatorToken: secondUrl.searchParams.get('token')!, participantToken: secondUrl.searchParams.get('token')! };
      // Two of them in one topic cluster, as the facilitator's auto-grouping records it.
      await writeNotes(e2e.server, secondBoard, ['ひきこもりの相談先', 'サロンを続けたい', '居場所がほしい', '子ども食堂'], {
        edit: (doc) => {
          const ids = readBoard(doc).notes.filter((n) => n.text === 'サロンを続けたい' || n.text === '居場所がほしい').map((n) => n.id);
          metaOf(doc).set('groupingReasons', Object.fromEntries(ids.map((id) => [id, { clusterLabel: '居場所づくり' }])));
        },
      });

      await page.getByTestId('series-refresh').click();
      const rows = await eventually(() => sessionRows(page), (r) => r[0]?.total === 2 && r[1]?.total === 4);
      expect(rows.map((r) => r.consultation)).toEqual([0, 2]);

      const notes = page.getByTestId('series-note');
      expect(await notes.count()).toBe(6);
      const consultation = page.locator('[data-testid="series-bucket"][data-key="consultation"]');
      expect(await consultation.getByTestId('series-note-session').allTextContents()).toEqual(['第2回 参加支援を考える', '第2回 参加支援を考える']);
      const unsorted = page.locator('[data-testid="series-bucket"][data-key="unsorted"]');
      expect(await unsorted.getByText('窓口がどこかわからない').count()).toBe(1);
      await page.screenshot({ path: screenshotPath('series-1280.png'), fullPage: true });
      expect(await seriousViolations(page)).toEqual([]);

      await page.getByTestId('series-view-cluster').click();
      const place = page.locator('[data-testid="series-bucket"][data-key="居場所づくり"]');
      await place.waitFor();
      expect((await place.locator('.series-note-text').allTextContents()).sort()).toEqual(['サロンを続けたい', '居場所がほしい'].sort());
      expect(await place.getByTestId('series-note-session').allTextContents()).toEqual(['第2回 参加支援を考える', '第2回 参加支援を考える']);
      expect(await page.locator('[data-testid="series-bucket"][data-key="-"]').getByTestId('series-note').count()).toBe(4);
      await page.screenshot({ path: screenshotPath('series-1280-cluster.png'), fullPage: true });

      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('series-export-xlsx').click()]);
      expect(download.suggestedFilename()).toBe('苫小牧市 重層的支援 研修（全4回）.xlsx');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile((await download.path())!);
      expect(wb.worksheets.map((w) => w.name)).toEqual(['集計', '第1回 相談支援を考える', '第2回 参加支援を考える']);

      for (const [width, height] of [
        [360, 640],
        [1920, 1080],
      ] as const) {
        await page.setViewportSize({ width, height });
        await page.getByTestId('series-view-support').click();
        await page.screenshot({ path: screenshotPath(`series-${width}.png`), fullPage: true });
      }
      await page.getByTestId('language-switch').click();
      await page.setViewportSize({ width: 1280, height: 800 });
      await eventually(() => page.getByTestId('series-sessions').locator('thead').textContent(), (t) => (t ?? '').includes('Consultation'));
      await page.screenshot({ path: screenshotPath('series-1280-en.png'), fullPage: true });
    } finally {
      await context.close();
    }
  });

  it('asks for the series link when the token is missing, and says so when it is wrong', async () => {
    const r = await fetch(`${e2e.server.url}/api/series`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ title: '当別町' }) });
    const { seriesId } = (await r.json()) as { seriesId: string };
    const context = await e2e.browser.newContext({ locale: 'ja-JP' });
    const page = await context.newPage();
    try {
      await page.goto(`${e2e.server.url}/s/${seriesId}`);
      await page.getByText('シリーズのリンク（#token=…つき）').waitFor();
      await page.goto(`${e2e.server.url}/s/${seriesId}#token=${'x'.repeat(32)}`);
      await page.reload();
      await page.getByRole('alert').waitFor();
      expect(await page.getByTestId('series-note').count()).toBe(0);
    } finally {
      await context.close();
    }
  });
});
