import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SURVEY_TEMPLATES } from '../../shared/board/survey';
import { injectedApp, type InjectedApp } from '../testing/injected';
import { createBoard, type CreatedBoard } from '../testing/startServer';

let srv: InjectedApp;
beforeAll(async () => {
  srv = await injectedApp();
});
afterAll(() => srv.close());

const call = (b: CreatedBoard, method: string, path: string, token: string, body?: unknown, key?: string) =>
  srv.fetch(`${srv.url}/api/boards/${b.boardId}/survey${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(key ? { 'x-client-key': key } : {}) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
const answer = (b: CreatedBoard, key: string, answers: Record<string, unknown>, token = b.participantToken) => call(b, 'POST', '/answers', token, { answers }, key);

async function openSurvey() {
  const b = await createBoard(srv, { title: '苫小牧市 第4回研修' });
  expect((await call(b, 'PUT', '', b.facilitatorToken, { questions: SURVEY_TEMPLATES.ja })).status).toBe(200);
  expect(await (await call(b, 'POST', '/open', b.facilitatorToken)).json()).toMatchObject({ open: true });
  return b;
}

describe('the end-of-session survey', () => {
  it('counts one answer set per device, replaced when it answers again, and gives the facilitator only totals', async () => {
    const b = await openSurvey();
    expect((await answer(b, 'key-a', { clarity: 4, running: 5, understanding: 1, problems: '相談先がわからない' })).status).toBe(204);
    expect((await answer(b, 'key-b', { clarity: 2, understanding: 0, ideas: '事例検討を増やしたい' })).status).toBe(204);
    // The first device changes its mind: its answers replace the earlier ones.
    expect((await answer(b, 'key-a', { clarity: 5, understanding: 1, problems: '相談先がわからない' })).status).toBe(204);
    const r = await call(b, 'GET', '/results', b.facilitatorToken);
    expect(r.status).toBe(200);
    const results = await r.json();
    expect(results).toEqual({
      respondents: 2,
      questions: [
        { id: 'clarity', counts: [0, 1, 0, 0, 1] },
        { id: 'running', counts: [0, 0, 0, 0, 0] },
        { id: 'understanding', counts: [1, 1, 0, 0] },
        { id: 'need', counts: [0, 0, 0, 0] },
        { id: 'problems', texts: ['相談先がわからない'] },
        { id: 'ideas', texts: ['事例検討を増やしたい'] },
      ],
    });
    // Anonymous: nothing in the answer names a device, a person or a time.
    const stored = JSON.stringify(await srv.store.listSurveyAnswers(b.boardId));
    expect(stored).not.toMatch(/key-a|key-b/);
    expect(JSON.stringify(results)).not.toMatch(/key-|\d{13}/);
  });

  it('refuses a value out of range naming the question, and stores nothing of that answer set', async () => {
    const b = await openSurvey();
    const bad = async (answers: Record<string, unknown>) => (await answer(b, 'key-c', answers)).json();
    expect(await bad({ clarity: 6 })).toMatchObject({ field: 'answers.clarity' });
    expect(await bad({ clarity: 3, understanding: 4 })).toMatchObject({ field: 'answers.understanding' });
    expect(await bad({ need: [0] })).toMatchObject({ field: 'answers.need' });
    expect(await bad({ problems: 'x'.repeat(1001) })).toMatchObject({ field: 'answers.problems' });
    expect(await bad({ nosuch: 1 })).toMatchObject({ field: 'answers.nosuch' });
    expect((await (await call(b, 'GET', '/results', b.facilitatorToken)).json()).respondents).toBe(0);
    expect((await call(b, 'POST', '/answers', b.participantToken, { answers: { clarity: 3 } })).status).toBe(400);
  });

  it('is set and read by the facilitator alone; viewers cannot answer; a closed survey takes no answers', async () => {
    const b = await openSurvey();
    expect((await call(b, 'PUT', '', b.participantToken, { questions: SURVEY_TEMPLATES.ja })).status).toBe(403);
    expect((await call(b, 'GET', '/results', b.participantToken)).status).toBe(403);
    expect((await answer(b, 'key-v', { clarity: 3 }, b.viewerToken)).status).toBe(403);
    expect((await call(b, 'PUT', '', b.facilitatorToken, { questions: [{ id: 'q', kind: 'single', text: '一つだけ', choices: ['はい'] }] })).status).toBe(400);
    expect((await call(b, 'POST', '/close', b.facilitatorToken)).status).toBe(200);
    expect((await answer(b, 'key-d', { clarity: 3 })).status).toBe(409);
    const fresh = await createBoard(srv);
    expect((await call(fresh, 'POST', '/open', fresh.facilitatorToken)).status).toBe(409);
  });
});
