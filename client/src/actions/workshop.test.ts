import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBoard, readMeta, readTimer, readVoting, voteCounts, type Role } from '../../../shared/board';
import { userIdFromKey } from '../../../shared/board/identity';
import { connectClient, eventually } from '../../../server/testing/clients';
import { startApp } from '../../../server/testing/inProcess';
import { createBoard, type CreatedBoard } from '../../../server/testing/startServer';
import { contextFor, dispatch, type BoardApi } from './index';
import { addNoteAction } from './notes';
import { clearVotesAction, setVotingAction, startTimerAction, toggleLockAction, voteAction } from './workshop';

let srv: Awaited<ReturnType<typeof startApp>>;
beforeAll(async () => {
  srv = await startApp();
});
afterAll(() => srv.close());

/** The lock route of the real server, as the client's BoardApi calls it. */
const serverApi = (b: CreatedBoard, token: string): BoardApi => ({
  async setLocked(locked) {
    const r = await fetch(`${srv.url}/api/boards/${b.boardId}/lock`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ locked }),
    });
    if (!r.ok) throw new Error(`lock: ${r.status}`);
    return ((await r.json()) as { locked: boolean }).locked;
  },
});

async function join(b: CreatedBoard, role: Role) {
  const token = role === 'facilitator' ? b.facilitatorToken : b.participantToken;
  // The device's key, from which the server derives the user id it accepts notes and votes from.
  const key = `${role}-device-key-0123456789`;
  const client = connectClient(srv.wsUrl, b.boardId, token, { key });
  await client.synced;
  const userId = await userIdFromKey(key);
  const ctx = () => contextFor(client.doc, { userId, role }, { api: serverApi(b, token) });
  return { ...client, ctx };
}

describe('the lock', () => {
  it('locks and unlocks from the board’s lock as it is in the doc, so the header and the panel button do the same', async () => {
    const b = await createBoard(srv.url, { title: 'ロック', template: 'impressions-unclear', groups: 2 });
    const facilitator = await join(b, 'facilitator');
    const participant = await join(b, 'participant');
    try {
      // The header button and the panel's both dispatch toggleLockAction with nothing but the context.
      expect(await dispatch(facilitator.ctx(), toggleLockAction, undefined)).toBe(true);
      expect(await eventually(() => readMeta(participant.doc).locked)).toBe(true);
      expect(readMeta(facilitator.doc).locked).toBe(true);
      // A participant's screen has no lock: nothing is sent, the board stays locked.
      expect(dispatch(participant.ctx(), toggleLockAction, undefined)).toBeUndefined();
      // Locked, a participant's note is not even written locally.
      expect(dispatch(participant.ctx(), addNoteAction, { text: 'ロック中', into: readBoard(participant.doc).sections[0]! })).toBeUndefined();
      expect(await dispatch(facilitator.ctx(), toggleLockAction, undefined)).toBe(false);
      expect(await eventually(() => !readMeta(participant.doc).locked)).toBe(true);
    } finally {
      facilitator.destroy();
      participant.destroy();
    }
  });
});

describe('the facilitator’s workshop actions', () => {
  it('open voting and run the timer for everyone; participants vote and cannot run them', async () => {
    const b = await createBoard(srv.url, { title: '投票', template: 'impressions-unclear', groups: 1 });
    const facilitator = await join(b, 'facilitator');
    const participant = await join(b, 'participant');
    try {
      expect(dispatch(participant.ctx(), setVotingAction, { open: true })).toBeUndefined();
      dispatch(facilitator.ctx(), setVotingAction, { open: true, perPerson: 2 });
      dispatch(facilitator.ctx(), startTimerAction, { durationMs: 60_000 });
      expect(await eventually(() => readVoting(participant.doc).open && readTimer(participant.doc) !== null)).toBe(true);
      const id = dispatch(participant.ctx(), addNoteAction, { text: '居場所づくり', into: readBoard(participant.doc).sections[0]! })!;
      dispatch(participant.ctx(), voteAction, { noteId: id, up: true });
      dispatch(participant.ctx(), voteAction, { noteId: id, up: true });
      expect(() => dispatch(participant.ctx(), voteAction, { noteId: id, up: true })).toThrow(/vote/i);
      expect(await eventually(() => voteCounts(facilitator.doc).get(id) === 2)).toBe(true);
      dispatch(facilitator.ctx(), clearVotesAction, undefined);
      expect(await eventually(() => voteCounts(participant.doc).size === 0)).toBe(true);
    } finally {
      facilitator.destroy();
      participant.destroy();
    }
  });
});
