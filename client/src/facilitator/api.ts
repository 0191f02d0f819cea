import { API } from '../../../shared/api/contract';
import { request } from '../api';

/**
 * The lock goes through the server (not just the doc's flag): the server then refuses every
 * participant update while it is on, whatever their client does.
 */
export async function setBoardLocked(boardId: string, token: string, locked: boolean): Promise<boolean> {
  return (await request(API.lock, { params: { boardId }, token, body: { locked } })).locked;
}

export async function fetchParticipantLink(boardId: string, token: string): Promise<string> {
  return (await request(API.links, { params: { boardId }, token })).links.participant;
}
