import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import MarkdownIt from 'markdown-it';
import { startApp } from '../testing/inProcess';
import { createBoard, type CreatedBoard } from '../testing/startServer';
import { HOSTILE_TEXTS } from '../../shared/export/testBoard';
import { columnKindLabel, sectionTitleIn } from '../../shared/board/templates';
import { writeNotes } from './exportTesting';

let srv: Awaited<ReturnType<typeof startApp>>;
beforeAll(async () => {
  srv = await startApp();
});
afterAll(() => srv.close());

const download = (b: CreatedBoard, format: string, token = b.facilitatorToken, query = '') =>
  fetch(`${srv.url}/api/boards/${b.boardId}/export.${format}?token=${token}${query}`);

type JsonNote = { id: string; text: string; x: number; y: number; color: string; sectionId: string | null; author: string; createdAt: number; category: string; categorySource: string | null };
type JsonExport = { boardId: string; title: string; notes: JsonNote[]; sections: { id: string; title: string; group: string; kind: string }[] };

async function readXlsx(res: Response): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(await res.arrayBuffer());
  return wb;
}

const sheetRows = (ws: ExcelJS.Worksheet): unknown[][] => {
  const rows: unknown[][] = [];
  ws.eachRow({ includeEmpty: false }, (row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
};

const unneutralise = (s: string) => (/^'[=+\-@\t\r＝＋－＠]/.test(s) ? s.slice(1) : s);

describe('table exports of a board with hostile notes', () => {
  let board: CreatedBoard;
  let doc: JsonExport;
  beforeAll(async () => {
    board = await createBoard(srv.url, { title: '当別町 重層的支援体制 研修', groups: 3 });
    await writeNotes(srv, board, HOSTILE_TEXTS);
    doc = (await (await download(board, 'json')).json()) as JsonExport;
  });

  it('XLSX: summary, all notes, one sheet per group and per category; Japanese intact; no formulas', async () => {
    const res = await download(board, 'xlsx', board.participantToken);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent('当別町 重層的支援体制 研修')}.xlsx`);
    const wb = await readXlsx(res);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['概要', '付箋記入記録', 'グループA', 'グループB', 'グループC', '分類 相談支援', '分類 未分類']);
    const all = sheetRows(wb.getWorksheet('付箋記入記録')!);
    const header = all[0] as string[];
    expect(header).toEqual(['グループ', '欄', '欄の種類', '付箋', '分類', 'クラスター', '投票', '同感', 'なるほど', '質問', '記入者', '記入日時（日本時間）']);
    const byText = new Map(all.slice(1).map((r) => [r[header.indexOf('付箋')], r]));
    expect(byText.size).toBe(doc.notes.length);
    for (const n of doc.notes) {
      // Excel's line break is LF; a CR is stored as one.
      const row = byText.get(n.text.replace(/\r\n?/g, '\n'))!;
      expect(row, n.text).toBeDefined();
      const section = doc.sections.find((s) => s.id === n.sectionId)!;
      expect(row[0]).toBe(`グループ${section.group}`);
      // One language: the template's Japanese title, and the kind of column in words, not its id.
      expect(row[1]).toBe(sectionTitleIn(section, 'ja'));
      expect(row[1]).not.toMatch(/[A-Za-z]/);
      expect(row[2]).toBe(columnKindLabel(section.kind, 'ja'));
      expect(row[2]).not.toBe(section.kind);
      expect(row[4]).toBe(n.category === 'consultation' ? '相談支援' : '未分類');
      expect(row[header.indexOf('記入者')]).toBe(n.author);
      expect((row[header.indexOf('記入日時（日本時間）')] as Date).getTime()).toBe(n.createdAt + 9 * 3600_000);
    }
    expect(byText.has('=SUM(A1)')).toBe(true);
    let cells = 0;
    wb.eachSheet((ws) =>
      ws.eachRow((row) =>
        row.eachCell((cell) => {
          cells++;
          expect(cell.type).not.toBe(ExcelJS.ValueType.Formula);
          expect(cell.formula).toBeFalsy();
        }),
      ),
    );
    expect(cells).toBeGreaterThan(HOSTILE_TEXTS.length * 9);
    const ws = wb.getWorksheet('付箋記入記録')!;
    const textWidth = ws.getColumn(4).width!;
    expect(textWidth).toBeGreaterThan(ws.getColumn(3).width!);
    expect(textWidth).toBeLessThanOrEqual(62);
    const groupCounts = ['A', 'B', 'C'].map((g) => sheetRows(wb.getWorksheet(`グループ${g}`)!).length - 1);
    expect(groupCounts.reduce((a, b) => a + b, 0)).toBe(doc.notes.length);
    const summary = sheetRows(wb.getWorksheet('概要')!);
    expect(summary.find((r) => r[0] === '付箋の総数')?.[1]).toBe(HOSTILE_TEXTS.length);
    expect(summary.find((r) => r[0] === '合計')?.at(-1)).toBe(HOSTILE_TEXTS.length);
  });

  it('CSV: BOM, RFC 4180, equal to the doc, formulas neutralised, newlines kept', async () => {
    const res = await download(board, 'csv', board.viewerToken);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parse(Buffer.from(bytes), { bom: true }) as string[][];
    expect(rows[0]![3]).toBe('付箋');
    const texts = rows.slice(1).map((r) => r[3]!);
    expect(texts.map(unneutralise).sort()).toEqual(doc.notes.map((n) => n.text).sort());
    expect(texts).toContain("'=SUM(A1)");
    expect(texts).toContain('一行目\n二行目\r\n三行目');
    expect(texts).toContain('"引用符", カンマ');
    for (const r of rows.slice(1)) for (const cell of r) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });

  it('Markdown: headings per group and section; no note becomes HTML, a link or a heading', async () => {
    const res = await download(board, 'md');
    expect(res.headers.get('content-type')).toBe('text/markdown; charset=utf-8');
    const md = new MarkdownIt({ html: true, linkify: true });
    const html = md.render(await res.text());
    expect(html).toContain('<h1>当別町 重層的支援体制 研修</h1>');
    expect(html.match(/<h2>/g)).toHaveLength(3);
    expect(html.match(/<li>/g)).toHaveLength(HOSTILE_TEXTS.length);
    expect(html).not.toMatch(/<(a|script|img|h4|em|strong|code|s|table|ol)[\s>]/);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('JSON: keeps the shape of the first release', async () => {
    expect(doc).toMatchObject({ boardId: board.boardId, title: '当別町 重層的支援体制 研修' });
    expect(doc.notes).toHaveLength(HOSTILE_TEXTS.length);
    for (const n of doc.notes) {
      expect(Object.keys(n)).toEqual(expect.arrayContaining(['id', 'text', 'x', 'y', 'color', 'sectionId', 'author', 'createdAt', 'category', 'categorySource']));
    }
    expect(Object.keys(doc.sections[0]!)).toEqual(['id', 'title', 'group', 'kind', 'x', 'y', 'w', 'h']);
    expect(doc.notes.map((n) => n.text).sort()).toEqual([...HOSTILE_TEXTS].sort());
  });
});

describe('export edge cases', () => {
  it('leaves authors out of every format on an anonymous board', async () => {
    const b = await createBoard(srv.url, { anonymous: true });
    await writeNotes(srv, b, ['匿名の付箋', '二枚目']);
    const wb = await readXlsx(await download(b, 'xlsx'));
    wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((cell) => expect(String(cell.value)).not.toMatch(/記入者\d|^記入者$/))));
    expect(sheetRows(wb.getWorksheet('付箋記入記録')!)[0]).not.toContain('記入者');
    expect(await (await download(b, 'csv')).text()).not.toContain('記入者');
    expect(await (await download(b, 'md')).text()).not.toContain('記入者');
    const json = (await (await download(b, 'json')).json()) as JsonExport;
    expect(json.notes.every((n) => n.author === '')).toBe(true);
  });

  it('gives a valid empty file for an empty board, in every format', async () => {
    const b = await createBoard(srv.url, { template: 'blank' });
    for (const format of ['json', 'csv', 'xlsx', 'md']) expect((await download(b, format)).status).toBe(200);
    const wb = await readXlsx(await download(b, 'xlsx'));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['概要', '付箋記入記録']);
    expect(sheetRows(wb.getWorksheet('付箋記入記録')!)).toHaveLength(1);
    expect(parse(await (await download(b, 'csv')).text(), { bom: true })).toHaveLength(1);
    expect(((await (await download(b, 'json')).json()) as JsonExport).notes).toEqual([]);
    expect(await (await download(b, 'md')).text()).toContain('付箋 0 枚');
  });

  it('answers 404 for an unknown format or board and 401/403 without a valid token', async () => {
    const b = await createBoard(srv.url);
    const pdf = await download(b, 'pdf');
    expect(pdf.status).toBe(404);
    expect((await pdf.json()).error).toContain('json, csv, xlsx, md');
    expect((await fetch(`${srv.url}/api/boards/AAAAAAAAAAAAAAAAAAAAAA/export.csv?token=${b.facilitatorToken}`)).status).toBe(404);
    expect((await fetch(`${srv.url}/api/boards/${b.boardId}/export.csv`)).status).toBe(401);
    expect((await download(b, 'csv', 'x'.repeat(32))).status).toBe(403);
    const viaHeader = await fetch(`${srv.url}/api/boards/${b.boardId}/export.csv`, { headers: { authorization: `Bearer ${b.participantToken}` } });
    expect(viaHeader.status).toBe(200);
  });
});

describe('HEAD and the Authorization scheme', () => {
  it('answers HEAD on an export as GET (status and headers), with ?token= as with the header', async () => {
    const b = await createBoard(srv.url);
    for (const format of ['csv', 'json', 'md', 'xlsx']) {
      for (const query of [`?token=${b.viewerToken}`, '?token=wrong', '']) {
        const url = `${srv.url}/api/boards/${b.boardId}/export.${format}${query}`;
        const [g, h] = await Promise.all([fetch(url), fetch(url, { method: 'HEAD' })]);
        expect(h.status, `${format}${query}`).toBe(g.status);
        for (const k of ['content-type', 'content-disposition', 'cache-control', 'content-length']) expect(h.headers.get(k), `${format} ${k}`).toBe(g.headers.get(k));
      }
    }
  });

  it('takes the scheme in any case: "bearer", "BEARER" and "Bearer" alike', async () => {
    const b = await createBoard(srv.url);
    for (const scheme of ['Bearer', 'bearer', 'BEARER', 'bEaReR']) {
      const r = await fetch(`${srv.url}/api/boards/${b.boardId}/export.json`, { headers: { authorization: `${scheme} ${b.viewerToken}` } });
      expect(r.status, scheme).toBe(200);
    }
    expect((await fetch(`${srv.url}/api/boards/${b.boardId}/export.json`, { headers: { authorization: `Basic ${b.viewerToken}` } })).status).toBe(401);
  });
});

describe('masked exports (?mask=pii)', () => {
  const PERSONAL = ['田中さん宅は 090-1234-5678、当別町白樺3丁目4番5号', '連絡は sato.k@example.jp か 〒061-0234 へ'];
  const SECRETS = ['田中', '090-1234-5678', '3丁目4番5号', 'sato.k@example.jp', '061-0234', '記入者0', '記入者1'];

  it('masks what identifies a person in every table format, keeps the rest of the text, and names no author', async () => {
    const b = await createBoard(srv.url, { title: '個人情報を含む研修' });
    await writeNotes(srv, b, PERSONAL);
    const csv = await (await download(b, 'csv', b.facilitatorToken, '&mask=pii')).text();
    const md = await (await download(b, 'md', b.facilitatorToken, '&mask=pii')).text();
    const json = await (await download(b, 'json', b.facilitatorToken, '&mask=pii')).text();
    const wb = await readXlsx(await download(b, 'xlsx', b.facilitatorToken, '&mask=pii'));
    const xlsx = wb.worksheets.flatMap((ws) => sheetRows(ws).flat()).map(String).join('\n');
    for (const out of [csv, md, json, xlsx]) {
      for (const secret of SECRETS) expect(out).not.toContain(secret);
      expect(out).toContain('〇〇さん宅は 〔電話番号〕、当別町白樺〔番地〕');
      expect(out).toContain('連絡は 〔メール〕 か 〔郵便番号〕 へ');
    }
    // Unmasked, the same board exports as written.
    expect(await (await download(b, 'csv')).text()).toContain('090-1234-5678');
  });

  it('refuses an unknown mask with a clear 400', async () => {
    const b = await createBoard(srv.url);
    const r = await download(b, 'csv', b.facilitatorToken, '&mask=everything');
    expect(r.status).toBe(400);
    expect(((await r.json()) as { error: string }).error).toMatch(/use mask=pii/);
  });
});
