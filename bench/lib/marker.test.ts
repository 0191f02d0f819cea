import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { markerKey, scanMarks, type Mark } from './marker';

const marks = (buf: Buffer): Mark[] => {
  const out: Mark[] = [];
  scanMarks(buf, (sender, seq, sentAt) => out.push({ sender, seq, sentAt }));
  return out;
};

describe('op markers in raw bytes', () => {
  it('finds every op in a merged Yjs update, with its sender, sequence and send time', () => {
    const doc = new Y.Doc();
    const text = doc.getText('t');
    doc.transact(() => {
      text.insert(0, `相談できる場所がほしい ${markerKey(3, 41, 1732740000123.456)}`);
      text.insert(0, `見守り ${markerKey(12, 7, 1732740000200.5)}`);
    });
    const found = marks(Buffer.from(Y.encodeStateAsUpdate(doc))).sort((a, b) => a.sender - b.sender);
    expect(found.map((m) => [m.sender, m.seq])).toEqual([
      [3, 41],
      [12, 7],
    ]);
    expect(found[0]!.sentAt).toBeCloseTo(1732740000123.456, 6);
    expect(found[1]!.sentAt).toBeCloseTo(1732740000200.5, 6);
  });

  it('skips what only looks like the start of a marker, and a marker cut off at the end of a frame', () => {
    const buf = Buffer.from(`~bm|x|1|2.000~ ~bm|1|2~ ${markerKey(5, 9, 10.25)} ~bm|6|1|99.`);
    expect(marks(buf)).toEqual([{ sender: 5, seq: 9, sentAt: 10.25 }]);
  });
});
