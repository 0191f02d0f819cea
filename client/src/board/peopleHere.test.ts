import { describe, expect, it } from 'vitest';
import { peopleHere } from './peopleHere';

const at = (id: string, role: 'facilitator' | 'participant' | 'viewer') => ({ presence: { user: { id, name: id, color: '#000', role } } });

describe('people on the board', () => {
  it('counts the facilitator and three participants as four, whoever is looking', () => {
    const everyone = [at('fac', 'facilitator'), at('p1', 'participant'), at('p2', 'participant'), at('p3', 'participant')];
    expect(peopleHere(everyone.slice(1), { id: 'fac', role: 'facilitator' })).toBe(4);
    expect(peopleHere([everyone[0]!, ...everyone.slice(2)], { id: 'p1', role: 'participant' })).toBe(4);
  });
  it('leaves out the projector and counts a second tab of the same person once', () => {
    const others = [at('p1', 'participant'), at('p1', 'participant'), at('proj', 'viewer')];
    expect(peopleHere(others, { id: 'fac', role: 'facilitator' })).toBe(2);
    expect(peopleHere(others, { id: 'proj', role: 'viewer' })).toBe(1);
  });
});
