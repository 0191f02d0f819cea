import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { applySplice, diff, rebase, spliceToDelta, transformIndex, type TextDelta } from './textSync';

describe('textSync', () => {
  it('diffs to one minimal splice', () => {
    expect(diff('相談支援', '相談支援の窓口')).toEqual({ start: 4, remove: 0, insert: 'の窓口' });
    expect(diff('abcdef', 'abXYef')).toEqual({ start: 2, remove: 2, insert: 'XY' });
    expect(diff('same', 'same')).toEqual({ start: 4, remove: 0, insert: '' });
    for (const [a, b] of [['', 'x'], ['aaa', 'aa'], ['にほんご', '日本語'], ['abc', '']] as const) expect(applySplice(a, diff(a, b))).toBe(b);
  });

  it('takes the caret as a hint among equally small splices, never to make one bigger', () => {
    expect(diff('ああ', 'あああ', 1)).toEqual({ start: 0, remove: 0, insert: 'あ' });
    expect(diff('ああ', 'あああ')).toEqual({ start: 2, remove: 0, insert: 'あ' });
    // The caret moved away after typing at the end: the small splice stands.
    expect(diff('abc', 'abcX', 0)).toEqual({ start: 3, remove: 0, insert: 'X' });
  });

  it('transforms indices through inserts and deletes', () => {
    const d: TextDelta = [{ retain: 2 }, { insert: 'XY' }, { delete: 1 }];
    expect(transformIndex(1, d, true)).toBe(1);
    expect(transformIndex(2, d, false)).toBe(2);
    expect(transformIndex(2, d, true)).toBe(4);
    expect(transformIndex(3, d, true)).toBe(4);
    expect(transformIndex(5, d, true)).toBe(6);
    expect(transformIndex(4, spliceToDelta({ start: 0, remove: 2, insert: '' }), true)).toBe(2);
  });

  it('keeps a remote edit made while the user was composing', () => {
    // Both start from the same text; the remote side appends, the local side (an IME) inserts at the front.
    const base = '地域の居場所';
    const a = new Y.Doc();
    const t = a.getText('t');
    t.insert(0, base);
    const deltas: TextDelta[] = [];
    t.observe((e) => deltas.push(e.delta as TextDelta));
    t.insert(base.length, 'づくり'); // remote, arrives during composition
    const localValue = '日本語' + base; // what the textarea shows once composition ends
    const sp = rebase(diff(base, localValue), deltas);
    const merged = applySplice(t.toString(), sp);
    expect(merged).toBe('日本語地域の居場所づくり');
  });

  it('keeps text a remote user inserted right after a locally replaced range', () => {
    // Local: 'abcd' -> 'abZ' (replace 'cd'); remote meanwhile: 'abcd' -> 'abcdr'.
    const sp = rebase({ start: 2, remove: 2, insert: 'Z' }, [[{ retain: 4 }, { insert: 'r' }]]);
    expect(applySplice('abcdr', sp)).toBe('abZr');
  });

  it('keeps a remote delete before the local edit', () => {
    const sp = rebase({ start: 3, remove: 0, insert: 'X' }, [[{ delete: 1 }]]);
    expect(applySplice('bcd', sp)).toBe('bcXd');
  });
});
