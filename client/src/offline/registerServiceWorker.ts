/// <reference types="vite/client" />
import { canUseServiceWorker, SERVICE_WORKER_FILE } from './policy';

/**
 * Lets a board link opened before load with no network: the worker (built by vite-plugin-pwa) keeps
 * the app shell. Only in production builds, where the file exists and its hashed assets are stable.
 *
 * A new deploy's worker installs in the background, takes over at once (skipWaiting + clientsClaim)
 * and serves the new client from the next load. The open page is deliberately not reloaded for it:
 * a reload mid-workshop would throw away a note someone is still typing with their IME.
 */
export function registerServiceWorker(): void {
  const env = { isSecureContext: window.isSecureContext, hasServiceWorker: 'serviceWorker' in navigator, production: import.meta.env.PROD };
  if (!canUseServiceWorker(env)) return;
  // After 'load', so caching the app shell does not compete with the board's first sync.
  if (document.readyState === 'complete') register();
  else window.addEventListener('load', register, { once: true });
}

function register(): void {
  // updateViaCache 'none': every load asks the server whether a new worker (a new deploy) exists.
  navigator.serviceWorker.register(`/${SERVICE_WORKER_FILE}`, { scope: '/', updateViaCache: 'none' }).catch((err: unknown) => {
    // Without the worker the app still works online; only opening it offline is lost.
    console.warn('service worker not registered', err);
  });
}
