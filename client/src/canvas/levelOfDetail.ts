import { useEffect, useState } from 'react';
import { LOW_DETAIL_SCALE, SHADOWS_MAX_NOTES, SHADOWS_MIN_SCALE, textScaleFor } from './style';

/** How the resting notes are drawn: what software rendering can draw at 60 frames a second on a board of thousands. */
export interface LevelOfDetail {
  /** 'low' when zoomed far out: text lines drawn as bars, no author line. */
  detail: 'full' | 'low';
  /** Soft shadows only when few notes are on screen and they are big enough to see them. */
  shadow: boolean;
  /** Pixel ratio the note text bitmaps are drawn at. */
  cacheRatio: number;
  /** The zoom note and column titles are sized for (see textScaleFor). */
  textScale: number;
}

/** Note text bitmaps are drawn for zoom levels in powers of two, so a small zoom does not redraw every note. */
export const cacheRatioFor = (scale: number, devicePixelRatio: number): number => {
  const step = 2 ** Math.ceil(Math.log2(Math.max(scale, 1 / 16)));
  return Math.min(4, step) * devicePixelRatio;
};

export function levelOfDetail(scale: number, notesOnScreen: number, devicePixelRatio: number): LevelOfDetail {
  return {
    detail: scale < LOW_DETAIL_SCALE ? 'low' : 'full',
    shadow: scale >= SHADOWS_MIN_SCALE && notesOnScreen <= SHADOWS_MAX_NOTES,
    cacheRatio: cacheRatioFor(scale, devicePixelRatio),
    textScale: textScaleFor(scale),
  };
}

const keyOf = (l: LevelOfDetail) => `${l.detail}|${l.shadow}|${l.cacheRatio}|${l.textScale}`;

/**
 * The level of detail for the view once it has rested for a moment (`view` changes with every pan or
 * zoom step). A gesture keeps the level it started with, so its frames only move or scale the bitmaps
 * already drawn; changing the level redraws every note on screen, which is done once, after it. When
 * the notes are redrawn anyway (a new `region` of the board is cached) the level follows at once.
 */
export function useSettledLevelOfDetail(target: LevelOfDetail, view: unknown, region: unknown, settleMs = 180): LevelOfDetail {
  const [state, setState] = useState({ level: target, region });
  if (state.region !== region) setState({ level: target, region });
  const targetKey = keyOf(target);
  const levelKey = keyOf(state.level);
  useEffect(() => {
    if (targetKey === levelKey) return;
    const t = setTimeout(() => setState((s) => ({ ...s, level: target })), settleMs);
    return () => clearTimeout(t);
    // `target` is rebuilt every render; its key says when it changed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [targetKey, levelKey, view, settleMs]);
  return state.region === region ? state.level : target;
}
