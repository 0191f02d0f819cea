import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { createBoard, eventually, openBoard, screenshotPath, useE2e } from './helpers';
import { connectClient } from '../server/testing/clients';
import { addNote as writeToDoc, readBoard } from '../shared/board/doc';

const e2e = useE2e();

const textsOf = (...path: string[]): string[] =>
  readFileSync(join(__dirname, '..', 'shared', 'grouping', ...path), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => (JSON.parse(l) as { text: string }).text);
/** Real notes (the seed seminar's, then the corpus's first): many the model is unsure of wait in the 要確認 tray. */
const TEXTS = [...textsOf('fixtures', 'dev-notes.jsonl'), ...textsOf('corpus', 'corpus.jsonl').slice(0, 60)];

const KEYS = ['1', '2', '3', '0'] as const;
const CATEGORY_OF_KEY: Record<string, string> = { '1': 'consultation', '2': 'participation', '3': 'community', '0': 'unsorted' };

function notesOf(page: Page) {
  return page.evaluate(() => {
    const out: { id: string; category: string; categorySource: string | null; placed: boolean }[] = [];
    window.__board!.doc.getMap('notes').forEach((value, id) => {
      const m = value as { get(k: string): unknown };
      out.push({ id, category: String(m.get('category')), categorySource: (m.get('categorySource') as string | undefined) ?? null, placed: typeof m.get('categoryX') === 'number' });
    });
    return out;
  });
}

describe('the 要確認 review tray', () => {
  it('is cleared by keyboard alone: one key per note, focus moving on; the corrections download as labelled lines', async () => {
    const board = await createBoard(e2e.server.url, { title: '当別町 地域共生社会セミナー', template: 'impressions-unclear', groups: 1 });
    const writer = connectClient(e2e.server.wsUrl, board.boardId, board.facilitatorToken);
    await writer.synced;
    const section = readBoard(writer.doc).sections[0]!;
    TEXTS.forEach((text, i) =>
      writeToDoc(writer.doc, { text, x: section.x + 20 + (i % 8) * 176, y: section.y + 80 + Math.floor(i / 8) * 136, sectionId: section.id, authorId: `p${i}`, author: `参加者${i + 1}` }, null, 1_000 + i),
    );
    const fac = await openBoard(e2e.browser, board.links.facilitator, { name: '進行役' });
    try {
      await eventually(() => notesOf(fac.page), (n) => n.length === TEXTS.length);
      await fac.page.getByTestId('autogroup').click();
      await eventually(() => fac.page.getByTestId('grouping-status').textContent(), (t) => !!t);
      const flagged = (await notesOf(fac.page)).filter((n) => !n.placed);
      // Opened from the toolbar by keyboard; the first note to review has the focus.
      await fac.page.getByTestId('review-open').focus();
      await fac.page.keyboard.press('Enter');
      const panel = fac.page.getByTestId('review-panel');
      await panel.waitFor();
      expect(flagged.length).toBeGreaterThanOrEqual(30);
      expect(Number(await fac.page.getByTestId('review-count').textContent())).toBe(flagged.length);
      // Once the notes have glided into place.
      await fac.page.waitForTimeout(700);
      await fac.page.screenshot({ path: screenshotPath('review-tray-facilitator-1280.png') });

      // The most confident proposal comes first.
      const shown = await panel.locator('[data-testid="review-item"]').evaluateAll((els) => els.map((e) => Number(/(\d+)%/.exec(e.textContent ?? '')?.[1])));
      expect(shown).toEqual([...shown].sort((a, b) => b - a));

      // One key each: the answer goes to the focused note and focus moves on to the next.
      await eventually(() => fac.page.evaluate(() => document.activeElement?.getAttribute('data-testid')), (t) => t === 'review-item');
      const expected = new Map<string, string>();
      for (let i = 0; i < 30; i++) {
        const focused = await fac.page.evaluate(() => document.activeElement?.getAttribute('data-id') ?? null);
        expect(focused, `note ${i} has the focus`).not.toBeNull();
        const key = KEYS[i % KEYS.length]!;
        expected.set(focused!, CATEGORY_OF_KEY[key]!);
        await fac.page.keyboard.press(key);
      }
      const after = await eventually(
        () => notesOf(fac.page),
        (ns) => [...expected].every(([id, c]) => ns.some((n) => n.id === id && n.category === c && n.categorySource === 'manual' && n.placed)),
      );
      // Every answered note left the tray for its region; the others still wait.
      expect(after.filter((n) => !n.placed).length).toBe(flagged.length - 30);
      await eventually(
        () => fac.page.getByTestId('review-count').textContent(),
        (t) => Number(t) === flagged.length - 30,
      );

      // Enter takes the model's proposal for the focused note.
      const next = await fac.page.evaluate(() => document.activeElement?.getAttribute('data-id') ?? null);
      const proposal = (await notesOf(fac.page)).find((n) => n.id === next)!.category;
      await fac.page.keyboard.press('Enter');
      expected.set(next!, proposal);
      await eventually(
        () => notesOf(fac.page),
        (ns) => ns.some((n) => n.id === next && n.category === proposal && n.categorySource === 'manual' && n.placed),
      );
      await eventually(
        () => fac.page.getByTestId('review-count').textContent(),
        (t) => Number(t) === flagged.length - 31,
      );

      // The categories set by hand download as labelled lines.
      const href = await fac.page.getByTestId('corrections-download').getAttribute('href');
      const res = await fac.page.evaluate(async (url) => (await fetch(url!)).text(), href);
      const lines = res.trim().split('\n').map((l) => JSON.parse(l) as { id: string; category: string; text: string });
      expect(new Map(lines.map((l) => [l.id, l.category]))).toEqual(expected);
      await fac.page.screenshot({ path: screenshotPath('review-tray-after-1280.png') });
      // A phone-sized window shows the facilitator the phone form; the projector size shows the panel again.
      for (const [w, h] of [
        [360, 640],
        [1920, 1080],
      ] as const) {
        await fac.page.setViewportSize({ width: w, height: h });
        await fac.page.waitForTimeout(300);
        if (w > 600 && !(await panel.isVisible())) await fac.page.getByTestId('review-open').click();
        await fac.page.screenshot({ path: screenshotPath(`review-tray-${w}.png`) });
      }
    } finally {
      writer.destroy();
      await fac.context.close();
    }
  }, 90_000);
});
