import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { boardToPage, createBoard, eventually, openBoard, screenshotPath, useE2e } from './helpers';

const e2e = useE2e();

/** Clearly categorisable notes, as participants write them, with the support each belongs to. */
const NOTES = [
  { text: 'ひきこもりの相談窓口がわからない', category: 'consultation' },
  { text: '地域のサロンで見守り', category: 'community' },
  { text: '就労体験の場がほしい', category: 'participation' },
] as const;

interface DocNote {
  id: string;
  text: string;
  x: number;
  y: number;
  w: number;
  h: number;
  sectionId: string | null;
  category: string;
  categorySource: string | null;
}
interface Region {
  category: string;
  x: number;
  y: number;
  w: number;
  h: number;
}

/** The notes and the category regions in a page's doc, through the read-only test hook. */
function readDoc(page: Page): Promise<{ notes: DocNote[]; regions: Region[]; original: boolean }> {
  return page.evaluate(() => {
    const doc = window.__board!.doc;
    const notes: DocNote[] = [];
    doc.getMap('notes').forEach((value, id) => {
      const m = value as { get(k: string): unknown };
      notes.push({
        id,
        text: String(m.get('text')),
        x: Number(m.get('x')),
        y: Number(m.get('y')),
        w: Number(m.get('w')),
        h: Number(m.get('h')),
        sectionId: (m.get('sectionId') as string | null) ?? null,
        category: String(m.get('category')),
        categorySource: (m.get('categorySource') as string | undefined) ?? null,
      });
    });
    const meta = doc.getMap('meta');
    const regions = (meta.get('groupingRegions') as Region[] | undefined) ?? [];
    return { notes, regions, original: meta.has('originalLayout') };
  });
}

const byText = (notes: DocNote[], text: string) => notes.find((n) => n.text === text)!;
const regionOf = (regions: Region[], n: DocNote) => {
  const cx = n.x + n.w / 2;
  const cy = n.y + n.h / 2;
  return regions.find((r) => cx >= r.x && cx <= r.x + r.w && cy >= r.y && cy <= r.y + r.h)?.category ?? null;
};
const positions = (notes: DocNote[]) => Object.fromEntries(notes.map((n) => [n.text, { x: n.x, y: n.y, sectionId: n.sectionId }]));

/** What a page's stage draws: category regions (with titles) and note badges (category, source). */
function drawn(page: Page) {
  return page.evaluate(() => {
    type Node = { getAttr(k: string): unknown; findOne(sel: string): { text(): string } | undefined };
    const K = (window as unknown as { Konva?: { stages: { find(sel: string): Node[] }[] } }).Konva;
    const stage = K?.stages[0];
    if (!stage) return { regions: [], badges: [] };
    return {
      regions: stage.find('.grouping-region').map((g) => ({ category: String(g.getAttr('category')), title: g.findOne('.region-title')?.text() ?? '', subtitle: g.findOne('.region-subtitle')?.text() ?? '' })),
      badges: stage.find('.category-badge').map((g) => ({ category: String(g.getAttr('category')), source: String(g.getAttr('source')) })),
    };
  });
}

/** Where a note's badge is on the page, from what Konva drew. */
async function badgeCentre(page: Page, noteId: string): Promise<{ x: number; y: number }> {
  const r = await page.evaluate((id) => {
    type Node = { id(): string; findOne(sel: string): { getClientRect(): { x: number; y: number; width: number; height: number } } | undefined };
    const K = (window as unknown as { Konva: { stages: { find(sel: string): Node[] }[] } }).Konva;
    const note = K.stages[0]!.find('.note').find((n) => n.id() === id);
    return note?.findOne('.category-badge')?.getClientRect() ?? null;
  }, noteId);
  const box = await page.locator('[data-testid="board-canvas"]').boundingBox();
  if (!r || !box) throw new Error(`no badge drawn for ${noteId}`);
  return { x: box.x + r.x + r.width / 2, y: box.y + r.y + r.height / 2 };
}

/**
 * Drags a note by its top part into the bottom of a region, as a facilitator's mouse does: the note's
 * centre lands inside the region, clear of its label.
 */
async function dragNoteInto(page: Page, note: { x: number; y: number; w: number; h: number }, region: { x: number; y: number; w: number; h: number }) {
  const from = await boardToPage(page, { x: note.x + note.w / 2, y: note.y + 30 });
  const to = await boardToPage(page, { x: region.x + region.w / 2, y: region.y + region.h - note.h / 2 - 10 });
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(to.x, to.y, { steps: 12 });
  await page.mouse.up();
}

