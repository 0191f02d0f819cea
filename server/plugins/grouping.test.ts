import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp } from '../testing/inProcess';
import { createBoard, type CreatedBoard } from '../testing/startServer';
import { writeNotes } from './exportTesting';

let srv: Awaited<ReturnType<typeof startApp>>;
let board: CreatedBoard;
let ids: string[];
// writeNotes sets every third note to consultation by hand (notes 0 and 3 here).
const TEXTS = ['町内会の集まり', '近所の高齢者を住民同士で見守るサロン', 'ひきこもりの若者が農作業で働く体験の場', '子ども食堂の手伝い', '社会福祉法の改正の内容がよくわからなかった'];

beforeAll(async () => {
  srv = await startApp();
  board = await createBoard(srv.url, { title: '当別町 研修' });
  ids = await writeNotes(srv, board, TEXTS);
}, 60_000);
afterAll(() => srv.close());

const post = (token: string, boardId = board.boardId) =>
  fetch(`${srv.url}/api/boards/${boardId}/grouping`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: '{}' });

type Answer = { id: string; category: string; confidence: number; reasons: string[]; manual: boolean; needsReview: boolean };

describe('POST /api/boards/:boardId/grouping', () => {
  it('answers every note with a category, confidence, reasons in its own words and needsReview; hand-set notes kept', async () => {
    const r = await post(board.facilitatorToken);
    expect(r.status).toBe(200);
    const body = (await r.json()) as { grouping: { notes: Answer[] }; reviewBelow: number };
    expect(body.grouping.notes.map((n) => n.id).sort()).toEqual([...ids].sort());
    const byId = new Map(body.grouping.notes.map((n) => [n.id, n]));
    expect(byId.get(ids[0]!)).toMatchObject({ category: 'consultation', manual: true, needsReview: false });
    expect(byId.get(ids[1]!)!.category).toBe('community');
    expect(byId.get(ids[2]!)!.category).toBe('participation');
    ids.forEach((id, i) => {
      const n = byId.get(id)!;
      expect(typeof n.needsReview).toBe('boolean');
      if (!n.manual) {
        expect(n.needsReview).toBe(n.confidence < body.reviewBelow);
        for (const w of n.reasons) expect(TEXTS[i]).toContain(w.replace(/（否定）$/, ''));
      }
    });
  }, 30_000);

  it('loads the model ahead of the first Auto-group on request, for the facilitator only', async () => {
    const warm = (token: string) => fetch(`${srv.url}/api/boards/${board.boardId}/grouping/warm`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
    expect((await warm(board.facilitatorToken)).status).toBe(204);
    expect((await warm(board.participantToken)).status).toBe(403);
  });

  it('is for the facilitator only, and says so for an unknown board', async () => {
    expect((await post(board.participantToken)).status).toBe(403);
    expect((await post('nonsense')).status).toBe(403);
    expect((await post(board.facilitatorToken, 'nosuchboard')).status).toBeGreaterThanOrEqual(400);
  });
});

describe('GET /api/boards/:boardId/corrections.jsonl', () => {
  it('downloads the hand-set categories as labelled lines the CLI reads with --corrections', async () => {
    const r = await fetch(`${srv.url}/api/boards/${board.boardId}/corrections.jsonl`, { headers: { authorization: `Bearer ${board.facilitatorToken}` } });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-disposition')).toContain('attachment');
    const lines = (await r.text()).trim().split('\n').map((l) => JSON.parse(l) as { id: string; text: string; category: string; board: string });
    expect(lines.map((l) => l.text).sort()).toEqual([TEXTS[0], TEXTS[3]].sort());
    for (const l of lines) expect(l).toMatchObject({ category: 'consultation', board: board.boardId });
    const forbidden = await fetch(`${srv.url}/api/boards/${board.boardId}/corrections.jsonl`, { headers: { authorization: `Bearer ${board.participantToken}` } });
    expect(forbidden.status).toBe(403);
  });
});
