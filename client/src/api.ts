import { z } from 'zod';
import { ROLES, type CreateBoard } from '../../shared/board';

const CreatedSchema = z.object({
  boardId: z.string(),
  facilitatorToken: z.string(),
  participantToken: z.string(),
  viewerToken: z.string(),
  links: z.object({ facilitator: z.string(), participant: z.string(), viewer: z.string() }),
});
export type CreatedBoard = z.infer<typeof CreatedSchema>;

const InfoSchema = z.object({
  boardId: z.string(),
  title: z.string(),
  template: z.string(),
  noteCount: z.number(),
  sectionCount: z.number(),
  role: z.enum(ROLES),
  locked: z.boolean(),
  anonymous: z.boolean(),
});
export type BoardInfo = z.infer<typeof InfoSchema>;

/** An HTTP answer the user must act on (bad link, unknown board), as opposed to a network failure. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function readJson(res: Response): Promise<unknown> {
  if (!res.ok) {
    let message = res.statusText;
    try {
      const body = (await res.json()) as { error?: unknown; message?: unknown };
      if (typeof body.message === 'string') message = body.message;
      else if (typeof body.error === 'string') message = body.error;
    } catch {
      // A non-JSON error page: the status says enough.
    }
    throw new ApiError(res.status, message);
  }
  return res.json();
}

export async function createBoard(input: CreateBoard): Promise<CreatedBoard> {
  const res = await fetch('/api/boards', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(input),
  });
  return CreatedSchema.parse(await readJson(res));
}

export async function fetchBoardInfo(boardId: string, token: string, signal?: AbortSignal): Promise<BoardInfo> {
  const res = await fetch(`/api/boards/${encodeURIComponent(boardId)}`, {
    headers: { authorization: `Bearer ${token}` },
    signal,
  });
  return InfoSchema.parse(await readJson(res));
}
