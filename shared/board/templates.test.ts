import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { columnKindLabel, layoutTemplate, initBoard, sectionTitleIn, TEMPLATES } from './templates';
import { readBoard } from './doc';
import { TEMPLATE_IDS } from './schema';

const overlaps = (a: { x: number; y: number; w: number; h: number }, b: typeof a) =>
  a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

describe('workshop templates', () => {
  it('lays out every group with a まとめ spot and the worksheet columns, in Japanese with English subtitles', () => {
    const s = layoutTemplate('impressions-unclear', 3);
    expect(s.map((x) => `${x.group}:${x.kind}`)).toEqual([
      'A:summary', 'A:impression', 'A:unclear',
      'B:summary', 'B:impression', 'B:unclear',
      'C:summary', 'C:impression', 'C:unclear',
    ]);
    expect(s[1]!.title).toBe('印象に残ったこと (Impressions)');
    expect(s[0]!.title).toContain('まとめ');
  });

  it('gives the case review its two rows: (A)→(a) and (B)→(b)·(c)', () => {
    const kinds = layoutTemplate('case-review', 1).map((x) => x.kind);
    expect(kinds).toEqual(['summary', 'case-success', 'success-factors', 'case-hard', 'wanted-agencies', 'wished-resources']);
  });

  it('never overlaps sections, for any template and group count', () => {
    for (const t of TEMPLATE_IDS) {
      for (const groups of [1, 3, 8]) {
        const s = layoutTemplate(t, groups);
        expect(s.length).toBe(TEMPLATES[t].rows.flat().length === 0 ? 0 : groups * (1 + TEMPLATES[t].rows.flat().length));
        for (let i = 0; i < s.length; i++) for (let j = i + 1; j < s.length; j++) expect(overlaps(s[i]!, s[j]!)).toBe(false);
      }
    }
  });

  it('writes title, template and sections into a new doc', () => {
    const doc = new Y.Doc();
    initBoard(doc, { title: '苫小牧 研修②', template: 'efficiency', groups: 2, anonymous: true });
    const view = readBoard(doc);
    expect(view.meta).toMatchObject({ title: '苫小牧 研修②', template: 'efficiency', anonymous: true, locked: false });
    expect(view.sections.filter((x) => x.group === 'B').map((x) => x.kind)).toEqual(['summary', 'mergeable', 'how', 'effect']);
  });
});

describe('section titles in one language', () => {
  const [summary, impression] = layoutTemplate('impressions-unclear', 1);
  it('shows a template title in Japanese or in English, not both', () => {
    expect(sectionTitleIn(impression!, 'ja')).toBe('印象に残ったこと');
    expect(sectionTitleIn(impression!, 'en')).toBe('Impressions');
    expect(sectionTitleIn(summary!, 'ja')).toBe('グループA まとめ');
    expect(sectionTitleIn(summary!, 'en')).toBe('Group A summary');
  });
  it('keeps a title the facilitator wrote', () => {
    expect(sectionTitleIn({ ...impression!, title: '気づき' }, 'en')).toBe('気づき');
  });
  it('names the kind of column in words', () => {
    expect(columnKindLabel('impression', 'ja')).toBe('印象に残ったこと');
    expect(columnKindLabel('unclear', 'en')).toBe('Unclear points');
    expect(columnKindLabel('summary', 'ja')).toBe('まとめ');
  });
});
