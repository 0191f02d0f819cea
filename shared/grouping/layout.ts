import type { GroupingResult, LocalisedLabel } from './types';

/** A note as the layout needs it. */
export interface LayoutNote {
  id: string;
  w: number;
  h: number;
  text?: string;
  category?: string;
  categorySource?: 'auto' | 'manual';
}

export interface LayoutOptions {
  /** Top-left corner of the first region. */
  origin?: { x: number; y: number };
  /** Space between notes. */
  gap?: number;
  /** Space between regions side by side. */
  regionGap?: number;
  /** Inner margin of a region. */
  padding?: number;
  /** Height of a region's title band. */
  headerHeight?: number;
  /** Height of a cluster's label band. */
  clusterHeaderHeight?: number;
  /** Space between clusters inside a region. */
  clusterGap?: number;
  /** Most notes side by side inside a region. */
  maxColumns?: number;
  /** Which language the region label uses ('ja' puts Japanese first: "相談支援 (Consultation)"). */
  language?: 'ja' | 'en';
}

export interface ClusterRect {
  id: string;
  label: string;
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface RegionRect {
  category: string;
  /** Display label, e.g. "相談支援 (Consultation)". */
  label: string;
  labels: LocalisedLabel;
  x: number;
  y: number;
  w: number;
  h: number;
  count: number;
  clusters: ClusterRect[];
}

export interface NotePosition {
  id: string;
  x: number;
  y: number;
}

export interface GroupLayout {
  positions: NotePosition[];
  regions: RegionRect[];
}

const DEFAULTS = {
  gap: 16,
  regionGap: 80,
  padding: 24,
  headerHeight: 56,
  clusterHeaderHeight: 28,
  clusterGap: 24,
  maxColumns: 4,
} as const;

const finite = (v: number, d: number): number => (Number.isFinite(v) && v > 0 ? v : d);

/**
 * Pure layout for the board: one labelled region per category, side by side in the taxonomy's order; inside a
 * region each topic cluster is a labelled grid (largest first), then the notes that stand alone.
 * Returns target positions (top-left of each note) and the rectangles to draw. Every category gets a region,
 * even an empty one, so notes can be dragged into it.
 */
export function layoutGroups(notes: readonly LayoutNote[], result: GroupingResult, opts: LayoutOptions = {}): GroupLayout {
  const o = { ...DEFAULTS, ...opts };
  const origin = opts.origin ?? { x: 0, y: 0 };
  const lang = opts.language ?? 'ja';
  const categoryOf = new Map(result.notes.map((n) => [n.id, n.category]));
  const byId = new Map(notes.map((n) => [n.id, n]));
  const fallback = result.categoryOrder[result.categoryOrder.length - 1] ?? 'unsorted';
  const order = [...result.categoryOrder];
  const catNotes = new Map<string, LayoutNote[]>(order.map((c) => [c, []]));
  for (const n of notes) {
    const c = categoryOf.get(n.id) ?? n.category ?? fallback;
    if (!catNotes.has(c)) {
      order.splice(Math.max(0, order.length - 1), 0, c);
      catNotes.set(c, []);
    }
    catNotes.get(c)!.push(n);
  }

  const positions: NotePosition[] = [];
  const regions: RegionRect[] = [];
  let x0 = origin.x;
  for (const cat of order) {
    const members = catNotes.get(cat)!;
    const cw = Math.max(60, ...members.map((n) => finite(n.w, 160)));
    const ch = Math.max(40, ...members.map((n) => finite(n.h, 120)));
    const cols = Math.max(2, Math.min(o.maxColumns, Math.ceil(Math.sqrt(members.length))));
    const innerW = cols * cw + (cols - 1) * o.gap;
    const regionW = innerW + 2 * o.padding;
    const inRegion = new Set(members.map((n) => n.id));
    const clusters = result.clusters
      .filter((c) => c.category === cat)
      .map((c) => ({ ...c, noteIds: c.noteIds.filter((id) => inRegion.has(id)) }))
      .filter((c) => c.noteIds.length > 0)
      .sort((a, b) => b.noteIds.length - a.noteIds.length);
    const placed = new Set<string>();
    const rects: ClusterRect[] = [];
    let y = origin.y + o.headerHeight;
    const grid = (ids: string[], top: number): number => {
      ids.forEach((id, i) => {
        const n = byId.get(id)!;
        const col = i % cols;
        const row = Math.floor(i / cols);
        positions.push({ id, x: x0 + o.padding + col * (cw + o.gap) + (cw - finite(n.w, 160)) / 2, y: top + row * (ch + o.gap) });
        placed.add(id);
      });
      const rows = Math.ceil(ids.length / cols);
      return rows * ch + Math.max(0, rows - 1) * o.gap;
    };
    for (const c of clusters) {
      const top = y;
      const h = grid(c.noteIds, top + o.clusterHeaderHeight);
      rects.push({ id: c.id, label: c.label, x: x0 + o.padding / 2, y: top, w: regionW - o.padding, h: o.clusterHeaderHeight + h + o.gap / 2 });
      y = top + o.clusterHeaderHeight + h + o.clusterGap;
    }
    const rest = members.filter((n) => !placed.has(n.id)).map((n) => n.id);
    if (rest.length > 0) y += grid(rest, y) + o.clusterGap;
    const labels = result.labels[cat] ?? { ja: cat, en: cat };
    const label = lang === 'ja' ? (labels.ja === labels.en ? labels.ja : `${labels.ja} (${labels.en})`) : labels.en;
    regions.push({
      category: cat,
      label,
      labels,
      x: x0,
      y: origin.y,
      w: regionW,
      h: Math.max(y - origin.y, o.headerHeight + ch) + o.padding - (members.length > 0 ? o.clusterGap : 0),
      count: members.length,
      clusters: rects,
    });
    x0 += regionW + o.regionGap;
  }
  // Regions share one height so the row reads as a table.
  const maxH = Math.max(0, ...regions.map((r) => r.h));
  for (const r of regions) r.h = maxH;
  return { positions, regions };
}
