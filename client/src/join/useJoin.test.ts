import { describe, expect, it } from 'vitest';
import { boardGroups, chosenGroup } from './useJoin';

describe('the group a person joins', () => {
  it('offers the board’s groups in board order, once each', () => {
    expect(boardGroups([{ group: 'A' }, { group: 'A' }, { group: 'B' }, { group: 'C' }, { group: 'B' }])).toEqual(['A', 'B', 'C']);
    expect(boardGroups([])).toEqual([]);
  });

  it('keeps a choice only while the board still has that group', () => {
    expect(chosenGroup({ name: '', group: 'B' }, ['A', 'B'])).toBe('B');
    expect(chosenGroup({ name: '', group: 'C' }, ['A', 'B'])).toBeNull();
    expect(chosenGroup({ name: '', group: null }, ['A', 'B'])).toBeNull();
    expect(chosenGroup(null, ['A'])).toBeNull();
  });
});
