import { describe, expect, it } from 'vitest';
import { attachment } from './disposition';

describe('content-disposition', () => {
  it('sends the name as RFC 5987 filename* with an ASCII fallback', () => {
    const h = attachment("研修 (1)'s.csv", 'board-x.csv');
    expect(h).toBe(`attachment; filename="board-x.csv"; filename*=UTF-8''${encodeURIComponent('研修 ')}%281%29%27s.csv`);
    expect(decodeURIComponent(h.split("UTF-8''")[1]!)).toBe("研修 (1)'s.csv");
    expect(attachment('x', 'a"b\\é')).toContain('filename="a_b__"');
  });
});
