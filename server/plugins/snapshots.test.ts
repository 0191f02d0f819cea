import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { setNoteText, deleteNotes } from '../../shared/board/doc';
import { startApp } from '../testing/inProcess';
import { createBoard, type CreatedBoard } from '../testing/startServer';
import { writeNotes } from './exportTesting';

let srv: Awaited<ReturnType<typeof startApp>>;
beforeAll(async () => {
  srv = await startApp();
});
afterAll(() => srv.close());

const api = (path: string, init: RequestInit & { token?: string } = {}) =>
  fetch(`${srv.url}${path}`, {
    ...init,
    headers: { 'content-type': 'application/json', ...(init.token ? { authorization: `Bearer ${init.token}` } : {}), ...init.headers },
  });

const saveSnapshot = (b: CreatedBoard, name: unknown, token = b.facilitatorToken) =>
  api(`/api/boards/${b.boardId}/snapshots`, { method: 'POST', token, body: JSON.stringify({ name }) });

const exportTexts = async (b: CreatedBoard, query = '') => {
  const r = await fetch(`${srv.url}/api/boards/${b.boardId}/export.json?token=${b.facilitatorToken}${query}`);
  expect(r.status).toBe(200);
  return ((await r.json()) as { notes: { text: string }[] }).notes.map((n) => n.text).sort();
};

