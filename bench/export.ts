/**
 * Export benchmarks: the XLSX of a 2,000-note board (server side, in process) and the PNG of a
 * 500-note board made in headless Chromium through the export menu (click → download).
 * Run alone with `npx tsx bench/export.ts`; bench/run.ts can call runExportBench().
 * Figures are printed, never asserted.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as Y from 'yjs';
import { addNote, readBoard, readSection, sectionsOf, setNoteCategory } from '../shared/board/doc';
import { initBoard } from '../shared/board/templates';
import { newClientKey } from '../shared/board/ids';
import { userIdFromKey } from '../shared/board/identity';
import { castVote, setVoting } from '../shared/board/votes';
import type { Section } from '../shared/board/schema';
import { readExportExtras } from '../shared/export/extras';
import { buildNoteTable } from '../shared/export/table';
import { toCsv } from '../shared/export/csv';
import { toMarkdown } from '../shared/export/markdown';
import { buildXlsx } from '../server/export/xlsx';
import { connectClient } from '../server/testing/clients';
import { assertClientBuilt, createBoard, launchBrowser, openBoard, startServer } from '../e2e/helpers';

export interface BenchFigure {
  name: string;
  ms: number;
}

const ROOT = resolve(import.meta.dirname, '..');
const CATEGORIES = ['consultation', 'participation', 'community', 'unsorted'];

/** Real workshop notes (the Tōbetsu dev set), repeated and numbered to fill a big board. */
function noteTexts(n: number): string[] {
  const real = readFileSync(resolve(ROOT, 'shared/grouping/fixtures/dev-notes.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => (JSON.parse(l) as { text: string }).text);
  return Array.from({ length: n }, (_, i) => `${real[i % real.length]}（${i + 1}）`);
}

function columnsOf(doc: Y.Doc): Section[] {
  const out: Section[] = [];
  sectionsOf(doc).forEach((v, id) => {
    const s = readSection(id, v);
    if (s && s.kind !== 'summary') out.push(s);
  });
  return out.sort((a, b) => a.group.localeCompare(b.group) || a.x - b.x);
}

/** Fills `doc` with notes laid out in a grid inside the worksheet's columns, as a busy training day would. */
function fillBoard(doc: Y.Doc, count: number, authorId: string): void {
  const cols = columnsOf(doc);
  const perCol = Math.ceil(count / cols.length);
  const texts = noteTexts(count);
  doc.transact(() => {
    texts.forEach((text, i) => {
      const c = cols[i % cols.length]!;
      const k = Math.floor(i / cols.length);
      const across = Math.max(1, Math.floor((c.w - 20) / 170));
      const x = c.x + 10 + (k % across) * 170;
      const y = c.y + 80 + Math.floor(k / across) * (130 * Math.min(1, (c.h - 100) / 130 / Math.ceil(perCol / across)));
      const id = addNote(doc, { text, x, y, sectionId: c.id, authorId, author: `参加者${i % 40}` });
      setNoteCategory(doc, id, CATEGORIES[i % 4]!, i % 3 ? 'auto' : 'manual');
    });
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function time(fn: () => Promise<unknown> | unknown, runs = 3): Promise<number> {
  await fn(); // warm-up: module loading and JIT are not what a user waits for twice
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    ms.push(performance.now() - t0);
  }
  return median(ms);
}

export async function tableBench(): Promise<BenchFigure[]> {
  const doc = new Y.Doc();
  initBoard(doc, { title: '全国研修 2,000枚', template: 'case-review', groups: 8 });
  fillBoard(doc, 2000, 'bench-author');
  setVoting(doc, { open: true, perPerson: 5 });
  const ids = readBoard(doc).notes.map((n) => n.id);
  for (let v = 0; v < 40; v++) for (let k = 0; k < 5; k++) castVote(doc, ids[(v * 37 + k * 11) % ids.length]!, `voter-${v}`);
  const table = () => buildNoteTable(readBoard(doc), readExportExtras(doc));
  let bytes = 0;
  let cpu = 0;
  const xlsx = await time(async () => {
    const c0 = process.cpuUsage();
    bytes = (await buildXlsx(table(), { exportedAt: Date.now() })).length;
    const c = process.cpuUsage(c0);
    cpu = (c.user + c.system) / 1000;
  });
  // CPU time too: on a shared machine the wall time also counts other processes' turns.
  console.log(`export: XLSX of a 2,000-note board (8 groups; summary + all + group + category sheets): ${xlsx.toFixed(0)} ms wall, ${cpu.toFixed(0)} ms CPU (last run), ${(bytes / 1024).toFixed(0)} KiB`);
  const csv = await time(() => toCsv(table()));
  const md = await time(() => toMarkdown(table()));
  console.log(`export: CSV of the same board: ${csv.toFixed(0)} ms; Markdown: ${md.toFixed(0)} ms`);
  return [
    { name: 'export.xlsx.2000notes', ms: xlsx },
    { name: 'export.csv.2000notes', ms: csv },
    { name: 'export.md.2000notes', ms: md },
  ];
}

/** Seeds a board over the real websocket, as a facilitator's browser would, and waits until the server has it all. */
async function seedBoard(url: string, wsUrl: string, notes: number) {
  const board = await createBoard(url, { title: '全国研修 500枚', template: 'impressions-unclear', groups: 6 });
  const key = newClientKey();
  const c = connectClient(wsUrl, board.boardId, board.facilitatorToken, { key });
  await c.synced;
  fillBoard(c.doc, notes, await userIdFromKey(key));
  for (let i = 0; ; i++) {
    const r = await fetch(`${url}/api/boards/${board.boardId}/export.json?token=${board.facilitatorToken}`);
    if (((await r.json()) as { notes: unknown[] }).notes.length === notes) break;
    if (i > 600) throw new Error('the server did not get the notes');
    await new Promise((res) => setTimeout(res, 100));
  }
  c.destroy();
  return board;
}

export async function pngBench(): Promise<BenchFigure[]> {
  assertClientBuilt();
  const server = await startServer({ env: { LOG_LEVEL: 'error' } });
  const browser = await launchBrowser();
  try {
    const board = await seedBoard(server.url, server.wsUrl, 500);
    const { page, context } = await openBoard(browser, board.links.facilitator, { name: 'bench' });
    await page.waitForFunction(() => window.__board?.doc.getMap('notes').size === 500, undefined, { timeout: 60_000 });
    await page.getByTestId('export-open').click();
    let size = '';
    const ms = await time(async () => {
      const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.getByTestId('export-png-board').click()]);
      const png = readFileSync(await download.path());
      size = `${png.readUInt32BE(16)}×${png.readUInt32BE(20)} px, ${(png.length / 1024 / 1024).toFixed(1)} MiB`;
    });
    console.log(`export: PNG of a 500-note board (6 groups, pixel ratio as exported) in headless Chromium, click → download: ${ms.toFixed(0)} ms (${size})`);
    await page.getByTestId('export-group-select').selectOption('A');
    const group = await time(async () => {
      await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.getByTestId('export-png-group').click()]);
    });
    console.log(`export: PNG of one group of that board (~83 notes, pixel ratio 3): ${group.toFixed(0)} ms`);
    const pdf = await time(async () => {
      await Promise.all([page.waitForEvent('download', { timeout: 120_000 }), page.getByTestId('export-pdf').click()]);
    }, 1);
    console.log(`export: PDF (A3, cover + 6 group pages) of that board: ${pdf.toFixed(0)} ms`);
    await context.close();
    return [
      { name: 'export.png.500notes.board', ms },
      { name: 'export.png.500notes.group', ms: group },
      { name: 'export.pdf.500notes', ms: pdf },
    ];
  } finally {
    await browser.close();
    await server.stop();
  }
}

export async function runExportBench(): Promise<BenchFigure[]> {
  return [...(await tableBench()), ...(await pngBench())];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  runExportBench()
    .then((figures) => console.log(JSON.stringify(figures)))
    .catch((err) => {
      console.error(err);
      process.exit(1);
    });
}
