import { useEffect, useState } from 'react';
import { NOTE_SIZE, type Section } from '../../../shared/board';

/** Phones (portrait, or landscape with a touch screen) get the form view; `?view=phone|board|list` forces one. */
export const PHONE_QUERY = '(max-width: 600px), (max-height: 500px) and (pointer: coarse)';

export function choosePhoneView(search: string, narrow: boolean): boolean {
  const forced = new URLSearchParams(search).get('view');
  if (forced === 'phone') return true;
  // The list view is the accessible board on any screen, phones included.
  if (forced === 'board' || forced === 'list') return false;
  return narrow;
}

export function usePhoneLayout(): boolean {
  // Read once: the board page drops the query string from the address bar after it opens.
  const [search] = useState(() => window.location.search);
  const [narrow, setNarrow] = useState(() => window.matchMedia?.(PHONE_QUERY).matches ?? false);
  useEffect(() => {
    const mq = window.matchMedia?.(PHONE_QUERY);
    if (!mq) return;
    const onChange = () => setNarrow(mq.matches);
    mq.addEventListener('change', onChange);
    return () => mq.removeEventListener('change', onChange);
  }, []);
  return choosePhoneView(search, narrow);
}

const PAD = 16;
const TITLE_SPACE = 56;
const GAP = 12;

/**
 * Where a note sent from a phone lands: the next free cell of a grid inside its column, so notes
 * sent one after another line up instead of piling on one spot. Past the bottom of the column the
 * grid starts over, shifted a little, so later notes stay visible rather than hidden exactly behind.
 */
export function placeInSection(section: Pick<Section, 'x' | 'y' | 'w' | 'h'>, index: number): { x: number; y: number } {
  const cols = Math.max(1, Math.floor((section.w - 2 * PAD + GAP) / (NOTE_SIZE.w + GAP)));
  const rows = Math.max(1, Math.floor((section.h - TITLE_SPACE - PAD + GAP) / (NOTE_SIZE.h + GAP)));
  const perLayer = cols * rows;
  const layer = Math.floor(index / perLayer);
  const cell = index % perLayer;
  const shift = (layer * 8) % 40;
  return {
    x: Math.round(section.x + PAD + (cell % cols) * (NOTE_SIZE.w + GAP) + shift),
    y: Math.round(section.y + TITLE_SPACE + Math.floor(cell / cols) * (NOTE_SIZE.h + GAP) + shift),
  };
}
