/**
 * The parts of the app that load when a route or a feature first needs them, in one list, so the
 * service worker's idle warm-up (offline/warmCache.ts) fetches exactly the files these imports do.
 * A phone in a hall downloads the form view only; the canvas, export, QR and grouping model wait
 * until someone opens them.
 */
export const loadPhonePage = () => import('./phone/PhonePage');
export const loadBoardPage = () => import('./board/BoardPage');
/** Konva and react-konva: the canvas and what draws on it. The list view never needs them. */
export const loadCanvas = () => import('./board/canvasParts');
export const loadPng = () => import('./export/png');
export const loadPdf = () => import('./export/pdf');
export const loadQr = () => import('qrcode');

/** What the canvas page may need later, fetched when the browser is idle so it also opens offline. */
export const CANVAS_PAGE_LATER: readonly (() => Promise<unknown>)[] = [loadPhonePage, loadCanvas, loadPng, loadPdf, loadQr];
