import { describe, expect, it } from 'vitest';
import { choosePhoneView } from './layout';

describe('phone layout choice', () => {
  it('uses the form view on a narrow screen unless the link forces the board', () => {
    expect(choosePhoneView('', true)).toBe(true);
    expect(choosePhoneView('', false)).toBe(false);
    expect(choosePhoneView('?view=phone', false)).toBe(true);
    expect(choosePhoneView('?token=x&view=board', true)).toBe(false);
  });
});
