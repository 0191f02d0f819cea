import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createBoard, eventually, openBoard, useE2e } from './helpers';
import { sectionTitleIn } from '../shared/board/templates';

const e2e = useE2e();

interface DocNote {
  id: string;
  text: string;
  x: number;
  y: number;
  sectionId: string | null;
}
interface DocSection {
  id: string;
  title: string;
  kind: string;
  group: string;
  x: number;
  y: number;
  w: number;
  h: number;
}

/** What another browser's doc holds (read through the read-only test hook). */
function docState(page: Page): Promise<{ notes: DocNote[]; sections: DocSection[]; votes: number }> {
  return page.evaluate(() => {
    const doc = window.__board!.doc;
    const notes: DocNote[] = [];
    doc.getMap('notes').forEach((v, id) => {
      const m = v as { get(k: string): unknown };
      notes.push({ id, text: String(m.get('text')), x: Number(m.get('x')), y: Number(m.get('y')), sectionId: (m.get('sectionId') as string | null) ?? null });
    });
    const sections: DocSection[] = [];
    doc.getMap('sections').forEach((v, id) => {
      const m = v as { get(k: string): unknown };
      sections.push({ id, title: String(m.get('title')), kind: String(m.get('kind')), group: String(m.get('group')), x: Number(m.get('x')), y: Number(m.get('y')), w: Number(m.get('w')), h: Number(m.get('h')) });
    });
    let votes = 0;
    doc.getMap('votes').forEach((ballot) => (ballot as { forEach(f: (n: unknown) => void): void }).forEach((n) => (votes += Number(n))));
    return { notes, sections, votes };
  });
}

const focusedNoteId = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('data-note-id') ?? null);

