import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import JSZip from 'jszip';
import { injectedApp, type InjectedApp } from '../testing/injected';
import { createBoard } from '../testing/startServer';

let srv: InjectedApp;
beforeAll(async () => {
  srv = await injectedApp();
});
afterAll(() => srv.close());

describe('GET /api/boards/:boardId/export.docx', () => {
  it('downloads the session report as a Word file named after the board, with the notes brought in', async () => {
    const b = await createBoard(srv, { title: '当別町 第2回研修', template: 'impressions-unclear', groups: 2 });
    const imported = await srv.fetch(`${srv.url}/api/boards/${b.boardId}/import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${b.facilitatorToken}`, 'content-type': 'text/csv' },
      body: 'text,group,column,author\n居場所づくりと就労体験をつなげたい,B,unclear,山田\n',
    });
    expect(imported.status).toBe(201);
    const r = await srv.fetch(`${srv.url}/api/boards/${b.boardId}/export.docx?token=${b.viewerToken}`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(decodeURIComponent(r.headers.get('content-disposition')!)).toContain('当別町 第2回研修');
    expect(r.headers.get('content-disposition')).toMatch(/\.docx/);
    const xml = await (await JSZip.loadAsync(await r.arrayBuffer())).file('word/document.xml')!.async('string');
    expect(xml).toContain('当別町 第2回研修');
    expect(xml).toContain('・居場所づくりと就労体験をつなげたい（山田）');
    // Imported notes are nobody's: the report counts no writer for them.
    expect(xml).toContain('記入した人 0 人');
  });
});
