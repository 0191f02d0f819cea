import type { FastifyBaseLogger } from 'fastify';
import { newToken } from '../../shared/board/ids';
import { setMeta } from '../../shared/board/doc';
import { setModerationOn } from '../../shared/board/moderation';
import { setPrivateWriting } from '../../shared/board/privateNotes';
import type { Settings } from '../../shared/api/contract';
import type { Role } from '../../shared/board/roles';
import type { BoardRecord, Store } from '../store/store';
import { storeTokens, type BoardTokens } from '../store/tokens';
import type { Bus } from '../bus/bus';
import { CLOSE } from './connection';
import { boardChannel, busMessage, BUS_CONTROL, type ControlMessage } from './busMessages';
import type { Room } from './room';
import type { Rooms } from './rooms';
import { AuditLog, type Actor } from './audit';

export type RotatableRole = Exclude<Role, 'facilitator'>;

const REPLACED = 'this link was replaced; ask the facilitator for the new one';
const DELETED = 'the facilitator deleted this board';

/**
 * What a facilitator does to a board as a whole — lock, rotate its links, change its settings, delete
 * it — each done once here: the store written, the loaded board told, the other processes told, and
 * what they do when told. The record in the store is the one truth of the lock and the tokens; the
 * board's meta only mirrors the lock for clients to show.
 */
export class BoardLifecycle {
  readonly audit: AuditLog;

  constructor(
    private readonly store: Store,
    private readonly rooms: Rooms,
    private readonly bus: Bus,
    log: FastifyBaseLogger,
  ) {
    this.audit = new AuditLog(store, log);
    rooms.handleControl((room, control) => this.onControl(room, control));
  }

  async lock(board: BoardRecord, locked: boolean, by: Actor): Promise<void> {
    await this.store.updateBoard(board.id, { locked });
    await this.rooms.with(board.id, (room) => {
      room.recordChanged({ ...room.record, locked });
      room.transact((doc) => setMeta(doc, { locked }));
      // Published before the doc change goes out (at the room's next turn): a process that shows the lock holds writers to it.
      this.publish(board.id, { type: 'record-changed' });
    });
    await this.audit.record(board.id, locked ? 'lock' : 'unlock', by);
  }

  /**
   * New links for `roles` (from the board's `current` tokens, which the facilitator's request opened):
   * the old ones stop working at once, their sockets closed in every process. Returns the new tokens.
   */
  async rotate(board: BoardRecord, current: BoardTokens, roles: readonly RotatableRole[], by: Actor): Promise<BoardTokens> {
    const tokens = { ...current };
    for (const role of roles) tokens[role] = newToken();
    const stored = storeTokens(board.id, tokens);
    await this.store.updateBoard(board.id, { tokens: stored });
    const room = await this.rooms.peek(board.id);
    if (room) room.recordChanged({ ...room.record, tokens: stored });
    this.publish(board.id, { type: 'tokens-rotated', roles: [...roles] });
    const closed = await this.rooms.closeRoles(board.id, roles, CLOSE.badToken, REPLACED);
    await this.audit.record(board.id, 'rotate', by, { roles: roles.join(','), socketsClosed: closed });
    return tokens;
  }

  /** Ends the session for participants now: they may read the board, no longer write. */
  async endSession(board: BoardRecord, by: Actor): Promise<number> {
    const access = { ...(await this.store.getAccess(board.id)), expiresAt: Date.now() };
    await this.store.setAccess(board.id, access);
    const room = await this.rooms.peek(board.id);
    room?.accessChanged(access);
    this.publish(board.id, { type: 'record-changed' });
    await this.audit.record(board.id, 'end', by);
    return access.expiresAt;
  }

  /** False when the board is gone. */
  async settings(board: BoardRecord, settings: Settings, by: Actor): Promise<boolean> {
    const { moderation, privateWriting, ...meta } = settings;
    const done = await this.rooms.with(board.id, (room) =>
      room.transact((doc) => {
        if (meta.viewerCursors !== undefined) setMeta(doc, { viewerCursors: meta.viewerCursors });
        if (meta.ownNotesOnly !== undefined) setMeta(doc, { ownNotesOnly: meta.ownNotesOnly });
        // On: the notes already on the board stay on the screen (approved in the same transaction).
        if (moderation !== undefined) setModerationOn(doc, moderation);
        // Off reveals nothing: the notes stay private until revealed.
        if (privateWriting !== undefined) setPrivateWriting(doc, privateWriting);
      }),
    );
    if (done !== null) await this.audit.record(board.id, 'settings', by, settings);
    return done !== null;
  }

  /** The board's data gone from the store and every socket of it closed, in every process. */
  async delete(board: BoardRecord, by: Actor): Promise<void> {
    // Deleted with the board, so the server's log is where this line stays.
    await this.audit.record(board.id, 'delete', by);
    // Nothing more is written for it from here on, and what was in flight is stored before the delete.
    const room = await this.rooms.peek(board.id);
    if (room) {
      room.markDeleted();
      await room.flush();
    }
    await this.store.deleteBoard(board.id);
    this.publish(board.id, { type: 'deleted' });
    await this.rooms.forget(board.id, CLOSE.boardDeleted, DELETED);
  }

  /** Tells every process serving the board, whether or not this one has it loaded. */
  private publish(boardId: string, control: ControlMessage): void {
    this.bus.publish(boardChannel(boardId), busMessage(BUS_CONTROL, this.rooms.instanceId, control));
  }

  /** The same, done in a process that has the board loaded when another process did it. */
  private async onControl(room: Room, control: ControlMessage): Promise<void> {
    if (control.type === 'deleted') return this.rooms.forget(room.boardId, CLOSE.boardDeleted, DELETED);
    const fresh = await this.store.getBoard(room.boardId);
    if (fresh) room.recordChanged(fresh);
    room.accessChanged(await this.store.getAccess(room.boardId));
    if (control.type === 'tokens-rotated') await this.rooms.closeRoles(room.boardId, control.roles, CLOSE.badToken, REPLACED);
  }
}