describe('the list view (keyboard and screen readers)', () => {
  it('lets a keyboard user write, edit, vote on, move and delete notes, seen live on another screen', async () => {
    const board = await createBoard(e2e.server.url, { title: '研修会', template: 'impressions-unclear', groups: 2 });
    const a = await openBoard(e2e.browser, `${board.links.participant}&view=list`, { name: '社協 田中' });
    const b = await openBoard(e2e.browser, board.links.participant, { name: '見る人' });
    const facilitator = await openBoard(e2e.browser, board.links.facilitator, { name: '進行役' });
    try {
      const { page } = a;
      await page.getByTestId('list-view').waitFor();
      expect(await page.locator('h2#list-title').textContent()).toContain('付箋の一覧');
      const sections = (await docState(b.page)).sections;
      const impressionA = sections.find((s) => s.group === 'A' && s.kind === 'impression')!;
      const unclearA = sections.find((s) => s.group === 'A' && s.kind === 'unclear')!;

      // Write: the labelled box of group A's first column, Enter sends.
      await page.getByLabel(`グループA「${sectionTitleIn(impressionA, 'ja')}」に付箋を書く`).focus();
      await page.keyboard.insertText('断らない相談支援が印象に残った');
      await page.keyboard.press('Enter');
      const added = await eventually(() => docState(b.page), (s) => s.notes.length === 1);
      expect(added.notes[0]).toMatchObject({ text: '断らない相談支援が印象に残った', sectionId: impressionA.id });
      const note = added.notes[0]!;
      expect(note.x).toBeGreaterThanOrEqual(impressionA.x);
      expect(note.x + 160).toBeLessThanOrEqual(impressionA.x + impressionA.w);
      expect(await page.getByTestId('list-announcer').textContent()).toContain('追加しました');
      // The box is empty again, focus still in it, ready for the next note.
      expect(await page.evaluate(() => (document.activeElement as HTMLTextAreaElement).value)).toBe('');

      // Edit, with the keyboard only: Tab to the note's Edit button.
      const article = page.locator(`article[data-note-id="${note.id}"]`);
      await article.getByTestId('list-edit').focus();
      await page.keyboard.press('Enter');
      await page.keyboard.press('ControlOrMeta+A');
      await page.keyboard.insertText('断らない相談支援（伴走型）が印象に残った');
      await page.keyboard.press('Enter');
      await eventually(() => docState(b.page), (s) => s.notes[0]?.text === '断らない相談支援（伴走型）が印象に残った');
      expect(await focusedNoteId(page)).toBe(note.id);

      // Vote, once the facilitator opens voting.
      await facilitator.page.getByTestId('ws-panel-open').click();
      await facilitator.page.getByTestId('ws-voting-toggle').click();
      await article.getByTestId('list-vote').waitFor();
      await article.getByTestId('list-vote').focus();
      await page.keyboard.press('Enter');
      await eventually(() => docState(b.page), (s) => s.votes === 1);
      await eventually(() => article.getByTestId('list-votes').textContent(), (t) => t === '1票');

      // Move to group A's other column: a select and a button, then focus follows the note.
      await article.getByTestId('list-move-select').selectOption({ label: sectionTitleIn(unclearA, 'ja') });
      await article.getByTestId('list-move').focus();
      await page.keyboard.press('Enter');
      const moved = (await eventually(() => docState(b.page), (s) => s.notes[0]?.sectionId === unclearA.id)).notes[0]!;
      expect(moved.x).toBeGreaterThanOrEqual(unclearA.x);
      expect(moved.y).toBeGreaterThanOrEqual(unclearA.y);
      expect(moved.x + 160).toBeLessThanOrEqual(unclearA.x + unclearA.w);
      await eventually(() => focusedNoteId(page), (id) => id === note.id);
      expect(await page.locator(`[data-section-id="${unclearA.id}"] article[data-note-id="${note.id}"]`).count()).toBe(1);
      expect(await page.getByTestId('list-announcer').textContent()).toContain('移動しました');

      // Delete asks once more before it deletes.
      await page.locator(`article[data-note-id="${note.id}"]`).getByTestId('list-delete').focus();
      await page.keyboard.press('Enter');
      expect((await docState(b.page)).notes).toHaveLength(1);
      await page.keyboard.press('Enter');
      await eventually(() => docState(b.page), (s) => s.notes.length === 0);
    } finally {
      await a.context.close();
      await b.context.close();
      await facilitator.context.close();
    }
  });

  it('announces notes other people add, and shows them by category too', async () => {
    const board = await createBoard(e2e.server.url, { template: 'impressions-unclear', groups: 1 });
    const a = await openBoard(e2e.browser, `${board.links.participant}&view=list`);
    const b = await openBoard(e2e.browser, board.links.participant);
    try {
      await b.page.getByTestId('add-note').click();
      await b.page.keyboard.insertText('地域のサロンで見守り');
      await b.page.keyboard.press('Escape');
      // One note says where it landed, so a screen-reader user can go and read it.
      await eventually(() => a.page.getByTestId('list-announcer').textContent(), (t) => !!t && /新しい付箋が1枚あります：\S/.test(t));
      await a.page.getByTestId('list-arrange-category').check();
      const unsorted = a.page.locator('[data-testid="list-category"][data-category="unsorted"]');
      await eventually(() => unsorted.getByTestId('list-note').allTextContents(), (t) => t.some((x) => x.includes('地域のサロンで見守り')));
    } finally {
      await a.context.close();
      await b.context.close();
    }
  });

  it('opens from the skip link, the first thing a keyboard reaches on the board', async () => {
    const board = await createBoard(e2e.server.url, { template: 'impressions-unclear', groups: 1 });
    const a = await openBoard(e2e.browser, board.links.participant);
    try {
      await a.page.keyboard.press('Tab');
      expect(await a.page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('skip-link');
      await a.page.keyboard.press('Enter');
      await a.page.getByTestId('list-view').waitFor();
      await eventually(() => a.page.evaluate(() => document.activeElement?.id), (id) => id === 'list-title');
    } finally {
      await a.context.close();
    }
  });
});
