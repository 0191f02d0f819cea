import { describe, expect, it } from 'vitest';
import { BitmapCache } from './textBitmaps';

describe('text bitmap cache', () => {
  it('draws each bitmap once and forgets the least recently used past its budget', () => {
    let drawn = 0;
    const cache = new BitmapCache<{ width: number; height: number }>(3 * 10 * 10 * 4);
    const get = (k: string) =>
      cache.get(k, () => {
        drawn++;
        return { width: 10, height: 10 };
      });
    get('a');
    get('b');
    get('c');
    get('a'); // a is now the most recent
    expect(drawn).toBe(3);
    get('d'); // over budget: b goes
    expect(cache.size).toBe(3);
    get('a');
    get('c');
    expect(drawn).toBe(4);
    get('b');
    expect(drawn).toBe(5);
  });
});
