import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readBoard } from './doc';
import { initBoard } from './templates';
import { ImportProblem, planImport, type ImportRow } from './import';
import { NOTE_SIZE } from './schema';

function board(anonymous = false) {
  const doc = new Y.Doc();
  initBoard(doc, { title: '苫小牧市 第3回研修', template: 'impressions-unclear', groups: 2, anonymous });
  const view = readBoard(doc);
  return { target: { sections: view.sections, notes: view.notes, anonymous, notesLimit: 5000 }, sections: view.sections };
}
const rows = (...r: Omit<ImportRow, 'row'>[]): ImportRow[] => r.map((x, i) => ({ row: i + 2, ...x }));
const refusal = (f: () => unknown) => {
  try {
    f();
  } catch (err) {
    if (err instanceof ImportProblem) return err;
    throw err;
  }
  throw new Error('not refused');
};

describe('planImport', () => {
  it("puts each note in its group's named column, side by side without overlaps", () => {
    const { target, sections } = board();
    const unclearB = sections.find((s) => s.group === 'B' && s.kind === 'unclear')!;
    const plan = planImport(target, rows(
      { text: '参加支援の範囲がわからなかった', group: 'B', column: 'unclear' },
      { text: '相談窓口はどこか', group: 'グループB', column: 'わからなかったこと' },
      { text: 'サロンの担い手', group: 'b', column: 'Unclear points' },
    ));
    expect(plan.map((n) => n.sectionId)).toEqual([unclearB.id, unclearB.id, unclearB.id]);
    for (const n of plan) {
      expect(n.x).toBeGreaterThanOrEqual(unclearB.x);
      expect(n.x + NOTE_SIZE.w).toBeLessThanOrEqual(unclearB.x + unclearB.w);
    }
    const boxes = plan.map((n) => ({ ...n, ...NOTE_SIZE }));
    for (const [i, a] of boxes.entries()) for (const b of boxes.slice(i + 1)) expect(a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h).toBe(false);
  });

  it("files a note with only a group in that group's first column, and one with neither beside the board", () => {
    const { target, sections } = board();
    const [onlyGroup, neither] = planImport(target, rows({ text: '見守り', group: 'A' }, { text: '居場所' }));
    expect(sections.find((s) => s.id === onlyGroup!.sectionId)).toMatchObject({ group: 'A', kind: 'impression' });
    expect(neither!.sectionId).toBeNull();
    expect(neither!.x).toBeGreaterThan(Math.max(...sections.map((s) => s.x + s.w)));
  });

  it('refuses the whole file over one bad row, naming the row and the problem', () => {
    const { target } = board();
    const good = { text: '見守り', group: 'A' };
    expect(refusal(() => planImport(target, rows(good, { text: 'あ'.repeat(501), group: 'A' }))).message).toBe('row 3: the text has 501 characters; a note holds at most 500');
    expect(refusal(() => planImport(target, rows(good, good, { text: '就労', group: 'D' }))).message).toMatch(/^row 4: unknown group "D" \(the board has A, B\)/);
    expect(refusal(() => planImport(target, rows({ text: '就労', group: 'A', column: 'troubles' }))).message).toBe('row 2: unknown column "troubles" in group A');
    expect(refusal(() => planImport(target, rows({ text: '就労', column: 'impression' }))).message).toMatch(/several groups/);
    expect(refusal(() => planImport(target, rows({ text: '  ' }))).row).toBe(2);
    expect(refusal(() => planImport(target, rows({ text: '就労', color: 'chartreuse' }))).message).toMatch(/unknown colour/);
    expect(refusal(() => planImport({ ...target, notesLimit: 1 }, rows(good, good))).message).toMatch(/at most 1 notes/);
  });

  it('keeps a leading = as text, and leaves authors out on an anonymous board', () => {
    const named = planImport(board().target, rows({ text: '=HYPERLINK("x")', author: '田中' }));
    expect(named[0]).toMatchObject({ text: '=HYPERLINK("x")', author: '田中' });
    expect(planImport(board(true).target, rows({ text: '見守り', author: '田中' }))[0]!.author).toBe('');
  });
});
