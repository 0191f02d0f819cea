import { connectClient } from '../testing/clients';
import { addNote, notesOf, readBoard, setNoteText } from '../../shared/board/doc';
import { newClientKey } from '../../shared/board/ids';
import { userIdFromKey } from '../../shared/board/identity';

export type HonestClient = Awaited<ReturnType<typeof honestClient>>;

/**
 * A participant as the real client connects: a stock WebsocketProvider with its own secret key,
 * writing notes in its own name, and remembering what it wrote so a run can check nothing was lost.
 */
export async function honestClient(wsUrl: string, boardId: string, token: string, name = 'honest') {
  const key = newClientKey();
  const userId = await userIdFromKey(key);
  const c = connectClient(wsUrl, boardId, token, { key });
  /** note id → the text this client last gave it */
  const written = new Map<string, string>();
  c.provider.awareness.setLocalState({ user: { id: userId, name, color: '#1a73e8', role: 'participant' }, cursor: { x: 0, y: 0 } });
  return {
    ...c,
    userId,
    written,
    write(text: string, x = Math.random() * 2000, y = Math.random() * 1500): string {
      const id = addNote(c.doc, { text, x, y, authorId: userId });
      written.set(id, text);
      return id;
    },
    edit(id: string, text: string): void {
      setNoteText(c.doc, id, text);
      written.set(id, text);
    },
    remove(id: string): void {
      notesOf(c.doc).delete(id);
      written.delete(id);
    },
    texts(): Map<string, string> {
      return new Map(readBoard(c.doc).notes.map((n) => [n.id, n.text]));
    },
  };
}

/** Which of `expected` (id → text) a doc is missing or holds with other text. */
export function missingNotes(expected: ReadonlyMap<string, string>, actual: ReadonlyMap<string, string>): string[] {
  const out: string[] = [];
  for (const [id, text] of expected) if (actual.get(id) !== text) out.push(id);
  return out;
}
