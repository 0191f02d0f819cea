import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { decode } from 'fast-png';
import { boardToPage, createBoard, eventually, openBoard, screenshotPath, useE2e } from './helpers';
import { connectClient } from '../server/testing/clients';
import { addNote as writeToDoc, readBoard } from '../shared/board/doc';

const e2e = useE2e();

/** Clearly categorisable notes, as participants write them, with the support each belongs to. */
const NOTES = [
  { text: '困りごとを抱えた世帯の相談を関係機関で受け止める', category: 'consultation' },
  { text: '地域のサロンで見守り', category: 'community' },
  { text: 'ひきこもりの人が働ける職場', category: 'participation' },
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

/**
 * The notes and the category regions in a page's doc, through the read-only test hook. x/y are where the note
 * is shown: its category place while the board is arranged by category, else its worksheet place.
 */
function readDoc(page: Page): Promise<{ notes: DocNote[]; regions: Region[]; arranged: boolean }> {
  return page.evaluate(() => {
    const doc = window.__board!.doc;
    const notes: DocNote[] = [];
    const arranged = doc.getMap('meta').get('arrangement') === 'categories';
    doc.getMap('notes').forEach((value, id) => {
      const m = value as { get(k: string): unknown };
      const byCategory = arranged && typeof m.get('categoryX') === 'number';
      notes.push({
        id,
        text: String(m.get('text')),
        x: Number(m.get(byCategory ? 'categoryX' : 'x')),
        y: Number(m.get(byCategory ? 'categoryY' : 'y')),
        w: Number(m.get('w')),
        h: Number(m.get('h')),
        sectionId: (m.get('sectionId') as string | null) ?? null,
        category: String(m.get('category')),
        categorySource: (m.get('categorySource') as string | undefined) ?? null,
      });
    });
    const meta = doc.getMap('meta');
    const regions = (meta.get('groupingRegions') as Region[] | undefined) ?? [];
    return { notes, regions, arranged };
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
        // Shown in its category's region, still filed in the column it was written in.
        expect(note.sectionId).toBe(original[n.text]!.sectionId);
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
      expect(undone.arranged).toBe(false);
      expect(await inBetween(fac.page, groupedConsult, consult)).toBe(0);
      await eventually(() => drawn(part.page), (d) => d.regions.length === 0);
      await fac.page.emulateMedia({ reducedMotion: 'no-preference' });

      // 4. "Back to original layout" after grouping twice: the notes go back, the categories stay.
      await fac.page.getByTestId('autogroup').click();
      await eventually(() => readDoc(part.page), (d) => d.regions.length === 4);
      await fac.page.getByTestId('autogroup').click();
      await fac.page.getByTestId('restore-layout').click();
      const restored = await eventually(() => readDoc(part.page), (d) => !d.arranged);
      await eventually(() => drawn(part.page), (d) => d.regions.length === 0);
      expect(positions(restored.notes)).toEqual(original);
      for (const n of NOTES) expect(byText(restored.notes, n.text)).toMatchObject({ category: n.category, categorySource: 'auto' });

      // 5. The facilitator drags the consultation note into the community region: a manual correction.
      await fac.page.getByTestId('autogroup').click();
      const again = await eventually(() => readDoc(fac.page), (d) => d.regions.length === 4 && d.arranged);
      await fac.page.waitForTimeout(1_300); // let the glide and the refit of the view finish before grabbing the note
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

/** Twenty notes of a Tōbetsu-style session, as the three groups wrote them into their columns. */
const SESSION: { group: string; kind: 'impression' | 'unclear'; text: string }[] = [
  { group: 'A', kind: 'impression', text: 'ひきこもりの相談窓口がわからない' },
  { group: 'A', kind: 'impression', text: '断らない相談支援という考え方' },
  { group: 'A', kind: 'unclear', text: '8050世帯への訪問とアウトリーチ' },
  { group: 'A', kind: 'impression', text: '地域のサロンで見守り' },
  { group: 'A', kind: 'unclear', text: '社会福祉法の改正がよくわからない' },
  { group: 'A', kind: 'impression', text: '就労体験の場がほしい' },
  { group: 'A', kind: 'unclear', text: '多機関協働の会議は誰が呼びかけるのか' },
  { group: 'B', kind: 'impression', text: '伴走型支援で長くつながる' },
  { group: 'B', kind: 'impression', text: '居場所と役割があること' },
  { group: 'B', kind: 'unclear', text: '民生委員と社協の役割分担' },
  { group: 'B', kind: 'impression', text: '近所の一人暮らし高齢者の見守り' },
  { group: 'B', kind: 'unclear', text: '重層的支援体制整備事業の予算' },
  { group: 'B', kind: 'impression', text: 'ボランティアの担い手が足りない' },
  { group: 'B', kind: 'unclear', text: '障害のある人の働く場を増やす' },
  { group: 'C', kind: 'impression', text: '住民同士の支え合い' },
  { group: 'C', kind: 'impression', text: '困りごとを相談できる窓口がほしい' },
  { group: 'C', kind: 'unclear', text: '子ども食堂を地域の拠点にする' },
  { group: 'C', kind: 'impression', text: '空き家を住まいとして活用する' },
  { group: 'C', kind: 'unclear', text: '不登校の子の家族への支援' },
  { group: 'C', kind: 'impression', text: 'お祭りで顔見知りになる' },
];

type Filed = { id: string; text: string; sectionId: string | null; x: number; y: number };
const filed = (page: Page): Promise<Filed[]> =>
  page.evaluate(() => {
    const out: { id: string; text: string; sectionId: string | null; x: number; y: number }[] = [];
    window.__board!.doc.getMap('notes').forEach((v, id) => {
      const m = v as { get(k: string): unknown };
      out.push({ id, text: String(m.get('text')), sectionId: (m.get('sectionId') as string | null) ?? null, x: Number(m.get('x')), y: Number(m.get('y')) });
    });
    return out.sort((a, b) => a.text.localeCompare(b.text));
  });

/** What the stage draws of the category arrangement: the tray (title, count) and each region's title. */
const drawnArrangement = (page: Page) =>
  page.evaluate(() => {
    type Node = { getAttr(k: string): unknown; findOne(sel: string): { text(): string } | undefined };
    const stage = (window as unknown as { Konva?: { stages: { find(sel: string): Node[] }[] } }).Konva?.stages[0];
    const tray = stage?.find('.grouping-tray')[0];
    return {
      regions: stage?.find('.grouping-region').map((g) => g.findOne('.region-title')?.text() ?? '') ?? [],
      clusters: stage?.find('.cluster-label').length ?? 0,
      tray: tray ? { title: tray.findOne('.tray-title')?.text() ?? '', count: Number(tray.findOne('.tray-count')?.text() ?? -1) } : null,
      sections: stage?.find('.section').length ?? 0,
    };
  });

async function phoneOf(link: string, group: string) {
  const context = await e2e.browser.newContext({ viewport: { width: 360, height: 640 }, isMobile: true, hasTouch: true, locale: 'ja-JP' });
  const page = await context.newPage();
  await page.goto(link);
  await page.getByTestId('join-dialog').waitFor({ timeout: 20_000 });
  await page.getByTestId('join-name').fill('田中');
  await page.getByTestId(`join-group-${group}`).check({ force: true });
  await page.getByTestId('join-ok').click();
  await page.waitForSelector('[data-testid="connection-badge"][data-status="online"]', { timeout: 20_000 });
  return { context, page };
}

const phoneTexts = (page: Page) => page.locator('[data-testid="phone-note"] .ws-note-text').allTextContents();

describe('grouping is a layout, not a move out of the worksheet', () => {
  it('keeps all 20 notes in their groups’ columns through Auto-group, undo and back to the original layout; phone and list still list them', async () => {
    const board = await createBoard(e2e.server.url, { title: '当別町 地域共生社会セミナー', template: 'impressions-unclear', groups: 3 });
    // The notes arrive over the ordinary sync protocol, as any client writes them.
    const writer = connectClient(e2e.server.wsUrl, board.boardId, board.facilitatorToken);
    await writer.synced;
    const sections = readBoard(writer.doc).sections;
    const count = new Map<string, number>();
    SESSION.forEach((n, i) => {
      const s = sections.find((x) => x.group === n.group && x.kind === n.kind)!;
      const k = count.get(s.id) ?? 0;
      count.set(s.id, k + 1);
      writeToDoc(writer.doc, { text: n.text, x: s.x + 20 + (k % 2) * 176, y: s.y + 80 + Math.floor(k / 2) * 136, sectionId: s.id, authorId: `p${i}`, author: `参加者${i + 1}` }, null, 1_000 + i);
    });
    const fac = await openBoard(e2e.browser, board.links.facilitator, { name: '進行役' });
    const projector = await openBoard(e2e.browser, board.links.viewer, { viewport: { width: 1920, height: 1080 } });
    const list = await openBoard(e2e.browser, `${board.links.participant}&view=list`, { name: 'リスト' });
    const phone = await phoneOf(board.links.participant, 'B');
    const groupB = SESSION.filter((n) => n.group === 'B').map((n) => n.text).sort();
    try {
      const before = await eventually(() => filed(fac.page), (d) => d.length === SESSION.length);
      await eventually(() => phoneTexts(phone.page), (t) => t.length === groupB.length);
      await fac.page.screenshot({ path: screenshotPath('group-before-facilitator-1280.png') });
      await projector.page.screenshot({ path: screenshotPath('group-before-projector-1920.png') });
      await phone.page.screenshot({ path: screenshotPath('group-before-phone-360.png'), fullPage: true });

      await fac.page.getByTestId('autogroup').click();
      for (const page of [fac.page, projector.page, list.page, phone.page]) await eventually(() => readDoc(page), (d) => d.arranged);
      // Every note keeps its column and its worksheet place.
      expect(await filed(projector.page)).toEqual(before);
      expect(await filed(phone.page)).toEqual(before);

      // The projector draws the category regions and the 要確認 tray, not the empty worksheet frames.
      const shown = await eventually(() => drawnArrangement(projector.page), (d) => d.regions.length === 4 && d.tray !== null);
      expect(shown.regions).toEqual(['相談支援', '参加支援', '地域づくりに向けた支援', '未分類']);
      expect(shown.tray!.title).toBe('要確認');
      const review = await projector.page.evaluate(() => {
        const reasons = window.__board!.doc.getMap('meta').get('groupingReasons') as Record<string, { needsReview?: boolean }>;
        return Object.values(reasons).filter((r) => r.needsReview).length;
      });
      expect(shown.tray!.count).toBe(review);
      expect(shown.sections).toBe(0);

      // Group B's phone still lists all of group B's notes, and the list view files every note in its column.
      expect((await phoneTexts(phone.page)).sort()).toEqual(groupB);
      const perSection = await list.page.locator('[data-testid="list-section"]').evaluateAll((els) => els.map((e) => e.querySelectorAll('[data-testid="list-note"]').length));
      expect(perSection.reduce((a, b) => a + b, 0)).toBe(SESSION.length);
      expect(await list.page.getByText('欄の外の付箋').count()).toBe(0);

      await projector.page.getByTestId('zoom-fit').click();
      await fac.page.waitForTimeout(700);
      await fac.page.screenshot({ path: screenshotPath('group-after-facilitator-1280.png') });
      await projector.page.screenshot({ path: screenshotPath('group-after-projector-1920.png') });
      await phone.page.screenshot({ path: screenshotPath('group-after-phone-360.png'), fullPage: true });

      // The whole-board picture shows what the hall sees: the four tinted category regions.
      await fac.page.getByTestId('export-open').click();
      const [download] = await Promise.all([fac.page.waitForEvent('download', { timeout: 30_000 }), fac.page.getByTestId('export-png-board').click()]);
      const img = decode(readFileSync(await download.path()));
      const regions = (await readDoc(fac.page)).regions;
      const left = Math.min(...regions.map((r) => r.x)) - 504;
      const top = Math.min(...regions.map((r) => r.y));
      const tints: Record<string, number[]> = { consultation: [0xe8, 0xf0, 0xfc], participation: [0xe6, 0xf4, 0xea], community: [0xfd, 0xf0, 0xe3], unsorted: [0xf1, 0xf3, 0xf4] };
      for (const r of regions) {
        const px = Math.floor((r.x + 6 - (left - 40)) * 2);
        const py = Math.floor((r.y + r.h - 6 - (top - 40)) * 2);
        const i = (py * img.width + px) * img.channels;
        const rgb = [img.data[i]!, img.data[i + 1]!, img.data[i + 2]!];
        expect(rgb.every((v, k) => Math.abs(v - tints[r.category]![k]!) <= 4), `${r.category} region in the PNG at ${px},${py}: ${rgb}`).toBe(true);
      }
      await fac.page.getByTestId('export-close').click();

      // One undo: the worksheet again, every note still in its column.
      await fac.page.getByRole('button', { name: '元に戻す', exact: true }).click();
      await eventually(() => readDoc(phone.page), (d) => !d.arranged && d.regions.length === 0);
      expect(await filed(phone.page)).toEqual(before);
      expect((await phoneTexts(phone.page)).sort()).toEqual(groupB);

      // Grouped again, then "back to the original layout": the same.
      await fac.page.getByTestId('autogroup').click();
      await eventually(() => readDoc(projector.page), (d) => d.arranged);
      await fac.page.getByTestId('restore-layout').click();
      await eventually(() => readDoc(projector.page), (d) => !d.arranged);
      expect(await filed(projector.page)).toEqual(before);
      await eventually(() => drawnArrangement(projector.page), (d) => d.regions.length === 0 && d.sections > 0);
      expect((await phoneTexts(phone.page)).sort()).toEqual(groupB);
    } finally {
      writer.destroy();
      for (const b of [fac, projector, list]) await b.context.close();
      await phone.context.close();
    }
  });
});