/** Records, every frame for ~1.2 s, where the page draws one note (to see whether it glides or jumps). */
async function startSampling(page: Page, noteId: string): Promise<void> {
  await page.evaluate((id) => {
    type Node = { id(): string; x(): number; y(): number };
    const K = (window as unknown as { Konva: { stages: { find(sel: string): Node[] }[] } }).Konva;
    const samples: [number, number][] = [];
    (window as unknown as { __samples: [number, number][] }).__samples = samples;
    const t0 = performance.now();
    const tick = () => {
      const n = K.stages[0]!.find('.note').find((g) => g.id() === id);
      if (n) samples.push([n.x(), n.y()]);
      if (performance.now() - t0 < 1_200) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  }, noteId);
}

/** The drawn positions sampled since startSampling that lie strictly between `from` and `to`. */
async function inBetween(page: Page, from: { x: number; y: number }, to: { x: number; y: number }): Promise<number> {
  await page.waitForTimeout(1_300);
  const samples = await page.evaluate(() => (window as unknown as { __samples: [number, number][] }).__samples);
  expect(samples.length).toBeGreaterThan(3);
  const near = (s: [number, number], p: { x: number; y: number }) => Math.hypot(s[0] - p.x, s[1] - p.y) < 1;
  expect(samples.some((s) => near(s, to))).toBe(true);
  return samples.filter((s) => !near(s, from) && !near(s, to)).length;
}

async function addNote(page: Page, text: string): Promise<void> {
  await page.getByTestId('add-note').click();
  const input = page.getByTestId('note-editor-input');
  await input.waitFor();
  await page.keyboard.type(text);
  await page.keyboard.press('Escape');
  await input.waitFor({ state: 'detached' });
}

describe('auto-group on the projected board', () => {
  it('groups everyone’s notes into labelled regions, explains why, and undoes, restores and learns from corrections', async () => {
    const board = await createBoard(e2e.server.url, { title: '当別町セミナー', template: 'impressions-unclear', groups: 1 });
    const fac = await openBoard(e2e.browser, board.links.facilitator, { name: '進行役' });
    const part = await openBoard(e2e.browser, board.links.participant, { name: '参加者' });
    try {
      for (const n of NOTES) await addNote(part.page, n.text);
      const start = await eventually(
        () => readDoc(fac.page),
        (d) => NOTES.every((n) => d.notes.some((x) => x.text === n.text)),
      );
      const original = positions(start.notes);
      const consult = byText(start.notes, NOTES[0].text);

      // Only the facilitator is offered the grouping tools.
      expect(await part.page.getByTestId('autogroup').count()).toBe(0);
      expect(await fac.page.getByTestId('restore-layout').isDisabled()).toBe(true);

      // 1. Auto-group: every participant's doc gets categories (auto) and the notes inside their regions.
      await startSampling(fac.page, consult.id);
      await fac.page.getByTestId('autogroup').click();
      const grouped = await eventually(
        () => readDoc(part.page),
        (d) => d.regions.length === 4 && NOTES.every((n) => byText(d.notes, n.text).categorySource === 'auto'),
      );
      for (const n of NOTES) {
        const note = byText(grouped.notes, n.text);
        expect(note.category, n.text).toBe(n.category);
        expect(regionOf(grouped.regions, note), n.text).toBe(n.category);
        expect(note.sectionId).toBeNull();
      }
      // The note glided on the facilitator's screen instead of jumping.
      const groupedConsult = byText(grouped.notes, NOTES[0].text);
      expect(await inBetween(fac.page, consult, groupedConsult)).toBeGreaterThan(0);

      // The participant draws the labelled regions under the notes: Japanese titles, English subtitles.
      const partDrawn = await eventually(() => drawn(part.page), (d) => d.regions.length === 4);
      expect(partDrawn.regions).toEqual(
        expect.arrayContaining([
          { category: 'consultation', title: '相談支援', subtitle: 'Consultation' },
          { category: 'community', title: '地域づくりに向けた支援', subtitle: 'Community-building' },
        ]),
      );
      // The facilitator's view shows the regions, and each note wears its category badge.
      const facDrawn = await eventually(() => drawn(fac.page), (d) => d.badges.length === NOTES.length);
      expect(facDrawn.badges.map((b) => b.category).sort()).toEqual(NOTES.map((n) => n.category).sort());
      expect(facDrawn.badges.every((b) => b.source === 'auto')).toBe(true);

      // 2. Hovering a badge says why.
      const badge = await badgeCentre(fac.page, consult.id);
      await fac.page.mouse.move(badge.x, badge.y);
      const why = fac.page.getByTestId('category-why');
      await why.waitFor();
      const whyText = await why.innerText();
      expect(whyText).toContain('相談支援');
      expect(whyText).toMatch(/確信度 \d+%/);
      expect(whyText).toMatch(/相談|ひきこもり/);
      await fac.page.screenshot({ path: screenshotPath('autogroup-why.png') });
      await fac.page.mouse.move(5, 400);
      await why.waitFor({ state: 'detached' });
      // A click (or a tap on a phone) pins it open until it is closed.
      await fac.page.mouse.click(badge.x, badge.y);
      await fac.page.mouse.move(5, 400);
      await fac.page.waitForTimeout(200);
      expect(await why.isVisible()).toBe(true);
      await why.getByRole('button').click();
      await why.waitFor({ state: 'detached' });

      // 3. One undo puts every note back, on the participant's screen too; with reduced motion it jumps.
      await fac.page.emulateMedia({ reducedMotion: 'reduce' });
      await startSampling(fac.page, consult.id);
      await fac.page.getByRole('button', { name: '元に戻す', exact: true }).click();
      const undone = await eventually(
        () => readDoc(part.page),
        (d) => d.regions.length === 0 && NOTES.every((n) => byText(d.notes, n.text).categorySource === null),
      );
      expect(positions(undone.notes)).toEqual(original);
      expect(undone.original).toBe(false);
      expect(await inBetween(fac.page, groupedConsult, consult)).toBe(0);
      await eventually(() => drawn(part.page), (d) => d.regions.length === 0);
      await fac.page.emulateMedia({ reducedMotion: 'no-preference' });

      // 4. "Back to original layout" after grouping twice: the notes go back, the categories stay.
      await fac.page.getByTestId('autogroup').click();
      await eventually(() => readDoc(part.page), (d) => d.regions.length === 4);
      await fac.page.getByTestId('autogroup').click();
      await fac.page.getByTestId('restore-layout').click();
      const restored = await eventually(() => readDoc(part.page), (d) => d.regions.length === 0 && !d.original);
      expect(positions(restored.notes)).toEqual(original);
      for (const n of NOTES) expect(byText(restored.notes, n.text)).toMatchObject({ category: n.category, categorySource: 'auto' });

      // 5. The facilitator drags the consultation note into the community region: a manual correction.
      await fac.page.getByTestId('autogroup').click();
      const again = await eventually(() => readDoc(fac.page), (d) => d.regions.length === 4);
      await fac.page.waitForTimeout(600); // let the glide finish before grabbing the note
      const note = byText(again.notes, NOTES[0].text);
      const community = again.regions.find((r) => r.category === 'community')!;
      await dragNoteInto(fac.page, note, community);
      const corrected = await eventually(() => readDoc(part.page), (d) => byText(d.notes, NOTES[0].text).categorySource === 'manual');
      expect(byText(corrected.notes, NOTES[0].text).category).toBe('community');
      expect(regionOf(corrected.regions, byText(corrected.notes, NOTES[0].text))).toBe('community');

      // ... which the next auto-group keeps.
      await fac.page.getByTestId('autogroup').click();
      await fac.page.waitForTimeout(300);
      const kept = await eventually(() => readDoc(part.page), (d) => regionOf(d.regions, byText(d.notes, NOTES[0].text)) === 'community');
      expect(byText(kept.notes, NOTES[0].text)).toMatchObject({ category: 'community', categorySource: 'manual' });
      expect(byText(kept.notes, NOTES[2].text)).toMatchObject({ category: 'participation', categorySource: 'auto' });

      // 6. The category menu sets a selected note's category by hand.
      await fac.page.waitForTimeout(600);
      const work = byText((await readDoc(fac.page)).notes, NOTES[2].text);
      const onWork = await boardToPage(fac.page, { x: work.x + work.w / 2, y: work.y + 30 });
      await fac.page.mouse.click(onWork.x, onWork.y);
      const menu = fac.page.getByTestId('category-menu');
      await eventually(() => menu.inputValue(), (v) => v === 'participation');
      await menu.selectOption('community');
      const menued = await eventually(() => readDoc(part.page), (d) => byText(d.notes, NOTES[2].text).categorySource === 'manual');
      expect(byText(menued.notes, NOTES[2].text).category).toBe('community');
    } finally {
      await fac.context.close();
      await part.context.close();
    }
  });

  it('lets a participant move notes between regions without changing their category', async () => {
    const board = await createBoard(e2e.server.url, { template: 'impressions-unclear', groups: 1 });
    const fac = await openBoard(e2e.browser, board.links.facilitator);
    const part = await openBoard(e2e.browser, board.links.participant);
    try {
      await addNote(part.page, NOTES[1].text);
      await eventually(() => readDoc(fac.page), (d) => d.notes.length === 1);
      await fac.page.getByTestId('autogroup').click();
      await eventually(() => readDoc(part.page), (d) => d.regions.length === 4 && d.notes[0]!.categorySource === 'auto');
      await part.page.getByTestId('zoom-fit').click();
      await part.page.waitForTimeout(700);
      const d = await readDoc(part.page);
      const note = d.notes[0]!;
      const target = d.regions.find((r) => r.category === 'consultation')!;
      await dragNoteInto(part.page, note, target);
      const moved = await eventually(() => readDoc(fac.page), (x) => regionOf(x.regions, x.notes[0]!) === 'consultation');
      expect(moved.notes[0]).toMatchObject({ category: 'community', categorySource: 'auto' });
      // The server accepted the participant's change: the participant is still connected.
      expect(await part.page.getByTestId('connection-badge').getAttribute('data-status')).toBe('online');
    } finally {
      await fac.context.close();
      await part.context.close();
    }
  });
});
