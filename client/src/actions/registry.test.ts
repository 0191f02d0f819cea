import { describe, expect, it } from 'vitest';
import i18n from '../i18n';
import { ACTIONS } from './registry';

describe('the action registry', () => {
  it('has one action per name, each called something in Japanese and in English', () => {
    const names = ACTIONS.map((a) => a.name);
    expect(new Set(names).size).toBe(names.length);
    for (const lng of ['ja', 'en']) {
      const missing = ACTIONS.filter((a) => !i18n.exists(a.label, { lng }));
      expect(missing.map((a) => `${a.name}: ${a.label}`), lng).toEqual([]);
    }
  });
});
