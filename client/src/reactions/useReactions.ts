import type * as Y from 'yjs';
import { reactionCounts, type StampCounts } from '../../../shared/board';
import { useDocValue } from '../agenda/useDocValue';

const readCounts = (doc: Y.Doc) => reactionCounts(doc).counts;
const NONE = new Map<string, StampCounts>();

/** Stamps per note, read once for a whole list or canvas (not once per note). */
export const useReactionCounts = (doc: Y.Doc | null): ReadonlyMap<string, StampCounts> => useDocValue(doc, readCounts, NONE);
