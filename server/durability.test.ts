import { afterAll, describe, expect, it } from 'vitest';
import { startServer, createBoard, type RunningServer } from './testing/startServer';
import { connectClient, eventually } from './testing/clients';
import { addNote, readBoard } from '../shared/board/doc';
import { newClientKey } from '../shared/board/ids';
import { userIdFromKey } from '../shared/board/identity';
import { SqliteStore } from './store/sqlite';

const running: RunningServer[] = [];
afterAll(async () => {
  for (const s of running) await s.kill();
});

describe('a server killed with SIGKILL', () => {
  it('serves every note any client had received after it restarts', async () => {
    const first = await startServer();
    running.push(first);
    const b = await createBoard(first.url);
    // The server accepts a participant's notes only under the id derived from its secret key.
    const key = newClientKey();
    const authorId = await userIdFromKey(key);
    const writer = connectClient(first.wsUrl, b.boardId, b.participantToken, { key });
    const reader = connectClient(first.wsUrl, b.boardId, b.participantToken);
    await Promise.all([writer.synced, reader.synced]);
    for (let i = 0; i < 50; i++) addNote(writer.doc, { text: `付箋 ${i}`, x: i * 10, y: 0, authorId });
    // What the reader holds came through the server, so the server had it.
    expect(await eventually(() => readBoard(reader.doc).notes.length === 50, 10_000)).toBe(true);
    const seen = readBoard(reader.doc).notes.map((n) => n.text).sort();
    writer.destroy();
    reader.destroy();
    await first.kill();

    const integrity = new SqliteStore(first.dataDir);
    expect(integrity.integrityCheck()).toBe('ok');
    await integrity.close();

    const second = await startServer({ dataDir: first.dataDir });
    running.push(second);
    const after = connectClient(second.wsUrl, b.boardId, b.viewerToken);
    await after.synced;
    expect(readBoard(after.doc).notes.map((n) => n.text).sort()).toEqual(seen);
    after.destroy();
    expect(await second.stop()).toBe(0);
  });
});
