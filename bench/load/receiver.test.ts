import { describe, expect, it } from 'vitest';
import { Receivers } from './receiver';
import { markerKey } from '../lib/marker';

const frame = (...marks: [sender: number, seq: number][]) => Buffer.from(marks.map(([sender, seq]) => `付箋 ${markerKey(sender, seq, 1000 + seq)}`).join(' '));

describe('Receivers', () => {
  it('counts what each client missed from each sender, and updates that arrived out of order', () => {
    const receivers = new Receivers();
    receivers.measureFrom = 0;
    const first = receivers.tap(0);
    const second = receivers.tap(1);
    first(frame([1, 1], [700, 1], [700, 3]));
    first(frame([700, 2], [0, 1])); // its own op, sent back by the server: not counted
    second(frame([0, 1], [700, 1]));
    // Client 0 got everything the others sent; client 1 (sender 1) missed two of sender 700's three.
    expect(receivers.missing({ 0: 1, 1: 1, 700: 3 })).toBe(2);
    expect(receivers.reordered).toBe(1);
    expect(receivers.latency.count).toBe(6);
  });
});
