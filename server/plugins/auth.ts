import fp from 'fastify-plugin';
import type { FastifyRequest } from 'fastify';
import type { BoardRecord } from '../store/store';
import type { Role } from '../../shared/board/roles';
import { roleOfToken } from '../store/tokens';
import { BOARD_ID_RE } from '../../shared/board/ids';
import { HttpError } from './errors';
import { userIdFromKey, CLIENT_KEY_MAX } from '../../shared/board/identity';
import type { Actor } from '../rooms/audit';
import { Doorkeeper } from '../rooms/access';

declare module 'fastify' {
  interface FastifyInstance {
    /** Resolves the caller's role on a board from its capability token; throws 401/403/404 HttpError. */
    authorize(req: FastifyRequest, boardId: string, allowed: readonly Role[]): Promise<Authorized>;
    /** Asks participants for the board's passcode, counting wrong ones per address (REST and socket alike). */
    doorkeeper: Doorkeeper;
  }
}

/** The board, the caller's role on it, and who they are (for the audit log), when their client said. */
export interface Authorized extends Actor {
  board: BoardRecord;
  role: Role;
}

/** REST calls of a board with a passcode carry it here (the socket: `passcode` beside `token` and `key`). */
export const PASSCODE_HEADER = 'x-board-passcode';

/** A client sends its device key in `X-Client-Key`, as it does on the socket: the same stable user id results. */
const CLIENT_KEY_HEADER = 'x-client-key';

/** Which role a token grants on a board, or null. Tokens are capabilities: holding one is the permission. */
export const roleOf = (board: BoardRecord, token: string): Role | null => roleOfToken(board.tokens, token);

/** The auth scheme is case-insensitive (RFC 9110 §11.1): `bearer`, `Bearer` and `BEARER` alike. */
const BEARER = /^bearer\s+(\S+)\s*$/i;

/**
 * REST calls send `Authorization: Bearer TOKEN`; GET downloads may use `?token=` so a link works in a
 * browser, and HEAD with them, which must answer as GET does.
 */
export function tokenFrom(req: FastifyRequest): string | null {
  const bearer = BEARER.exec(req.headers.authorization ?? '');
  if (bearer) return bearer[1]!;
  if (req.method === 'GET' || req.method === 'HEAD') {
    const q = (req.query as Record<string, unknown> | undefined)?.token;
    if (typeof q === 'string' && q) return q;
  }
  return null;
}

/** The passcode a request carries: the header, or on a GET download (a plain link) `?passcode=`. */
function passcodeFrom(req: FastifyRequest): string | undefined {
  const header = req.headers[PASSCODE_HEADER];
  if (typeof header === 'string' && header) return header;
  if (req.method !== 'GET' && req.method !== 'HEAD') return undefined;
  const q = (req.query as Record<string, unknown> | undefined)?.passcode;
  return typeof q === 'string' && q ? q : undefined;
}

export default fp(
  async (app) => {
    app.decorate('doorkeeper', new Doorkeeper());
    app.decorate('authorize', async (req: FastifyRequest, boardId: string, allowed: readonly Role[]) => {
      if (!BOARD_ID_RE.test(boardId)) throw new HttpError(404, 'board not found');
      const board = await app.store.getBoard(boardId);
      if (!board) throw new HttpError(404, 'board not found');
      const token = tokenFrom(req);
      if (!token) throw new HttpError(401, 'token required (Authorization: Bearer TOKEN)');
      const role = roleOf(board, token);
      if (!role) throw new HttpError(403, 'this token does not open this board');
      if (!allowed.includes(role)) throw new HttpError(403, `the ${role} link cannot do this`);
      // Only participants are ever asked for a passcode: no store read for anyone else.
      const admitted = role === 'participant' ? app.doorkeeper.admit(await app.store.getAccess(boardId), role, passcodeFrom(req), req.ip) : { ok: true as const };
      if (!admitted.ok) throw new HttpError(admitted.reason === 'too many wrong passcodes' ? 429 : 403, admitted.reason, 'passcode');
      const key = req.headers[CLIENT_KEY_HEADER];
      const userId = typeof key === 'string' && key && key.length <= CLIENT_KEY_MAX ? await userIdFromKey(key) : null;
      return { board, role, userId };
    });
  },
  { name: 'auth', dependencies: ['store'] },
);
