import * as Y from 'yjs';
import { metaOf, notesOf, readBoard } from '../../shared/board/doc';
import { noteGroup } from '../../shared/board/people';
import { privateNotesIn, privateWritingOn, putNotes, removeNotes } from '../../shared/board/privateNotes';
import type { Note } from '../../shared/board/schema';
import type { Room } from './room';
import { FROM_REVEAL, FROM_SERVER } from './origins';
import { PrivateDesk, type DeskDeps } from './privateDesk';

const keyOf = (boardId: string, authorId: string): string => `${boardId}\n${authorId}`;

export interface PrivateCounts {
  privateWriting: boolean;
  total: number;
  people: { authorId: string; author: string; count: number }[];
  groups: { group: string | null; count: number }[];
}

/**
 * Every participant's private notes loaded in this process (one PrivateDesk each), shared between their
 * sockets and the routes, and unloaded once nobody uses them; plus what the facilitator does with them
 * all: count them (never read them out) and reveal them onto the board.
 */
export class PrivateDesks {
  private readonly desks = new Map<string, Promise<PrivateDesk>>();
  private readonly users = new Map<string, number>();

  constructor(private readonly deps: DeskDeps) {}

  async acquire(boardId: string, authorId: string): Promise<PrivateDesk> {
    const key = keyOf(boardId, authorId);
    this.users.set(key, (this.users.get(key) ?? 0) + 1);
    let p = this.desks.get(key);
    if (!p) {
      const desk = new PrivateDesk(boardId, authorId, this.deps);
      p = desk.load().then(() => desk);
      this.desks.set(key, p);
    }
    try {
      return await p;
    } catch (err) {
      if (this.desks.get(key) === p) this.desks.delete(key);
      this.release(boardId, authorId);
      throw err;
    }
  }

  release(boardId: string, authorId: string): void {
    const key = keyOf(boardId, authorId);
    const n = (this.users.get(key) ?? 1) - 1;
    if (n > 0) return void this.users.set(key, n);
    this.users.delete(key);
    const p = this.desks.get(key);
    if (!p) return;
    void p
      .then(async (desk) => {
        await desk.flush();
        // Someone came back while it was being stored: it stays.
        if (this.users.has(key) || this.desks.get(key) !== p) return;
        this.desks.delete(key);
        await desk.destroy();
      })
      .catch(() => this.desks.get(key) === p && this.desks.delete(key));
  }

  async with<T>(boardId: string, authorId: string, fn: (desk: PrivateDesk) => Promise<T> | T): Promise<T> {
    const desk = await this.acquire(boardId, authorId);
    try {
      return await fn(desk);
    } finally {
      this.release(boardId, authorId);
    }
  }

  /** The freshest copy of someone's private notes this process has: its loaded desk's, else the store's. */
  private async notesOf(boardId: string, authorId: string, stored: Uint8Array): Promise<Note[]> {
    const loaded = this.desks.get(keyOf(boardId, authorId));
    if (loaded) return privateNotesIn((await loaded).doc);
    const d = new Y.Doc();
    Y.applyUpdate(d, stored);
    const notes = privateNotesIn(d);
    d.destroy();
    return notes;
  }

  /** How many private notes each person and each group holds: never what they say. */
  async counts(room: Room): Promise<PrivateCounts> {
    const { sections } = readBoard(room.doc);
    const anonymous = metaOf(room.doc).get('anonymous') === true;
    const people: PrivateCounts['people'] = [];
    const groups = new Map<string | null, number>();
    for (const { authorId, state } of await this.deps.store.listPrivate(room.boardId)) {
      const notes = await this.notesOf(room.boardId, authorId, state);
      if (notes.length === 0) continue;
      people.push({ authorId, author: anonymous ? '' : (notes.at(-1)?.author ?? ''), count: notes.length });
      for (const n of notes) {
        const g = noteGroup(n, sections);
        groups.set(g, (groups.get(g) ?? 0) + 1);
      }
    }
    const total = people.reduce((sum, p) => sum + p.count, 0);
    return {
      privateWriting: privateWritingOn(room.doc),
      total,
      people,
      groups: [...groups].map(([group, count]) => ({ group, count })).sort((a, b) => (a.group ?? '\uffff').localeCompare(b.group ?? '\uffff')),
    };
  }

  /**
   * Puts private notes onto the board — everyone's, one group's, or one author's — one transaction per
   * author, each note under its own id in the column it was written for. The board has them stored
   * before they leave the private notes, so a crash in between leaves a note in both places (a later
   * reveal skips what the board holds), never in neither.
   */
  async reveal(room: Room, which: { group?: string; authorId?: string }): Promise<{ revealed: number; authors: number }> {
    const authorIds = which.authorId !== undefined ? [which.authorId] : (await this.deps.store.listPrivate(room.boardId)).map((r) => r.authorId);
    let revealed = 0;
    let authors = 0;
    for (const authorId of authorIds) {
      const n = await this.with(room.boardId, authorId, async (desk) => {
        const { sections } = readBoard(room.doc);
        const notes = privateNotesIn(desk.doc).filter((note) => note.authorId === authorId && (which.group === undefined || noteGroup(note, sections) === which.group));
        if (notes.length === 0) return 0;
        const onBoard = notesOf(room.doc);
        const fresh = notes.filter((note) => !onBoard.has(note.id));
        const anonymous = metaOf(room.doc).get('anonymous') === true;
        if (fresh.length > 0) room.transact((doc) => putNotes(doc, fresh, { anonymous }), FROM_REVEAL);
        await room.flush();
        removeNotes(
          desk.doc,
          notes.map((note) => note.id),
          FROM_SERVER,
        );
        await desk.flush();
        return fresh.length;
      });
      revealed += n;
      if (n > 0) authors++;
    }
    return { revealed, authors };
  }

  /** Closes the sockets of a deleted board's private notes (its rows went with the board). */
  closeBoard(boardId: string, code: number, reason: string): void {
    for (const [key, p] of this.desks) {
      if (!key.startsWith(`${boardId}\n`)) continue;
      void p.then((desk) => {
        for (const c of [...desk.conns]) c.close(code, reason);
      });
    }
  }

  async closeAll(): Promise<void> {
    const desks = await Promise.all([...this.desks.values()].map((p) => p.catch(() => null)));
    this.desks.clear();
    for (const d of desks) await d?.destroy();
  }
}
