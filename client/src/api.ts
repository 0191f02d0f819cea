import type { z } from 'zod';
import { API, ErrorSchema, pathOf, type BoardInfoSchema, type CreatedBoardSchema, type Route } from '../../shared/api/contract';
import type { CreateBoard } from '../../shared/board';
import { clientKey } from './board/identity';
import { storedPasscode } from './join/passcode';

export type CreatedBoard = z.infer<typeof CreatedBoardSchema>;
/** What the client keeps of a board's summary (also on the device, for opening it offline). */
export type BoardInfo = Pick<z.infer<typeof BoardInfoSchema>, 'boardId' | 'title' | 'template' | 'noteCount' | 'sectionCount' | 'role' | 'locked' | 'anonymous'>;

/** An HTTP answer the user must act on (bad link, unknown board), as opposed to a network failure. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** The input the server named (e.g. `passcode`: the board asks for one). */
    readonly field?: string,
  ) {
    super(message);
  }
}

type Answer<R extends Route> = R['response'] extends z.ZodType ? z.infer<R['response']> : void;

export interface Call {
  params?: Record<string, string>;
  body?: unknown;
  /** A file to send as it is, instead of a JSON body (an import). */
  file?: { bytes: Blob | string; type: string };
  /** The board's capability token, sent as `Authorization: Bearer`. */
  token?: string;
  signal?: AbortSignal;
}

/** The one way the client talks to the API: a route of shared/api, its answer checked against the route's schema. */
export async function request<R extends Route>(route: R, call: Call = {}): Promise<Answer<R>> {
  // The device's key, as on the socket: the server derives the same user id from it (for the audit log).
  const headers: Record<string, string> = { 'x-client-key': clientKey() };
  if (call.token) headers.authorization = `Bearer ${call.token}`;
  const passcode = call.params?.boardId ? storedPasscode(call.params.boardId) : null;
  if (passcode) headers['x-board-passcode'] = passcode;
  if (call.body !== undefined) headers['content-type'] = 'application/json';
  if (call.file) headers['content-type'] = call.file.type;
  const res = await fetch(pathOf(route, call.params), {
    method: route.method,
    headers,
    body: call.file ? call.file.bytes : call.body === undefined ? undefined : JSON.stringify(call.body),
    signal: call.signal,
  });
  if (!res.ok) {
    const body = await errorBody(res);
    throw new ApiError(res.status, body.error, body.field);
  }
  if (!route.response) return undefined as Answer<R>;
  return route.response.parse(await res.json()) as Answer<R>;
}

async function errorBody(res: Response): Promise<{ error: string; field?: string }> {
  const body = ErrorSchema.safeParse(await res.json().catch(() => null));
  // A non-JSON error page (a proxy's): the status says enough.
  return body.success ? body.data : { error: res.statusText };
}

export const createBoard = (input: CreateBoard): Promise<CreatedBoard> => request(API.createBoard, { body: input });

export const fetchBoardInfo = (boardId: string, token: string, signal?: AbortSignal): Promise<BoardInfo> =>
  request(API.boardInfo, { params: { boardId }, token, signal });
