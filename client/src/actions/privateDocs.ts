import type * as Y from 'yjs';
import { byDoc, docForNewNote, docOfNote, privateNotesNow } from '../private/context';
import type { ActionContext } from './action';

/**
 * While private writing is on, this person's own new notes live in a doc of their own (issue 24), never
 * the board's: the actions write each note where it lives, so a private note never reaches the board by
 * being edited, recoloured, moved or deleted.
 */
export const noteDoc = (ctx: ActionContext, noteId: string): Y.Doc => docOfNote(ctx.doc, privateNotesNow(), noteId);
export const newNoteDoc = (ctx: ActionContext): Y.Doc => docForNewNote(ctx.doc, privateNotesNow());
export const byNoteDoc = <T extends { id: string } | string>(ctx: ActionContext, items: readonly T[]): [Y.Doc, T[]][] => byDoc(ctx.doc, privateNotesNow(), items);
