import type { BoardView } from '../board/doc';
import { NO_EXTRAS, type ExportExtras } from './extras';
import { noStamps } from '../board/reactions';
import { categoryLabel } from './table';

export interface SnapshotRef {
  id: string;
  name: string;
  createdAt: number;
}

/**
 * The whole model as JSON. The fields of the first release (boardId, title, notes[id, text, x, y, color,
 * sectionId, author, createdAt, category, categorySource], sections[…]) keep their names and meaning;
 * later fields are only ever added. Author ids are never exported: on an anonymous board they would
 * tie notes to one person.
 */
export function toJsonExport(boardId: string, fallbackTitle: string, view: BoardView, extras: ExportExtras = NO_EXTRAS, snapshot: SnapshotRef | null = null) {
  const anonymous = view.meta.anonymous;
  return {
    boardId,
    title: view.meta.title || fallbackTitle,
    template: view.meta.template,
    anonymous,
    snapshot,
    notes: view.notes.map((n) => ({
      id: n.id,
      text: n.text,
      x: n.x,
      y: n.y,
      w: n.w,
      h: n.h,
      color: n.color,
      sectionId: n.sectionId,
      author: anonymous ? '' : n.author,
      createdAt: n.createdAt,
      category: n.category,
      categoryLabel: categoryLabel(n.category),
      categorySource: n.categorySource ?? null,
      votes: extras.votes[n.id] ?? 0,
      reactions: extras.reactions?.[n.id] ?? noStamps(),
      clusterLabel: extras.clusterLabels[n.id] ?? null,
    })),
    sections: view.sections.map((s) => ({ id: s.id, title: s.title, group: s.group, kind: s.kind, x: s.x, y: s.y, w: s.w, h: s.h })),
    /** Notes whose stored form breaks the contract: kept visible so nothing a user wrote disappears. */
    brokenNotes: view.broken.map((b) => ({ id: b.id, text: b.text, error: b.error })),
  };
}

export type JsonExport = ReturnType<typeof toJsonExport>;

/**
 * A read-only BoardView from a JSON export (e.g. a snapshot fetched from the server), for drawing it.
 * Author ids are not exported, so every note carries a placeholder one.
 */
export function viewFromJsonExport(json: JsonExport): BoardView {
  return {
    meta: { title: json.title, template: json.template, locked: true, anonymous: json.anonymous, schemaVersion: 1 },
    notes: json.notes.map((n) => ({
      id: n.id,
      text: n.text,
      x: n.x,
      y: n.y,
      w: n.w,
      h: n.h,
      color: n.color,
      sectionId: n.sectionId,
      author: n.author,
      authorId: 'exported',
      createdAt: n.createdAt,
      category: n.category,
      ...(n.categorySource ? { categorySource: n.categorySource } : {}),
    })),
    broken: [],
    sections: json.sections,
  };
}
