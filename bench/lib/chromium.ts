import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { chromium, type Browser, type CDPSession, type Page } from 'playwright-core';
import { whyRebuild } from '../../scripts/buildState.mjs';
import { CLIENT_UNDER_TEST } from '../../server/testing/startServer';

const ROOT = resolve(import.meta.dirname, '../..');
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export const launchChromium = (): Promise<Browser> => chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });

/**
 * Builds the test client (what the e2e tests drive: the production build plus the read-only board hook
 * the scenarios wait on) when there is none or it is older than the sources, so the figures are of the
 * code as it is.
 */
export function ensureClientBuilt(): void {
  if (!whyRebuild(ROOT, [`${CLIENT_UNDER_TEST}/index.html`])) return;
  execFileSync('npm', ['run', 'build:test-client'], { cwd: ROOT, stdio: 'inherit' });
}

/** A mid-range phone on a hall's Wi-Fi: Fast-3G-like link, CPU 4× slower than this machine. */
export const PHONE_NETWORK = { latency: 150, downloadThroughput: (1.6e6 / 8) * 1, uploadThroughput: 750e3 / 8 };
export const PHONE_CPU_SLOWDOWN = 4;

/** Throttles one page as a phone; returns the CDP session, which counts bytes from here on. */
export async function throttleAsPhone(page: Page): Promise<CDPSession> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', { offline: false, ...PHONE_NETWORK });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: PHONE_CPU_SLOWDOWN });
  return cdp;
}

/** Bytes on the wire as Chromium counts them: HTTP responses with their headers, and websocket frames received. */
export function countBytes(cdp: CDPSession): { http: () => number; ws: () => number; requests: () => number } {
  let http = 0;
  let ws = 0;
  let requests = 0;
  cdp.on('Network.loadingFinished', (e: { encodedDataLength: number }) => {
    http += e.encodedDataLength;
    requests++;
  });
  cdp.on('Network.webSocketFrameReceived', (e: { response: { opcode: number; payloadData: string } }) => {
    ws += e.response.opcode === 2 ? Buffer.from(e.response.payloadData, 'base64').length : Buffer.byteLength(e.response.payloadData);
  });
  return { http: () => http, ws: () => ws, requests: () => requests };
}
