import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createBoard, eventually, openBoard, screenshotPath, useE2e } from './helpers';
import { connectClient } from '../server/testing/clients';
import { addNote as writeToDoc, readBoard } from '../shared/board/doc';

const e2e = useE2e();

/** A 30-note Tōbetsu-style session: three groups writing on ① impressions / unclear points (real notes). */
const SESSION: [group: string, kind: string, text: string][] = [
  ["A", "impression", "国の補助対象ではなかった関係人口に対する補助金"],
  ["B", "impression", "市町村実情に合わせた柔軟な仕組み"],
  ["C", "impression", "より重層的な支援の枠組み"],
  ["A", "impression", "つながりつづけることの評価。どう評価？"],
  ["B", "impression", "狭間を埋めるインフォーマルな制度"],
  ["C", "impression", "専門職の伴走型と本人の能力についてもっと聞きたい！"],
  ["A", "impression", "地域共生社会。自分何年も一人暮らし。近所の人たちと助け合いさせてもらっているので支え合いが大事。"],
  ["B", "impression", "一人（一家庭）を支えるため、たくさんの人が関わっていることに驚き、すごい！！と感じた。"],
  ["C", "unclear", "社会福祉法が改正されるという話があったが、当別では何を変えるのか、変わるのかがわからない？"],
  ["A", "unclear", "新しいメニューがたくさんありすぎて何からはじめるのか、当別での不足していることがわからない（つながり）"],
  ["B", "unclear", "参加支援の重要性"],
  ["C", "unclear", "地域共生社会の「支え手」「受け手」という関係を超えて……というところの具体的なイメージがわかない"],
  ["A", "unclear", "現在、困り感をもつ親子の支援をしている。今後は、実の母の支援をお願いしている。支え手と受け手？"],
  ["B", "impression", "一人を支援するためには多種多様の対応が必要"],
  ["C", "impression", "子どもだけでなく家庭、地域との「繋がり」が大切だと思う"],
  ["A", "impression", "地域という考え方が縦割りではないか？"],
  ["B", "impression", "地域住民がお互いの距離感をたもちながら良い関係を持つことが大事"],
  ["C", "impression", "つながり続けることを目指すアプローチ"],
  ["A", "impression", "伴走型支援＋地域住民の気にかけ合う支援"],
  ["B", "impression", "体制整備すすむことでお互いの役割を再度確認・明確になる"],
  ["C", "impression", "重層的支援が求められる"],
  ["A", "impression", "重層的支援体制整備は手挙げで開始は町で決める"],
  ["B", "impression", "地域という考え方がすでにたてわり"],
  ["C", "impression", "多機関協働は必要だと思います。当別町は社会資源が多いので。"],
  ["A", "impression", "一人を支援するために、多種多様なかかわりが必要である"],
  ["B", "unclear", "当別町の中で、、どれくらい連携がとれているのか？"],
  ["C", "unclear", "まだまだ支援の手が足りていないのではないか…"],
  ["A", "unclear", "情報をまとめることが大切"],
  ["B", "unclear", "それぞれの町の関係機関をどうコーディネートするかがわからない"],
  ["C", "unclear", "重層的支援体制整備事業"],
];

interface Drawn {
  /** Note text size on screen, in CSS px: the stage's zoom times the font size the note is drawn at. */
  notePx: number[];
  titlePx: number[];
  /** Drawn as bars (zoomed too far out to draw glyphs). */
  greeked: number;
  /** Each note's box on screen, relative to the canvas. */
  boxes: { x: number; y: number; w: number; h: number }[];
  canvas: { w: number; h: number };
}

function drawn(page: Page): Promise<Drawn> {
  return page.evaluate(() => {
    interface Node {
      fontSize(): number;
      getAttr(k: string): unknown;
      getClientRect(): { x: number; y: number; width: number; height: number };
      findOne(sel: string): Node | undefined;
    }
    const K = (window as unknown as { Konva?: { stages: { scaleX(): number; width(): number; height(): number; find(sel: string): Node[] }[] } }).Konva;
    const stage = K?.stages[0];
    // The canvas loads on first use: until it has drawn, nothing is drawn.
    if (!stage) return { notePx: [], titlePx: [], greeked: 0, boxes: [], canvas: { w: 0, h: 0 } };
    const scale = stage.scaleX();
    const notes = stage.find('.note');
    const texts = notes.map((n) => n.findOne('Text')!);
    return {
      notePx: texts.map((t) => t.fontSize() * scale),
      titlePx: stage.find('.section').map((s) => s.findOne('Text')!.fontSize() * scale),
      greeked: texts.filter((t) => !!t.getAttr('greek')).length,
      boxes: notes.map((n) => {
        const r = n.getClientRect();
        return { x: r.x, y: r.y, w: r.width, h: r.height };
      }),
      canvas: { w: stage.width(), h: stage.height() },
    };
  });
}

