import fp from 'fastify-plugin';
import type { FastifyRequest } from 'fastify';
import type { BoardRecord } from '../store/store';
import type { Role } from '../../shared/board/roles';
import { roleOfToken } from '../store/tokens';
import { BOARD_ID_RE } from '../../shared/board/ids';
import { HttpError } from './errors';

declare module 'fastify' {
  interface FastifyInstance {
    /** Resolves the caller's role on a board from its capability token; throws 401/403/404 HttpError. */
    authorize(req: FastifyRequest, boardId: string, allowed: readonly Role[]): Promise<{ board: BoardRecord; role: Role }>;
  }
}

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

export default fp(
  async (app) => {
    app.decorate('authorize', async (req: FastifyRequest, boardId: string, allowed: readonly Role[]) => {
      if (!BOARD_ID_RE.test(boardId)) throw new HttpError(404, 'board not found');
      const board = await app.store.getBoard(boardId);
      if (!board) throw new HttpError(404, 'board not found');
      const token = tokenFrom(req);
      if (!token) throw new HttpError(401, 'token required (Authorization: Bearer TOKEN)');
      const role = roleOf(board, token);
      if (!role) throw new HttpError(403, 'this token does not open this board');
      if (!allowed.includes(role)) throw new HttpError(403, `the ${role} link cannot do this`);
      return { board, role };
    });
  },
  { name: 'auth', dependencies: ['store'] },
);
