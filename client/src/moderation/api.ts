import { API } from '../../../shared/api/contract';
import { request } from '../api';

/** Moderation is switched through the server, which approves the notes already on the board in the same step. */
export async function setModeration(boardId: string, token: string, moderation: boolean): Promise<void> {
  await request(API.settings, { params: { boardId }, token, body: { moderation } });
}

export async function approveNote(boardId: string, token: string, noteId: string): Promise<void> {
  await request(API.approveNote, { params: { boardId, noteId }, token });
}

/** 非表示: the note never reaches the projector (approving it later shows it after all). */
export async function hideNote(boardId: string, token: string, noteId: string): Promise<void> {
  await request(API.hideNote, { params: { boardId, noteId }, token });
}
