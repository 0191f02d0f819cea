import { describe, expect, it } from 'vitest';
import { layoutText, memoLayout, type Measure } from './textLayout';

/** Full-width characters one em wide, everything else half an em, like a Japanese font. */
const measure: Measure = (s, size) => [...s].reduce((w, ch) => w + (/[\u3000-\u9fff\uff00-\uffef]/.test(ch) ? size : size / 2), 0);
const box = { width: 100, height: 60, fontSize: 10, lineHeight: 1.5 };

describe('note text layout', () => {
  it('breaks Japanese between any two characters and keeps Latin words whole', () => {
    expect(layoutText('断らない相談支援という言葉が印象に残った', box, measure).lines).toEqual(['断らない相談支援とい', 'う言葉が印象に残った']);
    expect(layoutText('support that keeps connected', box, measure).lines).toEqual(['support that keeps', 'connected']);
  });

  it('keeps the writer’s line breaks', () => {
    expect(layoutText('8050問題\n見守り', box, measure).lines).toEqual(['8050問題', '見守り']);
  });

  it('cuts what does not fit with an ellipsis', () => {
    const r = layoutText('あ'.repeat(60), box, measure);
    expect(r.clipped).toBe(true);
    expect(r.lines).toHaveLength(4);
    expect(r.lines[3]!.endsWith('…')).toBe(true);
    expect(measure(r.lines[3]!, 10)).toBeLessThanOrEqual(100);
  });

  it('measures a text once however often it is drawn', () => {
    let calls = 0;
    const layout = memoLayout((s, size) => {
      calls++;
      return measure(s, size);
    });
    const first = layout('居場所づくりと就労体験をつなげたい', box);
    const before = calls;
    expect(layout('居場所づくりと就労体験をつなげたい', box)).toBe(first);
    expect(calls).toBe(before);
  });
});
