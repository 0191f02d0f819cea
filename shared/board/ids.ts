/** Random ids and tokens from the platform's CSPRNG (Web Crypto: browsers and Node 20 alike). */
function randomBase64Url(bytes: number): string {
  const buf = new Uint8Array(bytes);
  globalThis.crypto.getRandomValues(buf);
  let s = '';
  for (const b of buf) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Board ids and tokens: 128 random bits each, so links cannot be guessed. */
export const newBoardId = (): string => randomBase64Url(16);
export const newToken = (): string => randomBase64Url(24);
/** Note and section ids only need to be unique within a board; 96 bits keep collisions out of reach. */
export const newNoteId = (): string => `n_${randomBase64Url(12)}`;
export const newSectionId = (): string => `s_${randomBase64Url(9)}`;
export const newClientKey = (): string => randomBase64Url(12);

export const BOARD_ID_RE = /^[A-Za-z0-9_-]{22}$/;