describe('named snapshots', () => {
  it('keeps the board as it was: every export with ?snapshot= shows the old state after later edits', async () => {
    const b = await createBoard(srv.url, { title: '苫小牧市 研修 第1回' });
    const [first, second] = await writeNotes(srv, b, ['伴走型支援', '居場所づくり']);
    const saved = await saveSnapshot(b, '討議①のあと');
    expect(saved.status).toBe(201);
    const { snapshotId, name } = (await saved.json()) as { snapshotId: string; name: string };
    expect(name).toBe('討議①のあと');

    await writeNotes(srv, b, ['後から足した付箋'], {
      token: b.facilitatorToken,
      edit: (doc) => {
        setNoteText(doc, first!, '伴走型支援（書き直し）');
        deleteNotes(doc, [second!]);
      },
    });
    expect(await exportTexts(b)).toEqual(['伴走型支援（書き直し）', '後から足した付箋'].sort());
    const q = `&snapshot=${snapshotId}`;
    expect(await exportTexts(b, q)).toEqual(['伴走型支援', '居場所づくり'].sort());

    const csv = await (await fetch(`${srv.url}/api/boards/${b.boardId}/export.csv?token=${b.facilitatorToken}${q}`)).text();
    expect((parse(csv, { bom: true }) as string[][]).slice(1).map((r) => r[3]).sort()).toEqual(['伴走型支援', '居場所づくり'].sort());
    const xlsxRes = await fetch(`${srv.url}/api/boards/${b.boardId}/export.xlsx?token=${b.facilitatorToken}${q}`);
    expect(xlsxRes.headers.get('content-disposition')).toContain(encodeURIComponent('苫小牧市 研修 第1回_討議①のあと'));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await xlsxRes.arrayBuffer());
    expect(wb.getWorksheet('付箋記入記録')!.rowCount).toBe(3);
    const md = await (await fetch(`${srv.url}/api/boards/${b.boardId}/export.md?token=${b.facilitatorToken}${q}`)).text();
    expect(md).toContain('討議①のあと');
    expect(md).not.toContain('後から足した付箋');

    const one = await api(`/api/boards/${b.boardId}/snapshots/${snapshotId}`, { token: b.facilitatorToken });
    expect(((await one.json()) as { notes: unknown[]; snapshot: { name: string } }).snapshot.name).toBe('討議①のあと');
  });

  it('lists snapshots in the order they were taken', async () => {
    const b = await createBoard(srv.url);
    for (const n of ['討議①のあと', '全体共有のあと', '討議②のあと']) expect((await saveSnapshot(b, n)).status).toBe(201);
    const list = (await (await api(`/api/boards/${b.boardId}/snapshots`, { token: b.facilitatorToken })).json()) as { snapshots: { id: string; name: string; createdAt: number }[] };
    expect(list.snapshots.map((s) => s.name)).toEqual(['討議①のあと', '全体共有のあと', '討議②のあと']);
    expect(new Set(list.snapshots.map((s) => s.id)).size).toBe(3);
  });

  it('is facilitator material: participants and viewers get 403, unknown snapshots 404', async () => {
    const b = await createBoard(srv.url);
    const { snapshotId } = (await (await saveSnapshot(b, 'x')).json()) as { snapshotId: string };
    for (const token of [b.participantToken, b.viewerToken]) {
      expect((await saveSnapshot(b, 'y', token)).status).toBe(403);
      expect((await api(`/api/boards/${b.boardId}/snapshots`, { token })).status).toBe(403);
      expect((await api(`/api/boards/${b.boardId}/snapshots/${snapshotId}`, { token })).status).toBe(403);
      expect((await api(`/api/boards/${b.boardId}/snapshots/${snapshotId}/restore`, { method: 'POST', token, body: '{}' })).status).toBe(403);
      expect((await fetch(`${srv.url}/api/boards/${b.boardId}/export.csv?token=${token}&snapshot=${snapshotId}`)).status).toBe(403);
    }
    const f = b.facilitatorToken;
    for (const id of ['nope', 'AAAAAAAAAAAAAAAAAAAAAA', '..%2F..%2Fx']) {
      expect((await fetch(`${srv.url}/api/boards/${b.boardId}/export.csv?token=${f}&snapshot=${id}`)).status).toBe(404);
      expect((await api(`/api/boards/${b.boardId}/snapshots/${id}`, { token: f })).status).toBe(404);
    }
    const other = await createBoard(srv.url);
    expect((await fetch(`${srv.url}/api/boards/${other.boardId}/export.csv?token=${other.facilitatorToken}&snapshot=${snapshotId}`)).status).toBe(404);
  });

  it('refuses a snapshot without a name with 400 and saves nothing', async () => {
    const b = await createBoard(srv.url);
    for (const name of ['', '   ', 42, 'x'.repeat(101)]) {
      const r = await saveSnapshot(b, name);
      expect(r.status).toBe(400);
      expect(await r.json()).toMatchObject({ field: 'name' });
    }
    const list = (await (await api(`/api/boards/${b.boardId}/snapshots`, { token: b.facilitatorToken })).json()) as { snapshots: unknown[] };
    expect(list.snapshots).toEqual([]);
  });

  it('restores a snapshot as a new board with its own links, leaving the original alone', async () => {
    const b = await createBoard(srv.url, { title: '当別町 研修' });
    await writeNotes(srv, b, ['印象に残ったこと', 'わからなかったこと']);
    const { snapshotId } = (await (await saveSnapshot(b, '討議のあと')).json()) as { snapshotId: string };
    await api(`/api/boards/${b.boardId}/lock`, { method: 'POST', token: b.facilitatorToken, body: JSON.stringify({ locked: true }) });
    await writeNotes(srv, b, ['スナップショットの後'], { token: b.facilitatorToken });

    const r = await api(`/api/boards/${b.boardId}/snapshots/${snapshotId}/restore`, { method: 'POST', token: b.facilitatorToken, body: '{}' });
    expect(r.status).toBe(201);
    const restored = (await r.json()) as CreatedBoard & { restoredFrom: { snapshotId: string } };
    expect(restored.boardId).not.toBe(b.boardId);
    expect(restored.facilitatorToken).not.toBe(b.facilitatorToken);
    expect(restored.links.participant).toContain(restored.participantToken);
    expect(restored.restoredFrom.snapshotId).toBe(snapshotId);
    expect(await exportTexts(restored)).toEqual(['わからなかったこと', '印象に残ったこと']);
    const info = (await (await api(`/api/boards/${restored.boardId}`, { token: restored.participantToken })).json()) as { title: string; locked: boolean };
    expect(info).toMatchObject({ title: '当別町 研修（討議のあと）', locked: false });
    // The restored board is a live board: a participant can write to it.
    await writeNotes(srv, restored, ['復元後の付箋']);
    expect(await exportTexts(restored)).toContain('復元後の付箋');
    expect(await exportTexts(b)).not.toContain('復元後の付箋');
  });
});
