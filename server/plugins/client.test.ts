import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp } from '../testing/inProcess';

/** A built client as `vite build` lays it out: index.html, the worker, its Workbox runtime, hashed assets. */
function fakeBuild(): string {
  const dir = mkdtempSync(join(tmpdir(), 'fusen-client-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>付箋ボード</title>');
  writeFileSync(join(dir, 'sw.js'), 'self.addEventListener("fetch", () => {});');
  writeFileSync(join(dir, 'workbox-9c191d2f.js'), 'define([], () => {});');
  writeFileSync(join(dir, 'assets', 'index-Bg3WHJWd.js'), 'console.log(1);');
  return dir;
}

let clientDir: string;
let srv: Awaited<ReturnType<typeof startApp>>;
beforeAll(async () => {
  clientDir = fakeBuild();
  srv = await startApp({ env: { CLIENT_DIR: clientDir } });
});
afterAll(async () => {
  await srv.close();
  rmSync(clientDir, { recursive: true, force: true });
  rmSync(srv.config.DATA_DIR, { recursive: true, force: true });
});

const get = (path: string) => fetch(`${srv.url}${path}`);

describe('serving the built client for the service worker', () => {
  it('serves the worker and its runtime as scripts that are revalidated on every load', async () => {
    for (const path of ['/sw.js', '/workbox-9c191d2f.js']) {
      const r = await get(path);
      expect(r.status).toBe(200);
      expect(r.headers.get('content-type')).toMatch(/javascript/);
      expect(r.headers.get('cache-control')).toBe('no-cache');
    }
  });

  it('revalidates the app page, however it is reached (a board link falls back to it)', async () => {
    for (const path of ['/', '/index.html', '/b/abc?token=xyz']) {
      const r = await get(path);
      expect(r.status).toBe(200);
      expect(await r.text()).toContain('付箋ボード');
      expect(r.headers.get('cache-control')).toBe('no-cache');
    }
  });

  it('keeps the default caching for hashed assets', async () => {
    const r = await get('/assets/index-Bg3WHJWd.js');
    expect(r.status).toBe(200);
    expect(r.headers.get('cache-control')).not.toBe('no-cache');
  });

  it('answers a missing bundle or worker runtime with 404, never with the app page', async () => {
    for (const path of ['/assets/index-OLDHASH.js', '/workbox-0000.js']) {
      const r = await get(path);
      expect(r.status, path).toBe(404);
      expect(r.headers.get('content-type')).not.toMatch(/html/);
    }
  });

  it('answers 404 for the worker of a build that has none, so a browser never runs the app page as one', async () => {
    const dir = fakeBuild();
    rmSync(join(dir, 'sw.js'));
    const other = await startApp({ env: { CLIENT_DIR: dir } });
    try {
      const r = await fetch(`${other.url}/sw.js`);
      expect(r.status).toBe(404);
      expect((await fetch(`${other.url}/b/abc`)).status).toBe(200);
    } finally {
      await other.close();
      rmSync(dir, { recursive: true, force: true });
      rmSync(other.config.DATA_DIR, { recursive: true, force: true });
    }
  });
});

describe('HEAD answers as GET does, without the body', () => {
  it('on a board page, the worker and an unknown route: same status and headers', async () => {
    for (const path of ['/b/AAAAAAAAAAAAAAAAAAAAAA?token=x', '/', '/sw.js', '/api/nothing-here', '/assets/missing.js']) {
      const [g, h] = await Promise.all([get(path), fetch(`${srv.url}${path}`, { method: 'HEAD' })]);
      expect(h.status, path).toBe(g.status);
      const strip = (r: Response) => [...r.headers].filter(([k]) => !['date', 'transfer-encoding', 'connection', 'keep-alive'].includes(k));
      expect(strip(h), path).toEqual(strip(g));
      expect(await h.text()).toBe('');
    }
  });
});