const inside = (d: Drawn) => d.boxes.every((b) => b.x >= 0 && b.y >= 0 && b.x + b.w <= d.canvas.w + 1 && b.y + b.h <= d.canvas.h + 1);
const readable = (d: Drawn) => d.notePx.length === SESSION.length && d.greeked === 0 && Math.min(...d.notePx) >= 14 && Math.min(...d.titlePx) >= 14;

async function sessionBoard() {
  const board = await createBoard(e2e.server.url, { title: '当別町 地域共生社会セミナー', template: 'impressions-unclear', groups: 3 });
  const writer = connectClient(e2e.server.wsUrl, board.boardId, board.facilitatorToken);
  await writer.synced;
  const sections = readBoard(writer.doc).sections;
  const count = new Map<string, number>();
  SESSION.forEach(([group, kind, text], i) => {
    const s = sections.find((x) => x.group === group && x.kind === kind)!;
    const k = count.get(s.id) ?? 0;
    count.set(s.id, k + 1);
    writeToDoc(writer.doc, { text, x: s.x + 20 + (k % 3) * 176, y: s.y + 80 + Math.floor(k / 3) * 136, sectionId: s.id, authorId: `p${i}`, author: `参加者${i + 1}` }, null, 1_000 + i);
  });
  return { board, writer };
}

