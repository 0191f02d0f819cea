import type { BoardView } from '../board/doc';
import { maskPii } from '../privacy/pii';
import type { ExportExtras } from './extras';

/**
 * The board as a masked export shows it (`?mask=pii`): every note's text, and the cluster labels made
 * from them, with phone numbers, e-mail addresses, postal codes, street numbers and names masked; and
 * no author names at all, as on an anonymous board.
 */
export function maskedExport(view: BoardView, extras: ExportExtras): { view: BoardView; extras: ExportExtras } {
  return {
    view: {
      ...view,
      meta: { ...view.meta, anonymous: true },
      notes: view.notes.map((n) => ({ ...n, text: maskPii(n.text), author: '' })),
      broken: view.broken.map((b) => ({ ...b, text: maskPii(b.text) })),
    },
    extras: { ...extras, clusterLabels: Object.fromEntries(Object.entries(extras.clusterLabels).map(([id, label]) => [id, maskPii(label)])) },
  };
}
