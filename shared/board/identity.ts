/**
 * A note's authorId is derived from a per-browser secret key, the same way in the browser and
 * on the server (Web Crypto, present in both), so the server can check that a note claims
 * the author its connection proves — and nobody can write in someone else's name.
 */
const PREFIX = 'fusen-user:';
/** Long enough to be unique among everyone who ever joins a board, short enough to store in every note. */
const ID_LENGTH = 22;
/** Keys longer than this are cut, on both sides alike, so a huge key cannot be used to burn CPU. */
export const CLIENT_KEY_MAX = 128;

function base64Url(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The public author id for a secret client key; '' for no key (such a connection cannot author notes). */
export async function userIdFromKey(key: string): Promise<string> {
  const k = key.slice(0, CLIENT_KEY_MAX);
  if (!k) return '';
  const digest = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(PREFIX + k));
  return base64Url(new Uint8Array(digest)).slice(0, ID_LENGTH);
}
