import * as Y from 'yjs';
import { metaOf } from '../board/doc';
import { voteCounts } from '../board/votes';
import { reactionCounts, type StampCounts } from '../board/reactions';

/** What an export shows beyond the validated BoardView: votes and the auto-grouping's cluster labels. */
export interface ExportExtras {
  /** noteId → number of dots. */
  votes: Record<string, number>;
  /** noteId → the label of the topic cluster the note was grouped into. */
  clusterLabels: Record<string, string>;
  /**
   * noteId → the section the note sat in before auto-grouping moved it out of the worksheet
   * (`meta.originalLayout`), so the table still shows the group and column it was written in.
   */
  originalSectionIds: Record<string, string>;
  /** noteId → stamps given (👍 同感, 💡 なるほど, ❓ 質問); absent: none. */
  reactions?: Record<string, StampCounts>;
}

export const NO_EXTRAS: ExportExtras = { votes: {}, clusterLabels: {}, originalSectionIds: {}, reactions: {} };

const plainOf = (v: unknown): unknown => (v instanceof Y.AbstractType ? v.toJSON() : v);

/** Dots per note, as the voting model counts them (only valid votes on notes that still exist). */
export const readVotes = (doc: Y.Doc): Record<string, number> => Object.fromEntries(voteCounts(doc));

/** Cluster labels from the auto-grouping's reasons in meta (`groupingReasons[noteId].clusterLabel`), if present. */
export function readClusterLabels(doc: Y.Doc): Record<string, string> {
  const reasons = plainOf(metaOf(doc).get('groupingReasons'));
  const out: Record<string, string> = {};
  if (!reasons || typeof reasons !== 'object') return out;
  for (const [noteId, r] of Object.entries(reasons as Record<string, unknown>)) {
    const label = (plainOf(r) as { clusterLabel?: unknown } | null)?.clusterLabel;
    if (typeof label === 'string' && label.trim()) out[noteId] = label.trim();
  }
  return out;
}

export function readOriginalSections(doc: Y.Doc): Record<string, string> {
  const layout = plainOf(metaOf(doc).get('originalLayout'));
  const out: Record<string, string> = {};
  if (!layout || typeof layout !== 'object') return out;
  for (const [noteId, p] of Object.entries(layout as Record<string, unknown>)) {
    const sectionId = (plainOf(p) as { sectionId?: unknown } | null)?.sectionId;
    if (typeof sectionId === 'string' && sectionId) out[noteId] = sectionId;
  }
  return out;
}

export const readExportExtras = (doc: Y.Doc): ExportExtras => ({
  votes: readVotes(doc),
  clusterLabels: readClusterLabels(doc),
  originalSectionIds: readOriginalSections(doc),
  reactions: Object.fromEntries(reactionCounts(doc).counts),
});
