import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { parse } from 'csv-parse/sync';
import { setNoteCategory, readBoard } from '../../shared/board/doc';
import { startApp } from '../testing/inProcess';
import { createBoard, type CreatedBoard } from '../testing/startServer';
import { writeNotes } from './exportTesting';

let srv: Awaited<ReturnType<typeof startApp>>;
beforeAll(async () => {
  srv = await startApp();
});
afterAll(() => srv.close());

type Created = { seriesId: string; token: string; link: string };

const api = (path: string, init: RequestInit & { token?: string } = {}) =>
  fetch(`${srv.url}${path}`, {
    ...init,
    headers: { 'content-type': 'application/json', ...(init.token ? { authorization: `Bearer ${init.token}` } : {}), ...init.headers },
  });

const post = (path: string, body: unknown) => api(path, { method: 'POST', body: JSON.stringify(body) });

async function newSeries(title = '苫小牧市 重層的支援体制 研修（全4回）'): Promise<Created> {
  const r = await post('/api/series', { title });
  expect(r.status).toBe(201);
  return (await r.json()) as Created;
}

const boardIn = (s: Created, title: string, extra: Record<string, unknown> = {}) => createBoard(srv.url, { title, groups: 2, series: { id: s.seriesId, token: s.token }, ...extra });

describe('creating a series', () => {
  it('answers 201 with an unguessable token shown once, and keeps only its hash', async () => {
    const s = await newSeries();
    expect(s.seriesId).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(Buffer.from(s.token, 'base64url').length * 8).toBeGreaterThanOrEqual(128);
    expect(s.link).toBe(`${srv.url}/s/${s.seriesId}#token=${s.token}`);
    const stored = await srv.store.getSeries(s.seriesId);
    expect(stored?.title).toBe('苫小牧市 重層的支援体制 研修（全4回）');
    expect(JSON.stringify(stored)).not.toContain(s.token);
    expect((await newSeries()).token).not.toBe(s.token);
  });

  it('refuses a missing, empty or odd title with 400 naming it, and stores nothing', async () => {
    for (const body of [{}, { title: '   ' }, { title: 42 }, { title: 'x'.repeat(201) }]) {
      const r = await post('/api/series', body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect((await r.json()).field).toBe('title');
    }
    const extra = await post('/api/series', { title: '連続研修', owner: 'me' });
    expect(extra.status).toBe(400);
  });
});

describe('boards in a series', () => {
  it('puts a board in the series with the series token, and refuses a wrong token, an unknown series and a malformed one', async () => {
    const s = await newSeries();
    const before = (await srv.store.listBoards()).length;
    const wrong = await post('/api/boards', { title: '第1回', series: { id: s.seriesId, token: 'x'.repeat(32) } });
    expect(wrong.status).toBe(403);
    expect((await wrong.json()).field).toBe('series.token');
    const unknown = await post('/api/boards', { title: '第1回', series: { id: 'AAAAAAAAAAAAAAAAAAAAAA', token: s.token } });
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).field).toBe('series.id');
    for (const [series, field] of [
      [{ id: 5, token: s.token }, 'series.id'],
      [{ id: s.seriesId }, 'series.token'],
      ['abc', 'series'],
      [{ id: s.seriesId, token: s.token, extra: 1 }, 'series'],
    ] as const) {
      const r = await post('/api/boards', { title: '第1回', series });
      expect(r.status, JSON.stringify(series)).toBe(400);
      expect((await r.json()).field, JSON.stringify(series)).toBe(field);
    }
    expect((await srv.store.listBoards()).length).toBe(before);
    expect(await srv.store.seriesBoards(s.seriesId)).toEqual([]);

    const b = await boardIn(s, '第1回');
    const [member] = await srv.store.seriesBoards(s.seriesId);
    expect(member?.boardId).toBe(b.boardId);
    // The board's facilitator token is sealed, never kept as it is.
    expect(member?.sealedToken).not.toContain(b.facilitatorToken);
  });
});

