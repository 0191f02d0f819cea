import { API } from '../../../shared/api/contract';
import { request } from '../api';

/** 「あと1分です」 (or the facilitator's own words) on every device of the board, through the server. */
export async function sendNudge(boardId: string, token: string, message?: string): Promise<void> {
  await request(API.nudge, { params: { boardId }, token, body: message ? { message } : {} });
}

/** The board setting "participants move only their own notes", which the server enforces. */
export async function setOwnNotesOnly(boardId: string, token: string, ownNotesOnly: boolean): Promise<void> {
  await request(API.settings, { params: { boardId }, token, body: { ownNotesOnly } });
}
