import { lazy } from 'react';
import { loadCanvas } from '../chunks';

/** The canvas, loaded the first time it is shown: the list view never downloads Konva. */
export const LazyCanvas = lazy(() => loadCanvas().then((m) => ({ default: m.Canvas })));
