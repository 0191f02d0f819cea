import type { FastifyBaseLogger } from 'fastify';
import type { AuditAction, AuditEntry, Store } from '../store/store';

/** Who did something: their role on the board and, when their client sent its key, their user id. */
export interface Actor {
  role: AuditEntry['role'];
  userId: string | null;
}

export const SERVER: Actor = { role: 'server', userId: null };

/**
 * Writes a board's audit log, and the same line to the server's log: the operator's record of what
 * was done to a board survives the board's deletion there. Never a token, a key or a note's text:
 * callers pass only the action's own facts.
 */
export class AuditLog {
  constructor(
    private readonly store: Store,
    private readonly log: FastifyBaseLogger,
  ) {}

  async record(boardId: string, action: AuditAction, actor: Actor, detail: AuditEntry['detail'] = {}): Promise<void> {
    const entry: AuditEntry = { at: Date.now(), action, role: actor.role, userId: actor.userId, detail };
    this.log.info({ boardId, audit: entry }, `audit: ${action}`);
    await this.store.appendAudit(boardId, entry);
  }
}
