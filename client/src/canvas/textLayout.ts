/**
 * Line wrapping for note text, computed once per (text, box, font size) and kept: a note that scrolls
 * out of view and back, or is redrawn at every frame of a pan, never measures its text again.
 * Konva's Text re-measures whenever a node is created, which is what panning a big board does all the time.
 */

export type Measure = (text: string, fontSize: number) => number;

export interface TextBox {
  width: number;
  height: number;
  fontSize: number;
  lineHeight: number;
}

export interface TextLayout {
  lines: string[];
  /** Each line's drawn width, for the low-detail view that draws lines as bars. */
  widths: number[];
  /** Some text did not fit and the last line ends in an ellipsis. */
  clipped: boolean;
}

const ELLIPSIS = '…';

/** Latin words stay whole; every CJK character (and any other non-space character) is a place to break. */
function tokens(paragraph: string): string[] {
  return paragraph.match(/[A-Za-z0-9\u00C0-\u024F'’.,:;!?()-]+\s*|\s+|[^\s]/gu) ?? [];
}

function breakLong(token: string, width: number, measure: (s: string) => number): string[] {
  const parts: string[] = [];
  let cur = '';
  for (const ch of token) {
    if (cur && measure(cur + ch) > width) {
      parts.push(cur);
      cur = ch;
    } else cur += ch;
  }
  if (cur) parts.push(cur);
  return parts;
}

function wrapParagraph(paragraph: string, width: number, measure: (s: string) => number): string[] {
  const lines: string[] = [];
  let cur = '';
  for (const token of tokens(paragraph)) {
    if (measure((cur + token).trimEnd()) <= width) {
      cur += token;
      continue;
    }
    if (cur.trim()) lines.push(cur.trimEnd());
    cur = '';
    if (/^\s+$/.test(token)) continue;
    if (measure(token.trimEnd()) <= width) cur = token;
    else {
      const parts = breakLong(token.trimEnd(), width, measure);
      lines.push(...parts.slice(0, -1));
      cur = parts[parts.length - 1] ?? '';
    }
  }
  lines.push(cur.trimEnd());
  return lines;
}

/** Wraps text into the box; lines past its height are cut and the last shown line gets an ellipsis. */
export function layoutText(text: string, box: TextBox, measureText: Measure): TextLayout {
  const measure = (s: string) => measureText(s, box.fontSize);
  const maxLines = Math.max(1, Math.floor(box.height / (box.fontSize * box.lineHeight)));
  const all = text.split('\n').flatMap((p) => wrapParagraph(p, box.width, measure));
  if (all.length <= maxLines) return { lines: all, widths: all.map(measure), clipped: false };
  const lines = all.slice(0, maxLines);
  let last = lines[maxLines - 1]!;
  while (last && measure(last + ELLIPSIS) > box.width) last = [...last].slice(0, -1).join('');
  lines[maxLines - 1] = last + ELLIPSIS;
  return { lines, widths: lines.map(measure), clipped: true };
}

/** A memo of layouts that forgets the oldest entries past `limit`, so a long session does not grow without bound. */
export function memoLayout(measureText: Measure, limit = 20_000) {
  const cache = new Map<string, TextLayout>();
  return (text: string, box: TextBox): TextLayout => {
    const key = `${box.width}|${box.height}|${box.fontSize}|${box.lineHeight}|${text}`;
    const hit = cache.get(key);
    if (hit) return hit;
    const layout = layoutText(text, box, measureText);
    if (cache.size >= limit) cache.delete(cache.keys().next().value!);
    cache.set(key, layout);
    return layout;
  };
}