describe('reading a series', () => {
  let s: Created;
  let first: CreatedBoard;
  let second: CreatedBoard;
  beforeAll(async () => {
    s = await newSeries();
    first = await boardIn(s, '第1回 相談支援');
    second = await boardIn(s, '第2回 地域づくり', { anonymous: true });
    await createBoard(srv.url, { title: 'シリーズ外のボード' });
    // writeNotes marks every third note 相談支援; the rest are 未分類 until the edit below.
    await writeNotes(srv, first, ['窓口がわからない', '居場所がほしい', '見守りの担い手', 'ひきこもりの相談']);
    await writeNotes(srv, second, ['サロンを続けたい', '=SUM(A1)'], {
      token: second.facilitatorToken,
      edit: (doc) => {
        const formula = readBoard(doc).notes.find((n) => n.text === '=SUM(A1)')!;
        setNoteCategory(doc, formula.id, 'community', 'manual');
      },
    });
  });

  it('lists its sessions, oldest first, with their notes counted per support and a link that opens each', async () => {
    const r = await api(`/api/series/${s.seriesId}`, { token: s.token });
    expect(r.status).toBe(200);
    const body = await r.json();
    expect(body.title).toBe('苫小牧市 重層的支援体制 研修（全4回）');
    expect(body.boards.map((b: { title: string }) => b.title)).toEqual(['第1回 相談支援', '第2回 地域づくり']);
    expect(body.boards[0]).toMatchObject({ boardId: first.boardId, noteCount: 4, counts: { consultation: 2, participation: 0, community: 0, unsorted: 2 } });
    expect(body.boards[1]).toMatchObject({ boardId: second.boardId, noteCount: 2, counts: { consultation: 1, participation: 0, community: 1, unsorted: 0 } });
    expect(body.boards[0].link).toBe(first.links.facilitator);
  });

  it('answers 401 without a token, 403 for a wrong one (a board token too), 404 for an unknown series', async () => {
    expect((await api(`/api/series/${s.seriesId}`)).status).toBe(401);
    for (const token of ['x'.repeat(32), first.facilitatorToken, (await newSeries()).token]) {
      const r = await api(`/api/series/${s.seriesId}`, { token });
      expect(r.status).toBe(403);
      expect(JSON.stringify(await r.json())).not.toContain('相談');
    }
    expect((await api('/api/series/AAAAAAAAAAAAAAAAAAAAAA', { token: s.token })).status).toBe(404);
    expect((await api('/api/series/not-an-id', { token: s.token })).status).toBe(404);
    expect((await api(`/api/series/${s.seriesId}/notes`, { token: 'x'.repeat(32) })).status).toBe(403);
    expect((await api(`/api/series/${s.seriesId}/export.xlsx?token=${first.facilitatorToken}`)).status).toBe(403);
    expect((await api(`/api/series/${s.seriesId}/export.pdf?token=${s.token}`)).status).toBe(404);
  });

  it('gives every note of every session with its session, category and cluster', async () => {
    const { notes } = await (await api(`/api/series/${s.seriesId}/notes`, { token: s.token })).json();
    expect(notes).toHaveLength(6);
    const salon = notes.find((n: { text: string }) => n.text === 'サロンを続けたい');
    expect(salon).toMatchObject({ boardId: second.boardId, sessionTitle: '第2回 地域づくり', category: 'consultation' });
    expect(notes.filter((n: { sessionTitle: string }) => n.sessionTitle === '第1回 相談支援')).toHaveLength(4);
  });

  it('XLSX: 集計 then one sheet per session in the 付箋記入記録 layout; the counts add up; no formulas', async () => {
    const r = await api(`/api/series/${s.seriesId}/export.xlsx?token=${s.token}`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(r.headers.get('content-disposition')).toContain(encodeURIComponent('苫小牧市 重層的支援体制 研修（全4回）'));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await r.arrayBuffer());
    expect(wb.worksheets.map((w) => w.name)).toEqual(['集計', '第1回 相談支援', '第2回 地域づくり']);
    const rows = (name: string) => {
      const out: unknown[][] = [];
      wb.getWorksheet(name)!.eachRow((row) => out.push((row.values as unknown[]).slice(1)));
      return out;
    };
    const summary = rows('集計');
    const line = (label: string) => summary.find((l) => l[0] === label);
    expect(line('分類')).toEqual(['分類', '第1回 相談支援', '第2回 地域づくり', '合計']);
    expect(line('相談支援')).toEqual(['相談支援', 2, 1, 3]);
    expect(line('参加支援')).toEqual(['参加支援', 0, 0, 0]);
    expect(line('地域づくり')).toEqual(['地域づくり', 0, 1, 1]);
    expect(line('未分類')).toEqual(['未分類', 2, 0, 2]);
    expect(line('合計')).toEqual(['合計', 4, 2, 6]);
    expect(line('付箋の総数')).toEqual(['付箋の総数', 6]);
    // The board export's layout, so a session's sheet reads as its own 付箋記入記録 does.
    const boardXlsx = new ExcelJS.Workbook();
    await boardXlsx.xlsx.load(await (await api(`/api/boards/${first.boardId}/export.xlsx?token=${first.facilitatorToken}`)).arrayBuffer());
    const boardRows: unknown[][] = [];
    boardXlsx.getWorksheet('付箋記入記録')!.eachRow((row) => boardRows.push((row.values as unknown[]).slice(1)));
    expect(rows('第1回 相談支援')).toEqual(boardRows);
    const second = rows('第2回 地域づくり');
    expect(second.map((l) => l[3])).toEqual(['付箋', 'サロンを続けたい', '=SUM(A1)']);
    wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((cell) => expect(cell.type).not.toBe(ExcelJS.ValueType.Formula))));
  });

  it('DOCX: the counts per support and session, each session, then every note by support with its session', async () => {
    const r = await api(`/api/series/${s.seriesId}/export.docx?token=${s.token}`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    const xml = await (await JSZip.loadAsync(await r.arrayBuffer())).file('word/document.xml')!.async('string');
    const text = [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((p) => [...p[0].matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''));
    expect(text[0]).toBe('苫小牧市 重層的支援体制 研修（全4回）');
    const at = text.indexOf('集計（支援の種類 × 回）');
    expect(text.slice(at + 1, at + 25)).toEqual([
      '回', '相談支援', '参加支援', '地域づくりに向けた支援', '未分類', '計',
      '第1回 相談支援', '2', '0', '0', '2', '4',
      '第2回 地域づくり', '1', '0', '1', '0', '2',
      '合計', '3', '0', '1', '2', '6',
    ]);
    // Each session gets its own heading and 付箋記入記録; then the supports across the series name each note's session.
    expect(text.filter((p) => p === '付箋記入記録')).toHaveLength(2);
    expect(text.some((p) => p.startsWith('・サロンを続けたい') && p.includes('[第2回 地域づくり・'))).toBe(true);
  });

  it('CSV: every note led by its session, with a BOM, formulas neutralised', async () => {
    const r = await api(`/api/series/${s.seriesId}/export.csv`, { token: s.token });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const bytes = Buffer.from(await r.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const records = parse(bytes.subarray(3).toString('utf8')) as string[][];
    expect(records[0]).toEqual(['回', 'グループ', '欄', '欄の種類', '付箋', '分類', 'クラスター', '投票', '同感', 'なるほど', '質問', '記入者', '記入日時（日本時間）']);
    const body = records.slice(1);
    expect(body).toHaveLength(6);
    const author = records[0]!.indexOf('記入者');
    // Names only from the session that shows them: the anonymous one's stay out.
    expect(body.filter((l) => l[0] === '第1回 相談支援').every((l) => l[author]!.startsWith('記入者'))).toBe(true);
    expect(body.filter((l) => l[0] === '第2回 地域づくり').map((l) => l[author])).toEqual(['', '']);
    expect(body.filter((l) => l[0] === '第1回 相談支援').map((l) => l[4]).sort()).toEqual(['ひきこもりの相談', '居場所がほしい', '窓口がわからない', '見守りの担い手'].sort());
    expect(body.find((l) => l[4] === "'=SUM(A1)")?.[0]).toBe('第2回 地域づくり');
  });

  it('records each session’s export in its audit log, naming the series', async () => {
    await api(`/api/series/${s.seriesId}/export.csv`, { token: s.token });
    const entries = await srv.store.listAudit(second.boardId);
    expect(entries.at(-1)).toMatchObject({ action: 'export', detail: { format: 'csv', seriesId: s.seriesId } });
  });
});

describe('creating series from one address', () => {
  it('is limited per hour as creating boards is', async () => {
    const limited = await startApp({ env: { BOARDS_PER_IP_PER_HOUR: '2' } });
    try {
      const create = () => fetch(`${limited.url}/api/series`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ title: '連続研修' }) });
      expect([(await create()).status, (await create()).status]).toEqual([201, 201]);
      const refused = await create();
      expect(refused.status).toBe(429);
      expect((await refused.json()).error).toContain('series per hour');
    } finally {
      await limited.close();
    }
  });
});
