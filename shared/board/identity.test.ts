import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { CLIENT_KEY_MAX, userIdFromKey } from './identity';
import { newClientKey } from './ids';

describe('author identity from a client key', () => {
  it('is the same id the server derived before (SHA-256 of the prefixed key, base64url, 22 characters)', async () => {
    for (const key of [newClientKey(), 'abc', '日本語キー', 'x'.repeat(CLIENT_KEY_MAX)]) {
      const node = createHash('sha256').update(`fusen-user:${key}`).digest('base64url').slice(0, 22);
      expect(await userIdFromKey(key)).toBe(node);
    }
  });

  it('gives different people different ids, and the same person always the same id', async () => {
    const a = newClientKey();
    const b = newClientKey();
    expect(await userIdFromKey(a)).toBe(await userIdFromKey(a));
    expect(await userIdFromKey(a)).not.toBe(await userIdFromKey(b));
    expect(await userIdFromKey(a)).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });

  it('gives no id for no key, and ignores what is past the key length limit', async () => {
    expect(await userIdFromKey('')).toBe('');
    const long = 'k'.repeat(CLIENT_KEY_MAX);
    expect(await userIdFromKey(`${long}tail`)).toBe(await userIdFromKey(long));
  });
});
