import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { injectedApp, type InjectedApp } from '../testing/injected';
import { createBoard, type CreatedBoard } from '../testing/startServer';

let srv: InjectedApp;
beforeAll(async () => {
  srv = await injectedApp();
});
afterAll(() => srv.close());

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const upload = (b: CreatedBoard, body: string | Uint8Array, type = 'text/csv; charset=utf-8', token = b.facilitatorToken) =>
  srv.fetch(`${srv.url}/api/boards/${b.boardId}/import`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': type }, body: body as BodyInit });

interface Exported {
  notes: { text: string; sectionId: string | null; author: string; x: number; y: number }[];
  sections: { id: string; group: string; kind: string }[];
}
const exported = async (b: CreatedBoard): Promise<Exported> => (await srv.fetch(`${srv.url}/api/boards/${b.boardId}/export.json?token=${b.facilitatorToken}`)).json() as Promise<Exported>;
const placeOf = (e: Exported, text: string) => {
  const n = e.notes.find((x) => x.text === text);
  const s = e.sections.find((x) => x.id === n?.sectionId);
  return s ? `${s.group}/${s.kind}` : null;
};

/** Shift_JIS as Excel in Japan writes a CSV, encoded with the platform's own Shift_JIS table read backwards. */
function shiftJis(text: string): Uint8Array {
  const decoder = new TextDecoder('shift_jis');
  const table = new Map<string, number[]>();
  for (let lead = 0x81; lead <= 0xfc; lead++) {
    if (lead > 0x9f && lead < 0xe0) continue;
    for (let trail = 0x40; trail <= 0xfc; trail++) {
      const ch = decoder.decode(new Uint8Array([lead, trail]));
      if (ch.length === 1 && ch !== '\ufffd' && !table.has(ch)) table.set(ch, [lead, trail]);
    }
  }
  return new Uint8Array([...text].flatMap((ch) => (ch.charCodeAt(0) < 0x80 ? [ch.charCodeAt(0)] : table.get(ch)!)));
}

describe('POST /api/boards/:boardId/import', () => {
  it("brings a CSV saved with a BOM onto the board, each note in its group's column", async () => {
    const b = await createBoard(srv, { template: 'impressions-unclear', groups: 2 });
    const csv = '\ufeff本文,グループ,欄,記入者\n"断らない相談支援が\n印象に残った",A,印象に残ったこと,田中\n参加支援の範囲がわからなかった,B,unclear,\n=1+1,A,,\n';
    const r = await upload(b, csv);
    expect(r.status).toBe(201);
    expect((await r.json()).imported).toBe(3);
    const e = await exported(b);
    expect(placeOf(e, '断らない相談支援が\n印象に残った')).toBe('A/impression');
    expect(placeOf(e, '参加支援の範囲がわからなかった')).toBe('B/unclear');
    expect(placeOf(e, '=1+1')).toBe('A/impression');
    expect(e.notes.find((n) => n.author === '田中')).toBeTruthy();
  });

  it('reads a Shift_JIS CSV and an XLSX written by Excel-compatible software', async () => {
    const b = await createBoard(srv, { template: 'impressions-unclear', groups: 2 });
    expect((await upload(b, shiftJis('text,group\r\n地域の見守り活動,B\r\n'), 'text/csv')).status).toBe(201);
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('付箋記入記録');
    sheet.addRow(['グループ', '付箋の内容', '色']);
    sheet.addRow(['A', '就労体験の場がほしい', 'green']);
    sheet.addRow(['B', 'サロンの担い手が足りない', '#90caf9']);
    const xlsx = new Uint8Array(await book.xlsx.writeBuffer());
    expect((await upload(b, xlsx, XLSX)).status).toBe(201);
    const e = await exported(b);
    expect(placeOf(e, '地域の見守り活動')).toBe('B/impression');
    expect(placeOf(e, '就労体験の場がほしい')).toBe('A/impression');
    expect(placeOf(e, 'サロンの担い手が足りない')).toBe('B/impression');
  });

  it('refuses a file with one bad row, naming it, and imports none of it', async () => {
    const b = await createBoard(srv, { template: 'impressions-unclear', groups: 2 });
    const r = await upload(b, `text,group\n見守り,A\n${'あ'.repeat(501)},B\n`);
    expect(r.status).toBe(400);
    expect(await r.json()).toEqual({ error: 'row 3: the text has 501 characters; a note holds at most 500', field: 'rows.3' });
    const unknownGroup = await upload(b, 'text,group\n見守り,A\n居場所,Z\n');
    expect(await unknownGroup.json()).toMatchObject({ field: 'rows.3', error: expect.stringContaining('unknown group "Z"') });
    const noText = await upload(b, 'group,author\nA,田中\n');
    expect(await noText.json()).toMatchObject({ field: 'file', error: expect.stringContaining('no text column') });
    expect((await upload(b, 'text\n"unclosed\n')).status).toBe(400);
    expect((await upload(b, new Uint8Array([1, 2, 3]), XLSX)).status).toBe(400);
    expect((await upload(b, '{"text": "見守り"}', 'application/json')).status).toBe(400);
    expect((await exported(b)).notes).toEqual([]);
  });

  it('is for the facilitator only', async () => {
    const b = await createBoard(srv);
    expect((await upload(b, 'text\n見守り\n', 'text/csv', b.participantToken)).status).toBe(403);
    expect((await upload(b, 'text\n見守り\n', 'text/csv', b.viewerToken)).status).toBe(403);
    expect((await upload(b, 'text\n見守り\n', 'text/csv', 'wrong')).status).toBe(403);
    expect((await exported(b)).notes).toEqual([]);
  });
});
