import { describe, expect, it } from 'vitest';
import { RecentMessages } from './recentMessages';

const bytes = (...b: number[]) => new Uint8Array(b);

describe('the messages a room sent last', () => {
  it('recognises one that comes back byte for byte, in a buffer of its own', () => {
    const recent = new RecentMessages(2);
    recent.add(bytes(1, 5, 9, 9));
    expect(recent.has(Buffer.from([1, 5, 9, 9]))).toBe(true);
    expect(recent.has(bytes(1, 5, 9, 8))).toBe(false);
    expect(recent.has(bytes(1, 5, 9))).toBe(false);
  });

  it('forgets the oldest once it holds as many as it keeps', () => {
    const recent = new RecentMessages(2);
    recent.add(bytes(1));
    recent.add(bytes(2));
    recent.add(bytes(3));
    expect([1, 2, 3].map((b) => recent.has(bytes(b)))).toEqual([false, true, true]);
  });
});
