import { describe, expect, it } from 'vitest';
import { pickLanguage } from './language';

const none = { search: '', forced: null, saved: null, browser: [] as string[] };

describe('pickLanguage', () => {
  it('follows the browser when nothing else says', () => {
    expect(pickLanguage({ ...none, browser: ['en-GB', 'ja'] })).toBe('en');
    expect(pickLanguage({ ...none, browser: ['ja-JP'] })).toBe('ja');
    expect(pickLanguage({ ...none, browser: ['fr-FR', 'en-US'] })).toBe('en');
    expect(pickLanguage({ ...none, browser: ['ko-KR'] })).toBe('ja');
  });

  it('lets ?lang= in the link win over the saved choice and the browser', () => {
    expect(pickLanguage({ ...none, search: '?token=x&lang=en', saved: 'ja', browser: ['ja'] })).toBe('en');
    expect(pickLanguage({ ...none, search: '?lang=ja', forced: 'en', saved: 'en', browser: ['en'] })).toBe('ja');
  });

  it('keeps the forced language for the tab after the address bar loses the query', () => {
    expect(pickLanguage({ ...none, forced: 'en', saved: 'ja', browser: ['ja'] })).toBe('en');
  });

  it('ignores languages we do not speak', () => {
    expect(pickLanguage({ ...none, search: '?lang=de', saved: 'xx', browser: ['en'] })).toBe('en');
  });
});
