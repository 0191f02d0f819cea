import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decode } from 'fast-png';
import type { Download, Page } from 'playwright-core';
import { boardToPage, createBoard, eventually, openBoard, useE2e, type OpenBoard } from './helpers';

const e2e = useE2e();
let facilitator: OpenBoard;
let board: Awaited<ReturnType<typeof createBoard>>;

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}
type SectionInfo = Box & { id: string; group: string; kind: string };
type NoteInfo = Box & { id: string; text: string; color: string; sectionId: string | null };

/** The board as the page's doc holds it, through the read-only test hook. */
function readDoc(page: Page): Promise<{ sections: SectionInfo[]; notes: NoteInfo[] }> {
  return page.evaluate(() => {
    const num = (m: { get(k: string): unknown }, k: string) => Number(m.get(k));
    const sections: SectionInfo[] = [];
    const notes: NoteInfo[] = [];
    window.__board!.doc.getMap('sections').forEach((v, id) => {
      const m = v as { get(k: string): unknown };
      sections.push({ id, group: String(m.get('group')), kind: String(m.get('kind')), x: num(m, 'x'), y: num(m, 'y'), w: num(m, 'w'), h: num(m, 'h') });
    });
    window.__board!.doc.getMap('notes').forEach((v, id) => {
      const m = v as { get(k: string): unknown };
      const sectionId = m.get('sectionId');
      notes.push({ id, text: String(m.get('text')), color: String(m.get('color')), sectionId: typeof sectionId === 'string' ? sectionId : null, x: num(m, 'x'), y: num(m, 'y'), w: num(m, 'w'), h: num(m, 'h') });
    });
    return { sections, notes };
  });
}

/** Writes a note the way a person does: pick a colour, double-click the spot, type (IME-style insert), Escape. */
async function writeNoteAt(page: Page, p: { x: number; y: number }, text: string, color: string): Promise<void> {
  await page.getByTestId(`color-${color.slice(1)}`).click();
  const at = await boardToPage(page, p);
  await page.mouse.dblclick(at.x, at.y);
  const input = page.getByTestId('note-editor-input');
  await input.waitFor();
  await page.keyboard.insertText(text);
  await page.keyboard.press('Escape');
  await input.waitFor({ state: 'detached' });
  // Clears the selection, so the next colour picked does not recolour this note.
  await page.keyboard.press('Escape');
}

async function downloadOf(page: Page, click: () => Promise<void>): Promise<{ download: Download; bytes: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), click()]);
  const path = await download.path();
  return { download, bytes: readFileSync(path) };
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const ihdrSize = (png: Buffer) => ({ width: png.readUInt32BE(16), height: png.readUInt32BE(20) });
const rgbOf = (hex: string) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));

/** The union of boxes, grown by the picture margin (40 board units), in whole units. */
function expectedBounds(boxes: Box[]): Box {
  const x = Math.floor(Math.min(...boxes.map((b) => b.x)) - 40);
  const y = Math.floor(Math.min(...boxes.map((b) => b.y)) - 40);
  return { x, y, w: Math.ceil(Math.max(...boxes.map((b) => b.x + b.w)) + 40) - x, h: Math.ceil(Math.max(...boxes.map((b) => b.y + b.h)) + 40) - y };
}

function pixelAt(img: ReturnType<typeof decode>, bounds: Box, ratio: number, p: { x: number; y: number }): number[] {
  const px = Math.floor((p.x - bounds.x) * ratio);
  const py = Math.floor((p.y - bounds.y) * ratio);
  const i = (py * img.width + px) * img.channels;
  return [img.data[i]!, img.data[i + 1]!, img.data[i + 2]!];
}

const near = (a: number[], b: number[], tol = 4) => a.every((v, i) => Math.abs(v - b[i]!) <= tol);

beforeAll(async () => {
  board = await createBoard(e2e.server.url, { title: '当別町 研修 書き出し', template: 'impressions-unclear', groups: 2 });
  facilitator = await openBoard(e2e.browser, board.links.facilitator, { name: '進行役' });
  const { sections } = await readDoc(facilitator.page);
  const a = sections.find((s) => s.group === 'A' && s.kind === 'impression')!;
  const aUnclear = sections.find((s) => s.group === 'A' && s.kind === 'unclear')!;
  const b = sections.find((s) => s.group === 'B' && s.kind === 'impression')!;
  await writeNoteAt(facilitator.page, { x: a.x + 140, y: a.y + 200 }, '断らない相談支援が印象に残った', '#fff176');
  await writeNoteAt(facilitator.page, { x: a.x + 340, y: a.y + 420 }, '居場所づくり＝就労体験？', '#90caf9');
  await writeNoteAt(facilitator.page, { x: aUnclear.x + 160, y: aUnclear.y + 300 }, '=SUM(A1) <b>参加支援</b> の範囲', '#ffab91');
  await writeNoteAt(facilitator.page, { x: b.x + 160, y: b.y + 300 }, 'グループBの付箋', '#a5d6a7');
  await eventually(() => readDoc(facilitator.page), (d) => d.notes.length === 4 && d.notes.every((n) => n.text.length > 0));
  await facilitator.page.getByTestId('export-open').click();
  await facilitator.page.getByTestId('export-menu').waitFor();
});

