import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { get as httpGet } from 'node:http';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp } from '../testing/inProcess';
import { compressDir } from '../../scripts/compress.mjs';

/** A bundle big enough to be worth compressing, as the phone's first script would be. */
const BUNDLE = `export const notes = ${JSON.stringify(Array.from({ length: 400 }, (_, i) => `付箋 ${i}`))};`;
const PAGE = `<!doctype html><title>付箋ボード</title><script type="module" src="/assets/index-Bg3WHJWd.js"></script>${'<!-- -->'.repeat(200)}`;

/** A built client as `vite build` lays it out: index.html, the worker, its Workbox runtime, hashed assets. */
function fakeBuild(): string {
  const dir = mkdtempSync(join(tmpdir(), 'fusen-client-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), PAGE);
  writeFileSync(join(dir, 'sw.js'), 'self.addEventListener("fetch", () => {});');
  writeFileSync(join(dir, 'workbox-9c191d2f.js'), 'define([], () => {});');
  writeFileSync(join(dir, 'assets', 'index-Bg3WHJWd.js'), 'console.log(1);');
  writeFileSync(join(dir, 'assets', 'phone-Cx9_k2Lq.js'), BUNDLE);
  compressDir(dir);
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

/** A GET that keeps the body as it came over the wire (fetch would decompress it). */
function raw(path: string, acceptEncoding: string): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((res, rej) => {
    httpGet(`${srv.url}${path}`, { headers: { 'accept-encoding': acceptEncoding } }, (r) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => res({ status: r.statusCode!, headers: r.headers, body: Buffer.concat(chunks) }));
    }).on('error', rej);
  });
}

const decode = (r: { headers: Record<string, unknown>; body: Buffer }): string =>
  (r.headers['content-encoding'] === 'br' ? brotliDecompressSync(r.body) : r.headers['content-encoding'] === 'gzip' ? gunzipSync(r.body) : r.body).toString();

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

  it('keeps a hashed bundle for a year without asking again: its name changes with its content', async () => {
    for (const path of ['/assets/index-Bg3WHJWd.js', '/assets/phone-Cx9_k2Lq.js']) {
      const r = await raw(path, 'br');
      expect(r.status).toBe(200);
      expect(r.headers['cache-control'], path).toBe('public, max-age=31536000, immutable');
    }
  });

  it('sends the brotli copy to a browser that takes it, gzip to one that takes only that, and says it varies', async () => {
    const br = await raw('/assets/phone-Cx9_k2Lq.js', 'gzip, deflate, br');
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toMatch(/javascript/);
    expect(br.headers['vary']).toMatch(/accept-encoding/i);
    expect(br.body.length).toBeLessThan(Buffer.byteLength(BUNDLE) / 2);
    expect(decode(br)).toBe(BUNDLE);

    const gz = await raw('/assets/phone-Cx9_k2Lq.js', 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(decode(gz)).toBe(BUNDLE);

    const plain = await raw('/assets/phone-Cx9_k2Lq.js', 'identity');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers['vary']).toMatch(/accept-encoding/i);
    expect(plain.body.toString()).toBe(BUNDLE);
  });

  it('sends the app page compressed and still revalidated, for a board link too', async () => {
    for (const path of ['/', '/index.html', '/b/abc?token=xyz']) {
      const r = await raw(path, 'br');
      expect(r.status, path).toBe(200);
      expect(r.headers['content-encoding'], path).toBe('br');
      expect(r.headers['cache-control'], path).toBe('no-cache');
      expect(decode(r)).toBe(PAGE);
    }
  });

  it('sends the worker compressed and still revalidated', async () => {
    const r = await raw('/sw.js', 'br');
    expect(r.headers['cache-control']).toBe('no-cache');
    expect(decode(r)).toContain('addEventListener');
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
