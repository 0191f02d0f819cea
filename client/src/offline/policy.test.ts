import { describe, expect, it } from 'vitest';
import { appShell, canUseServiceWorker, servesAppShell, type BuiltChunk } from './policy';

const ORIGIN = 'https://fusen.example.jp';
const at = (path: string) => new URL(path, ORIGIN);

describe('which navigations the service worker answers with the cached app', () => {
  it('answers board links (with or without their token), the home page and unknown pages', () => {
    for (const path of ['/', '/index.html', '/b/AbC123_-xyz', '/b/AbC123_-xyz?token=s3cr3t', '/b/AbC123_-xyz?lang=en&view=phone', '/nothing-here']) {
      expect(servesAppShell(at(path), ORIGIN), path).toBe(true);
    }
  });

  it('leaves everything the server answers itself to the network: API, exports, websocket, health check', () => {
    for (const path of [
      '/api/boards',
      '/api/boards/AbC123/export.json?token=s3cr3t',
      '/api/boards/AbC123/export.xlsx?token=s3cr3t',
      '/api/boards/AbC123/snapshots',
      '/api',
      '/api?x=1',
      '/ws/AbC123?token=s3cr3t&key=k',
      '/healthz',
      '/healthz?probe=1',
    ]) {
      expect(servesAppShell(at(path), ORIGIN), path).toBe(false);
    }
  });

  it('does not mistake app paths that merely start like a server path', () => {
    expect(servesAppShell(at('/apiary'), ORIGIN)).toBe(true);
    expect(servesAppShell(at('/b/api'), ORIGIN)).toBe(true);
  });

  it('never answers for another origin', () => {
    expect(servesAppShell(new URL('https://other.example/b/AbC123'), ORIGIN)).toBe(false);
  });
});

describe('when the service worker is registered', () => {
  it('only in a production build, on a secure context (https or localhost), in a browser that has them', () => {
    expect(canUseServiceWorker({ production: true, isSecureContext: true, hasServiceWorker: true })).toBe(true);
    expect(canUseServiceWorker({ production: false, isSecureContext: true, hasServiceWorker: true })).toBe(false);
    expect(canUseServiceWorker({ production: true, isSecureContext: false, hasServiceWorker: true })).toBe(false);
    expect(canUseServiceWorker({ production: true, isSecureContext: true, hasServiceWorker: false })).toBe(false);
  });
});

describe('what the worker precaches at install', () => {
  const chunk = (fileName: string, over: Partial<BuiltChunk> = {}): BuiltChunk => ({ fileName, isEntry: false, imports: [], css: [], ...over });
  const chunks = [
    chunk('assets/index.js', { isEntry: true, imports: ['assets/react.js'], css: ['assets/index.css'] }),
    chunk('assets/react.js', { imports: ['assets/index.js'] }),
    chunk('assets/PhonePage.js', { imports: ['assets/react.js', 'assets/yjs.js'], css: ['assets/PhonePage.css'] }),
    chunk('assets/yjs.js'),
    chunk('assets/canvas.js', { imports: ['assets/konva.js'] }),
    chunk('assets/konva.js'),
  ];

  it('is the page, the entry and what it imports with their styles: what any route needs before it draws', () => {
    expect([...appShell(chunks)].sort()).toEqual(['assets/index.css', 'assets/index.js', 'assets/react.js', 'index.html']);
  });

  it('leaves out the parts a route loads when opened, so a phone never downloads the canvas at install', () => {
    const shell = appShell(chunks);
    for (const f of ['assets/PhonePage.js', 'assets/PhonePage.css', 'assets/canvas.js', 'assets/konva.js']) expect(shell.has(f), f).toBe(false);
  });
});
