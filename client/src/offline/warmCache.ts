/// <reference types="vite/client" />
import { canUseServiceWorker } from './policy';

type Loader = () => Promise<unknown>;

const later = new Set<Loader>();
let ready: Promise<void> | null = null;
let draining = false;
/** A page the worker controlled from its start fetched every file through it: they are kept already. */
const controlledAtStart = typeof navigator !== 'undefined' && !!navigator.serviceWorker?.controller;

/**
 * Keeps what this page runs on for the next visit, offline included, without competing with its first
 * sync: once the service worker controls the page and the browser is idle, the files the page has
 * already loaded go through the worker (its asset cache keeps them), then `loaders` run, so the parts
 * this route may need later (export, QR, the canvas) are kept too. A phone passes none: its first
 * visit is the form view and nothing more.
 */
export function warmWhenIdle(loaders: readonly Loader[] = []): void {
  const env = { isSecureContext: window.isSecureContext, hasServiceWorker: 'serviceWorker' in navigator, production: import.meta.env.PROD };
  if (!canUseServiceWorker(env)) return;
  for (const l of loaders) later.add(l);
  if (ready) {
    void ready.then(() => idle(drain));
    return;
  }
  ready = controlled();
  void ready.then(() =>
    idle(() => {
      if (!controlledAtStart) keepLoaded();
      drain();
    }),
  );
}

/** Fetched before the worker took over, these are in the HTTP cache only; through the worker they are kept. */
function keepLoaded(): void {
  for (const e of performance.getEntriesByType('resource')) {
    const url = new URL(e.name);
    if (url.origin === location.origin && url.pathname.startsWith('/assets/')) void fetch(url).catch(() => {});
  }
}

/** One loader at a time, each when idle: a facilitator's laptop is busy drawing the board meanwhile. */
function drain(): void {
  if (draining) return;
  const [load] = later;
  if (!load) return;
  later.delete(load);
  draining = true;
  void load()
    .catch(() => {})
    .finally(() => {
      draining = false;
      idle(drain);
    });
}

async function controlled(): Promise<void> {
  await navigator.serviceWorker.ready;
  if (navigator.serviceWorker.controller) return;
  await new Promise<void>((resolve) => navigator.serviceWorker.addEventListener('controllerchange', () => resolve(), { once: true }));
}

function idle(work: () => void): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(work, { timeout: 5_000 });
  else setTimeout(work, 500);
}
