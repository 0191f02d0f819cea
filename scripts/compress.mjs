/**
 * Precompresses the built client (`node scripts/compress.mjs [dist/client]`, run by `npm run build`):
 * a `.br` and a `.gz` beside every text file, which the server sends as they are (preCompressed), so
 * no request pays for compression and brotli can run at its slowest, smallest setting.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const TEXT = /\.(html|js|mjs|css|svg|json|webmanifest|txt)$/;
/** Below this a compressed copy saves less than its own headers cost. */
const MIN_BYTES = 1024;

function* files(dir) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, e.name);
    if (e.isDirectory()) yield* files(path);
    else if (e.isFile() && TEXT.test(e.name)) yield path;
  }
}

const brotli = (buf) =>
  brotliCompressSync(buf, { params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY, [constants.BROTLI_PARAM_SIZE_HINT]: buf.length } });

/** Writes the compressed copies that come out smaller; returns the bytes before and after (brotli). */
export function compressDir(dir) {
  let before = 0;
  let after = 0;
  for (const path of files(dir)) {
    const buf = readFileSync(path);
    if (statSync(path).size < MIN_BYTES) continue;
    const br = brotli(buf);
    const gz = gzipSync(buf, { level: 9 });
    if (br.length < buf.length) writeFileSync(`${path}.br`, br);
    if (gz.length < buf.length) writeFileSync(`${path}.gz`, gz);
    before += buf.length;
    after += Math.min(br.length, buf.length);
  }
  return { before, after };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = resolve(process.argv[2] ?? 'dist/client');
  const { before, after } = compressDir(dir);
  console.log(`precompressed ${dir}: ${(before / 1024).toFixed(0)} kB of text, ${(after / 1024).toFixed(0)} kB as brotli`);
}

/**
 * The same as a Vite plugin, last of the build: after vite-plugin-pwa has written the service worker
 * (its closeBundle is sequential too), so the worker and its runtime are compressed as well.
 */
export function precompress() {
  let outDir = '';
  return {
    name: 'fusen-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    closeBundle: {
      sequential: true,
      order: 'post',
      handler() {
        compressDir(outDir);
      },
    },
  };
}
