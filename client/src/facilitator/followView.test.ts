import { describe, expect, it } from 'vitest';
import { toBoard } from '../canvas/viewport';
import { followView } from './followView';

describe('following the facilitator’s view', () => {
  const leader = { x: -300, y: 120, scale: 0.5, w: 1600, h: 900 };
  const centreOf = (vp: { x: number; y: number; scale: number }, w: number, h: number) => toBoard(vp, { x: w / 2, y: h / 2 });

  it('shows the same board point in the middle of the screen at the same zoom on an equal screen', () => {
    const vp = followView(leader, { width: 1600, height: 900 });
    expect(vp).toEqual({ x: -300, y: 120, scale: 0.5 });
  });

  it('keeps the same centre and fits the leader’s area on a smaller screen', () => {
    const vp = followView(leader, { width: 800, height: 600 });
    const a = centreOf(leader, 1600, 900);
    const b = centreOf(vp, 800, 600);
    expect(b.x).toBeCloseTo(a.x);
    expect(b.y).toBeCloseTo(a.y);
    expect(vp.scale).toBeCloseTo(0.25);
  });

  it('uses the leader’s transform as it is when their screen size is unknown', () => {
    expect(followView({ x: 5, y: 6, scale: 2 }, { width: 400, height: 300 })).toEqual({ x: 5, y: 6, scale: 2 });
  });
});
