import { describe, expect, it } from 'vitest';
import { fitRect, initialView, intersects, notesFocus, WHEEL_ZOOM_STEP, wheelZoomFactor, READABLE_SCALE, toBoard, toScreen, unionRect, visibleRect, zoomAt } from './viewport';

describe('viewport maths', () => {
  it('round-trips board and screen points', () => {
    const vp = { x: 30, y: -20, scale: 1.5 };
    const p = { x: 123, y: 456 };
    const back = toBoard(vp, toScreen(vp, p));
    expect(back.x).toBeCloseTo(p.x);
    expect(back.y).toBeCloseTo(p.y);
  });

  it('zooms around the pointer', () => {
    const vp = { x: 10, y: 10, scale: 1 };
    const screen = { x: 200, y: 150 };
    const before = toBoard(vp, screen);
    const after = toBoard(zoomAt(vp, screen, 2), screen);
    expect(after.x).toBeCloseTo(before.x);
    expect(after.y).toBeCloseTo(before.y);
  });

  it('clamps the zoom', () => {
    expect(zoomAt({ x: 0, y: 0, scale: 1 }, { x: 0, y: 0 }, 1000).scale).toBe(4);
    expect(zoomAt({ x: 0, y: 0, scale: 1 }, { x: 0, y: 0 }, 0.0001).scale).toBe(0.1);
  });

  it('fits a rectangle inside the screen, centred', () => {
    const vp = fitRect({ x: 0, y: 0, w: 2000, h: 1000 }, { width: 1000, height: 800 }, 0);
    expect(vp.scale).toBeCloseTo(0.5);
    const tl = toScreen(vp, { x: 0, y: 0 });
    const br = toScreen(vp, { x: 2000, y: 1000 });
    expect(tl.x).toBeCloseTo(0);
    expect(br.x).toBeCloseTo(1000);
    expect((tl.y + br.y) / 2).toBeCloseTo(400);
  });

  it('never zooms in past 100 % to fit a single note', () => {
    expect(fitRect({ x: 0, y: 0, w: 160, h: 120 }, { width: 1000, height: 800 }).scale).toBe(1);
  });

  it('culls with the visible rectangle', () => {
    const vis = visibleRect({ x: 0, y: 0, scale: 1 }, { width: 800, height: 600 }, 0);
    expect(intersects(vis, { x: 700, y: 500, w: 160, h: 120 })).toBe(true);
    expect(intersects(vis, { x: 900, y: 0, w: 160, h: 120 })).toBe(false);
  });

  it('unions rectangles', () => {
    expect(unionRect([])).toBeNull();
    expect(unionRect([{ x: 0, y: 0, w: 10, h: 10 }, { x: 20, y: -5, w: 5, h: 5 }])).toEqual({ x: 0, y: -5, w: 25, h: 15 });
  });
});

describe('initial view', () => {
  it('shows a wide board whole on a laptop', () => {
    expect(initialView({ x: 0, y: 0, w: 2400, h: 1100 }, { width: 1280, height: 750 }).scale).toBeGreaterThan(0.4);
  });
  it('starts a phone at a readable zoom at the top-left of the board', () => {
    const vp = initialView({ x: 0, y: 0, w: 2400, h: 1100 }, { width: 390, height: 700 });
    expect(vp.scale).toBe(READABLE_SCALE);
    expect(toScreen(vp, { x: 0, y: 0 })).toEqual({ x: 24, y: 24 });
  });
});

describe('what a fitted view shows', () => {
  const columns = [
    { x: 0, y: 0, w: 560, h: 820 },
    { x: 600, y: 0, w: 560, h: 820 },
    { x: 1400, y: 0, w: 560, h: 820 },
  ];
  it('the notes under their column titles, not the empty paper below or the empty columns beside', () => {
    const notes = [
      { x: 20, y: 80, w: 160, h: 120 },
      { x: 620, y: 80, w: 160, h: 120 },
    ];
    expect(notesFocus(notes, columns)).toEqual({ x: 0, y: 0, w: 1160, h: 200 });
  });
  it('the whole worksheet while nobody has written', () => {
    expect(notesFocus([], columns)).toEqual({ x: 0, y: 0, w: 1960, h: 820 });
  });
});

describe('ctrl+wheel zoom', () => {
  it('zooms one mouse-wheel notch as far as the + button, either way', () => {
    expect(wheelZoomFactor(-100)).toBe(WHEEL_ZOOM_STEP);
    expect(wheelZoomFactor(100)).toBe(1 / WHEEL_ZOOM_STEP);
    let scale = 0.31;
    for (let notch = 0; notch < 2; notch++) scale *= wheelZoomFactor(-100);
    expect(scale).toBeLessThan(0.5);
  });
  it('follows a trackpad pinch’s small steps smoothly', () => {
    expect(wheelZoomFactor(-4)).toBeCloseTo(Math.exp(0.04));
    expect(wheelZoomFactor(0)).toBe(1);
  });
});
