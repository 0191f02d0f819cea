import { useEffect, useState } from 'react';
import { digest } from 'lib0/hash/sha256';
import { CLIENT_KEY_MAX, newClientKey, userIdFromKey } from '../../../shared/board';

/**
 * Who this browser is. A secret key stays in localStorage and goes to the server with the socket;
 * the public user id (the notes' authorId, the presence id) is derived from it, the same way the
 * server derives it, so nobody can write notes in someone else's name.
 */
export function clientKey(): string {
  try {
    let key = localStorage.getItem('fusen.clientKey');
    if (!key) {
      key = newClientKey();
      localStorage.setItem('fusen.clientKey', key);
    }
    return key;
  } catch {
    // Storage disabled: a key for this page's life only.
    return (fallbackKey ??= newClientKey());
  }
}
let fallbackKey: string | undefined;

/**
 * The same derivation as shared/board/identity.ts. Web Crypto's digest exists only in secure
 * contexts, and a town-hall server is often reached over plain http on the LAN, so without it
 * the same SHA-256 is computed in JS (a unit test keeps the two equal).
 */
export async function deriveUserId(key: string): Promise<string> {
  if (globalThis.crypto?.subtle) return userIdFromKey(key);
  const k = key.slice(0, CLIENT_KEY_MAX);
  if (!k) return '';
  const bytes = digest(new TextEncoder().encode(`fusen-user:${k}`));
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '').slice(0, 22);
}

export function useIdentity(): { key: string; userId: string | null } {
  const [key] = useState(clientKey);
  const [userId, setUserId] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void deriveUserId(key).then((id) => live && setUserId(id));
    return () => {
      live = false;
    };
  }, [key]);
  return { key, userId };
}
