import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { boardToPage, createBoard, docNotes, drawnNoteTexts, eventually, openBoard, screenshotPath, useE2e } from './helpers';

const e2e = useE2e();

interface SectionInfo {
  id: string;
  kind: string;
  group: string;
  x: number;
  y: number;
  w: number;
  h: number;
}

function sections(page: Page): Promise<SectionInfo[]> {
  return page.evaluate(() => {
    const out: SectionInfo[] = [];
    window.__board!.doc.getMap('sections').forEach((v, id) => {
      const m = v as { get(k: string): unknown };
      out.push({ id, kind: String(m.get('kind')), group: String(m.get('group')), x: Number(m.get('x')), y: Number(m.get('y')), w: Number(m.get('w')), h: Number(m.get('h')) });
    });
    return out;
  });
}

async function writeNoteAt(page: Page, p: { x: number; y: number }, text: string): Promise<void> {
  const at = await boardToPage(page, p);
  await page.mouse.dblclick(at.x, at.y);
  const input = page.getByTestId('note-editor-input');
  await input.waitFor();
  await page.keyboard.insertText(text);
  await page.keyboard.press('Escape');
  await input.waitFor({ state: 'detached' });
}

describe('the board as people see it', () => {
  it('files notes in the section they are written in, drags them in one write, and looks right', async () => {
    const board = await createBoard(e2e.server.url, { title: '当別町 重層的支援体制 研修会', template: 'impressions-unclear', groups: 2 });
    const a = await openBoard(e2e.browser, board.links.facilitator, { name: '進行役' });
    const b = await openBoard(e2e.browser, board.links.participant, { name: '社協 田中' });
    try {
      const secs = await sections(a.page);
      const impressionA = secs.find((s) => s.kind === 'impression' && s.group === 'A')!;
      const unclearA = secs.find((s) => s.kind === 'unclear' && s.group === 'A')!;
      const texts = [
        '断らない相談支援という言葉が印象に残った',
        '8050問題の世帯をどう見つけるか',
        '居場所づくりと就労体験をつなげたい',
        '地域のサロンで見守りができる',
      ];
      for (const [i, t] of texts.entries()) {
        await writeNoteAt(a.page, { x: impressionA.x + 120 + (i % 2) * 200, y: impressionA.y + 160 + Math.floor(i / 2) * 170 }, t);
      }
      await writeNoteAt(b.page, { x: unclearA.x + 120, y: unclearA.y + 160 }, '重層的支援体制整備事業の「参加支援」の範囲がわからなかった');

      const notes = await eventually(() => docNotes(b.page), (n) => n.length === 5 && n.every((x) => x.text.length > 0));
      const filed = await a.page.evaluate(() => {
        const m: Record<string, string> = {};
        window.__board!.doc.getMap('notes').forEach((v, id) => (m[id] = String((v as { get(k: string): unknown }).get('sectionId'))));
        return m;
      });
      expect(Object.values(filed).filter((s) => s === impressionA.id)).toHaveLength(4);
      expect(Object.values(filed).filter((s) => s === unclearA.id)).toHaveLength(1);

      // Drag one note into the "unclear" column: live positions via awareness, one doc update on drop.
      const moved = notes.find((n) => n.text.startsWith('8050'))!;
      await b.page.evaluate(() => {
        const w = window as unknown as { __updates: number };
        w.__updates = 0;
        window.__board!.doc.on('update', () => w.__updates++);
      });
      const from = await boardToPage(a.page, { x: moved.x + 80, y: moved.y + 60 });
      const to = await boardToPage(a.page, { x: unclearA.x + 330, y: unclearA.y + 220 });
      await a.page.mouse.move(from.x, from.y);
      await a.page.mouse.down();
      for (let i = 1; i <= 20; i++) await a.page.mouse.move(from.x + ((to.x - from.x) * i) / 20, from.y + ((to.y - from.y) * i) / 20);
      await eventually(
        () => b.page.evaluate(() => [...window.__board!.awareness.getStates().values()].some((s) => Object.keys((s as { dragging?: object }).dragging ?? {}).length > 0)),
        Boolean,
      );
      expect(await b.page.evaluate(() => (window as unknown as { __updates: number }).__updates)).toBe(0);
      await a.page.mouse.up();
      await eventually(() => docNotes(b.page), (n) => n.find((x) => x.id === moved.id)!.x !== moved.x);
      await new Promise((r) => setTimeout(r, 300));
      expect(await b.page.evaluate(() => (window as unknown as { __updates: number }).__updates)).toBe(1);
      const sectionOfMoved = await b.page.evaluate((id) => String((window.__board!.doc.getMap('notes').get(id) as { get(k: string): unknown }).get('sectionId')), moved.id);
      expect(sectionOfMoved).toBe(unclearA.id);

      await eventually(() => drawnNoteTexts(b.page), (t) => texts.every((x) => t.includes(x)));
      await a.page.getByTestId('zoom-fit').click();
      await b.page.mouse.move(700, 300);
      await a.page.waitForTimeout(400);
      await a.page.screenshot({ path: screenshotPath('board-facilitator.png') });

      // The in-place editor, mid-sentence, over its note.
      const first = (await docNotes(a.page)).find((n) => n.text.startsWith('断らない'))!;
      const at = await boardToPage(a.page, { x: first.x + 80, y: first.y + 60 });
      await a.page.mouse.dblclick(at.x, at.y);
      await a.page.getByTestId('note-editor-input').waitFor();
      await a.page.keyboard.insertText('（半田市の事例）');
      await a.page.screenshot({ path: screenshotPath('board-editing.png') });
      await a.page.keyboard.press('Escape');
      await eventually(() => docNotes(b.page), (n) => n.some((x) => x.text.endsWith('（半田市の事例）')));

      const phone = await openBoard(e2e.browser, board.links.participant, { viewport: { width: 390, height: 780 } });
      await phone.page.waitForTimeout(300);
      await phone.page.screenshot({ path: screenshotPath('board-phone.png') });
      await phone.context.close();
    } finally {
      await a.context.close();
      await b.context.close();
    }
  });

  it('a locked board shows a banner and no editing chrome to participants', async () => {
    const board = await createBoard(e2e.server.url, { template: 'troubles', groups: 1 });
    const f = await openBoard(e2e.browser, board.links.facilitator);
    const p = await openBoard(e2e.browser, board.links.participant);
    try {
      expect(await p.page.getByTestId('toolbar').count()).toBe(1);
      await f.page.getByTestId('lock-toggle').click();
      await p.page.getByTestId('locked-banner').waitFor();
      expect(await p.page.getByTestId('toolbar').count()).toBe(0);
      expect(await f.page.getByTestId('toolbar').count()).toBe(1);
    } finally {
      await f.context.close();
      await p.context.close();
    }
  });

  it('the home page creates a board and shows its three links', async () => {
    const context = await e2e.browser.newContext({ locale: 'ja-JP' });
    const page = await context.newPage();
    try {
      await page.goto(e2e.server.url);
      await page.getByTestId('new-title').fill('苫小牧市 研修 第1回');
      await page.getByTestId('new-template').selectOption('case-review');
      await page.getByTestId('new-groups').fill('2');
      const popup = page.waitForEvent('popup');
      await page.getByTestId('new-submit').click();
      await page.getByTestId('board-links').waitFor();
      for (const role of ['facilitator', 'participant', 'viewer']) expect(await page.getByTestId(`link-${role}`).inputValue()).toMatch(/\/b\/[A-Za-z0-9_-]{22}\?token=/);
      await page.screenshot({ path: screenshotPath('home-links.png') });
      const tab = await popup;
      await tab.waitForSelector('[data-testid="board-page"][data-role="facilitator"]');
      // The token leaves the address bar, which a projector would show to the whole room.
      expect(new URL(tab.url()).search).toBe('');
    } finally {
      await context.close();
    }
  });
});
