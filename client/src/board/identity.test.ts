import { afterEach, describe, expect, it, vi } from 'vitest';
import { userIdFromKey } from '../../../shared/board';
import { deriveUserId } from './identity';

describe('user id derivation', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('matches the server’s derivation even without Web Crypto (plain-http LAN servers)', async () => {
    const keys = ['abc', 'x'.repeat(300), 'キー', 'Zm9vYmFy-_'];
    const expected = await Promise.all(keys.map((k) => userIdFromKey(k)));
    vi.stubGlobal('crypto', { getRandomValues: globalThis.crypto.getRandomValues.bind(globalThis.crypto) });
    expect(globalThis.crypto.subtle).toBeUndefined();
    const fallback = await Promise.all(keys.map((k) => deriveUserId(k)));
    expect(fallback).toEqual(expected);
    expect(await deriveUserId('')).toBe('');
  });
});
