import type * as Y from 'yjs';
import type { Awareness } from 'y-protocols/awareness';

declare global {
  interface Window {
    /**
     * Test hook, read-only by convention: the e2e tests and the benchmarks read the board's doc and
     * awareness from here to check what another browser sees. Nothing in the app reads it, and only a
     * test build (`npm run build:test-client`, into dist/test-client) installs it.
     */
    __board?: { doc: Y.Doc; awareness: Awareness };
  }
}

export function installTestHook(doc: Y.Doc, awareness: Awareness): () => void {
  const hook = Object.freeze({ doc, awareness });
  window.__board = hook;
  return () => {
    if (window.__board === hook) delete window.__board;
  };
}