afterAll(async () => {
  await facilitator?.context.close();
});

describe('pictures made in the browser', () => {
  it("exports one group as a valid PNG at print resolution, with each note's colour where the note is", async () => {
    const page = facilitator.page;
    const { sections, notes } = await readDoc(page);
    await page.getByTestId('export-group-select').selectOption('A');
    const { download, bytes } = await downloadOf(page, () => page.getByTestId('export-png-group').click());
    expect(download.suggestedFilename()).toBe('当別町 研修 書き出し_グループA.png');
    expect([...bytes.subarray(0, 8)]).toEqual(PNG_SIGNATURE);

    const groupA = sections.filter((s) => s.group === 'A');
    const bounds = expectedBounds(groupA);
    expect(ihdrSize(bytes)).toEqual({ width: bounds.w * 3, height: bounds.h * 3 });

    const img = decode(bytes);
    const inA = notes.filter((n) => groupA.some((s) => s.id === n.sectionId));
    expect(inA).toHaveLength(3);
    expect(new Set(notes.map((n) => n.color)).size).toBe(4);
    for (const n of inA) {
      // The right-hand padding of a note: paper only, no text.
      expect(pixelAt(img, bounds, 3, { x: n.x + n.w - 4, y: n.y + n.h / 2 }), n.text).toSatisfy((px: number[]) => near(px, rgbOf(n.color)));
    }
    // Between notes, the section's paper shows, not a note's colour.
    const a = groupA.find((s) => s.kind === 'impression')!;
    const empty = pixelAt(img, bounds, 3, { x: a.x + a.w - 30, y: a.y + a.h - 30 });
    expect(near(empty, rgbOf('#f4f5f7'))).toBe(true);
    // Group B's note is not in group A's picture: its colour appears nowhere.
    const green = rgbOf('#a5d6a7');
    let greens = 0;
    for (let i = 0; i < img.data.length; i += img.channels * 7) if (near([img.data[i]!, img.data[i + 1]!, img.data[i + 2]!], green, 1)) greens++;
    expect(greens).toBe(0);
  });

  it('exports the whole board at pixel ratio 2, every note included', async () => {
    const page = facilitator.page;
    const { sections, notes } = await readDoc(page);
    const { bytes } = await downloadOf(page, () => page.getByTestId('export-png-board').click());
    const bounds = expectedBounds([...sections, ...notes]);
    expect(ihdrSize(bytes)).toEqual({ width: bounds.w * 2, height: bounds.h * 2 });
    const img = decode(bytes);
    for (const n of notes) expect(near(pixelAt(img, bounds, 2, { x: n.x + n.w - 4, y: n.y + n.h / 2 }), rgbOf(n.color)), n.text).toBe(true);
  });

  it('makes an A3 landscape PDF: a cover and one page per group', async () => {
    const page = facilitator.page;
    const { download, bytes } = await downloadOf(page, () => page.getByTestId('export-pdf').click());
    expect(download.suggestedFilename()).toBe('当別町 研修 書き出し.pdf');
    const text = bytes.toString('latin1');
    expect(text.startsWith('%PDF-')).toBe(true);
    expect(text.match(/\/Type \/Page\b/g)).toHaveLength(3);
    expect(text).toMatch(/\/MediaBox \[0 0 1190\.5\d* 841\.8\d*\]/);
  });
});

describe('server downloads and snapshots from the menu', () => {
  it('downloads the XLSX table through the menu', async () => {
    const page = facilitator.page;
    const { download, bytes } = await downloadOf(page, () => page.getByTestId('export-xlsx').click());
    expect(download.suggestedFilename()).toBe('当別町 研修 書き出し.xlsx');
    expect(bytes.subarray(0, 2).toString()).toBe('PK');
  });

  it('saves a named snapshot, opens it read-only, and restores it as a new board', async () => {
    const page = facilitator.page;
    await page.getByTestId('snapshot-name').fill('討議①のあと');
    await page.getByTestId('snapshot-save').click();
    await page.getByTestId('snapshot-item').filter({ hasText: '討議①のあと' }).waitFor();
    await page.getByTestId('snapshot-view').first().click();
    const img = page.getByTestId('snapshot-picture');
    await img.waitFor();
    await page.waitForFunction(() => {
      const el = document.querySelector('[data-testid="snapshot-picture"]') as HTMLImageElement | null;
      return !!el && el.complete && el.naturalWidth > 0;
    });
    await page.getByTestId('snapshot-viewer').getByRole('button', { name: '閉じる' }).click();
    await page.getByTestId('snapshot-restore').first().click();
    const link = page.getByTestId('snapshot-restored').getByRole('link');
    const href = await link.getAttribute('href');
    expect(href).toMatch(/\/b\/[A-Za-z0-9_-]{22}\?token=/);
    expect(href).not.toContain(board.boardId);
  });

  it('shows participants the downloads but not the snapshots', async () => {
    const p = await openBoard(e2e.browser, board.links.participant, { name: '参加者' });
    try {
      await p.page.getByTestId('export-open').click();
      await p.page.getByTestId('export-menu').waitFor();
      expect(await p.page.getByTestId('export-csv').count()).toBe(1);
      expect(await p.page.getByTestId('snapshot-panel').count()).toBe(0);
    } finally {
      await p.context.close();
    }
  });
});