describe('the board is readable on the projector and the facilitator’s laptop', () => {
  it('opens fitted to the notes, every note and column title drawn at 14 px or more, at 1920×1080 and 1280×800', async () => {
    const { board, writer } = await sessionBoard();
    const projector = await openBoard(e2e.browser, board.links.viewer, { viewport: { width: 1920, height: 1080 } });
    const laptop = await openBoard(e2e.browser, board.links.facilitator, { name: '進行役', viewport: { width: 1280, height: 800 } });
    try {
      for (const [page, name] of [
        [projector.page, 'readable-projector-1920.png'],
        [laptop.page, 'readable-facilitator-1280.png'],
      ] as const) {
        const d = await eventually(() => drawn(page), (v) => readable(v) && inside(v));
        expect(Math.min(...d.notePx)).toBeGreaterThanOrEqual(14);
        expect(Math.min(...d.titlePx)).toBeGreaterThanOrEqual(14);
        // The fit is the notes, not the empty paper: they reach across most of the screen.
        const right = Math.max(...d.boxes.map((b) => b.x + b.w));
        const left = Math.min(...d.boxes.map((b) => b.x));
        expect(right - left).toBeGreaterThan(d.canvas.w * 0.8);
        await page.screenshot({ path: screenshotPath(name) });
      }
    } finally {
      writer.destroy();
      await projector.context.close();
      await laptop.context.close();
    }
  });

  it('projector mode fills the screen with the notes, text still readable', async () => {
    const { board, writer } = await sessionBoard();
    const fac = await openBoard(e2e.browser, board.links.facilitator, { name: '進行役', viewport: { width: 1920, height: 1080 } });
    try {
      await eventually(() => drawn(fac.page), (v) => readable(v) && inside(v));
      await fac.page.getByTestId('ws-panel-open').click();
      await fac.page.getByTestId('ws-projector').click();
      const d = await eventually(
        () => drawn(fac.page),
        (v) => v.canvas.h >= 1080 - 2 && readable(v) && inside(v) && Math.max(...v.boxes.map((b) => b.x + b.w)) - Math.min(...v.boxes.map((b) => b.x)) > v.canvas.w * 0.85,
      );
      expect(d.canvas.w).toBe(1920);
      await fac.page.screenshot({ path: screenshotPath('readable-projector-mode-1920.png') });
    } finally {
      writer.destroy();
      await fac.context.close();
    }
  });

  it('vote badges scale with the note, leave its text clear, and go when voting closes unless the facilitator keeps results shown', async () => {
    const { board, writer } = await sessionBoard();
    const fac = await openBoard(e2e.browser, board.links.facilitator, { name: '進行役', viewport: { width: 1920, height: 1080 } });
    const projector = await openBoard(e2e.browser, board.links.viewer, { viewport: { width: 1920, height: 1080 } });
    try {
      await eventually(() => drawn(fac.page), (v) => readable(v) && inside(v));
      await fac.page.getByTestId('ws-panel-open').click();
      await fac.page.getByTestId('ws-voting-toggle').click();
      await fac.page.getByTestId('ws-panel').getByRole('button', { name: '閉じる' }).click();
      const plus = fac.page.locator('.ws-vote button[aria-label="投票"]');
      await plus.first().waitFor();
      for (const i of [0, 0, 4]) await plus.nth(i).click();
      const badges = projector.page.locator('.ws-vote');
      await eventually(() => badges.count(), (n) => n === 2);
      const placed = await projector.page.evaluate(() => {
        interface Node {
          getClientRect(): { x: number; y: number; width: number; height: number };
          findOne(sel: string): Node | undefined;
        }
        const K = (window as unknown as { Konva?: { stages: { findOne(sel: string): Node | undefined; container(): HTMLElement }[] } }).Konva;
        const stage = K!.stages[0]!;
        const origin = stage.container().getBoundingClientRect();
        return [...document.querySelectorAll<HTMLElement>('.ws-vote')].map((el) => {
          const note = stage.findOne(`#${el.dataset.noteId}`)!;
          const abs = (r: { x: number; y: number; width: number; height: number }) => ({ x: r.x + origin.x, y: r.y + origin.y, w: r.width, h: r.height });
          const b = el.getBoundingClientRect();
          return { badge: { x: b.x, y: b.y, w: b.width, h: b.height }, note: abs(note.getClientRect()), text: abs(note.findOne('Text')!.getClientRect()) };
        });
      });
      for (const { badge, note, text } of placed) {
        // On the note's bottom edge, below its text, smaller than the note.
        expect(badge.y).toBeGreaterThanOrEqual(text.y + text.h - 1);
        expect(badge.h).toBeLessThan(note.h * 0.4);
        expect(badge.x).toBeGreaterThanOrEqual(note.x);
        expect(badge.x + badge.w).toBeLessThanOrEqual(note.x + note.w);
      }
      expect((await badges.allTextContents()).sort()).toEqual(['1', '2']);
      await projector.page.screenshot({ path: screenshotPath('votes-projector-1920.png') });

      await fac.page.getByTestId('ws-panel-open').click();
      await fac.page.getByTestId('ws-voting-toggle').click();
      await eventually(() => badges.count(), (n) => n === 0);
      await fac.page.getByTestId('ws-keep-results').click();
      await eventually(() => badges.allTextContents(), (t) => t.sort().join() === '1,2');
      await fac.page.getByTestId('ws-keep-results').click();
      await eventually(() => badges.count(), (n) => n === 0);
    } finally {
      writer.destroy();
      await fac.context.close();
      await projector.context.close();
    }
  });

  it('draws column titles in the page’s language only: Japanese in ja, English in en, on the canvas and in the list view', async () => {
    const { board, writer } = await sessionBoard();
    const fac = await openBoard(e2e.browser, board.links.facilitator, { name: '進行役', viewport: { width: 1280, height: 800 } });
    const titles = () =>
      fac.page.evaluate(() => {
        const K = (window as unknown as { Konva?: { stages: { find(sel: string): { findOne(sel: string): { text(): string } | undefined }[] }[] } }).Konva;
        return K!.stages[0]!.find('.section').map((s) => s.findOne('Text')!.text());
      });
    try {
      const ja = await eventually(titles, (t) => t.length === 9);
      expect(ja).toContain('印象に残ったこと');
      expect(ja).toContain('グループA まとめ');
      for (const title of ja) expect(title).not.toMatch(/[A-Za-z]{2,}/);
      await fac.page.getByTestId('language-switch').click();
      const en = await eventually(titles, (t) => t.includes('Impressions'));
      expect(en).toContain('Group A summary');
      for (const title of en) expect(title).not.toMatch(/[ぁ-んァ-ン一-龯]/);
      await fac.page.getByTestId('list-toggle').click();
      const headings = await fac.page.locator('[data-testid="list-section"] h3, [data-testid="list-section"] h4').allTextContents();
      expect(headings.join(' ')).toContain('Unclear points');
      expect(headings.join(' ')).not.toContain('わからなかったこと');
    } finally {
      writer.destroy();
      await fac.context.close();
    }
  });

  it('Ctrl+wheel zooms one notch as far as the + button does', async () => {
    const { board, writer } = await sessionBoard();
    const fac = await openBoard(e2e.browser, board.links.facilitator, { name: '進行役', viewport: { width: 1280, height: 800 } });
    const scale = () => fac.page.evaluate(() => (window as unknown as { Konva: { stages: { scaleX(): number }[] } }).Konva.stages[0]!.scaleX());
    try {
      await eventually(() => drawn(fac.page), (v) => readable(v));
      const before = await scale();
      await fac.page.mouse.move(640, 400);
      await fac.page.keyboard.down('Control');
      for (let notch = 0; notch < 2; notch++) {
        await fac.page.mouse.wheel(0, -100);
        await eventually(scale, (s) => s > before * (notch === 0 ? 1.01 : 1.3));
      }
      await fac.page.keyboard.up('Control');
      expect(await scale()).toBeLessThanOrEqual(before * 1.25 * 1.25 + 1e-6);
    } finally {
      writer.destroy();
      await fac.context.close();
    }
  });
});
