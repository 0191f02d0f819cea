import type * as Y from 'yjs';
import { addNote, readBoard, sectionsOf, readSection, setNoteCategory } from '../../shared/board/doc';
import { newClientKey } from '../../shared/board/ids';
import { userIdFromKey } from '../../shared/board/identity';
import type { Section } from '../../shared/board/schema';
import { connectClient } from '../testing/clients';

type Board = { boardId: string; participantToken: string; facilitatorToken: string };

/**
 * Writes notes the way a participant's browser does — a stock y-websocket client with its own secret key,
 * notes in its own name, spread over the worksheet's columns — then waits until the server has them.
 * `edit` runs on the same client afterwards (use `token: facilitatorToken` to edit others' notes).
 */
export async function writeNotes(
  srv: { url: string; wsUrl: string },
  board: Board,
  texts: readonly string[],
  opts: { token?: string; edit?: (doc: Y.Doc) => void } = {},
): Promise<string[]> {
  const key = newClientKey();
  const userId = await userIdFromKey(key);
  const c = connectClient(srv.wsUrl, board.boardId, opts.token ?? board.participantToken, { key });
  try {
    await c.synced;
    const sections: Section[] = [];
    sectionsOf(c.doc).forEach((v, id) => {
      const s = readSection(id, v);
      if (s && s.kind !== 'summary') sections.push(s);
    });
    sections.sort((a, b) => a.group.localeCompare(b.group) || a.x - b.x);
    const ids = texts.map((text, i) => {
      const s = sections[i % sections.length];
      const id = addNote(c.doc, { text, x: (s?.x ?? 0) + 20, y: (s?.y ?? 0) + 80, sectionId: s?.id ?? null, authorId: userId, author: `記入者${i}` });
      if (i % 3 === 0) setNoteCategory(c.doc, id, 'consultation', 'manual');
      return id;
    });
    opts.edit?.(c.doc);
    const want = JSON.stringify(readBoard(c.doc).notes.map((n) => [n.id, n.text, n.category]));
    // A wait, not a speed check: generous because the machine may be busy with other test suites.
    for (const end = Date.now() + 30_000; Date.now() < end; await new Promise((r) => setTimeout(r, 30))) {
      const r = await fetch(`${srv.url}/api/boards/${board.boardId}/export.json?token=${board.facilitatorToken}`);
      const got = (await r.json()) as { notes: { id: string; text: string; category: string }[] };
      if (JSON.stringify(got.notes.map((n) => [n.id, n.text, n.category])) === want) return ids;
    }
    throw new Error('the server did not get the notes');
  } finally {
    c.destroy();
  }
}
