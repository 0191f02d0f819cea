import { describe, expect, it } from 'vitest';
import { normaliseTime } from './time24';

describe('agenda times', () => {
  it('reads what people type as a 24-hour time', () => {
    expect(normaliseTime('15:00')).toBe('15:00');
    expect(normaliseTime('1500')).toBe('15:00');
    expect(normaliseTime('9:05')).toBe('09:05');
    expect(normaliseTime('１５：３０')).toBe('15:30');
    expect(normaliseTime(' 16:55 ')).toBe('16:55');
  });
  it('refuses what is not a time of day', () => {
    expect(normaliseTime('25:00')).toBeNull();
    expect(normaliseTime('15:60')).toBeNull();
    expect(normaliseTime('午後3時')).toBeNull();
    expect(normaliseTime('')).toBeNull();
  });
});
