import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import { ROLES, type Role } from '../../shared/board/roles';
import { newToken } from '../../shared/board/ids';

/**
 * What the store keeps of a board's links. Each role's token only as its SHA-256 (tokens are 144 random
 * bits, so a plain hash is enough: there is nothing to guess a slow KDF would protect), so a copy of the
 * database opens no board. The participant and viewer tokens are also kept sealed (AES-256-GCM) under a
 * key derived from the facilitator's token, so whoever holds the facilitator link can be shown the other
 * two again (the QR code on the facilitator's screen), and nobody else, the store's reader included.
 */
export interface StoredTokens {
  hashes: Record<Role, string>;
  sealed: string;
}

/** The tokens themselves: shown when a board is made and when links are rotated, never stored. */
export type BoardTokens = Record<Role, string>;

export const hashToken = (token: string): string => createHash('sha256').update(token, 'utf8').digest('base64url');

/** The role a token grants, comparing hashes in constant time (every role is compared, whatever matches). */
export function roleOfToken(stored: StoredTokens, token: string): Role | null {
  const presented = Buffer.from(hashToken(token), 'base64url');
  let found: Role | null = null;
  for (const role of ROLES) {
    const kept = Buffer.from(stored.hashes[role] ?? '', 'base64url');
    if (kept.length === presented.length && timingSafeEqual(kept, presented) && found === null) found = role;
  }
  return found;
}

const sealKey = (boardId: string, facilitatorToken: string): Buffer =>
  Buffer.from(hkdfSync('sha256', facilitatorToken, boardId, 'fusen-board links', 32));

/** The record's form of a board's tokens. */
export function storeTokens(boardId: string, tokens: BoardTokens): StoredTokens {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', sealKey(boardId, tokens.facilitator), iv);
  const body = Buffer.concat([cipher.update(JSON.stringify({ participant: tokens.participant, viewer: tokens.viewer }), 'utf8'), cipher.final()]);
  const hashes = Object.fromEntries(ROLES.map((r) => [r, hashToken(tokens[r])])) as Record<Role, string>;
  return { hashes, sealed: Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url') };
}

/** Every token of a board, from the facilitator's: null when it is not this board's facilitator token. */
export function openTokens(boardId: string, stored: StoredTokens, facilitatorToken: string): BoardTokens | null {
  if (roleOfToken(stored, facilitatorToken) !== 'facilitator') return null;
  try {
    const raw = Buffer.from(stored.sealed, 'base64url');
    const decipher = createDecipheriv('aes-256-gcm', sealKey(boardId, facilitatorToken), raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    const { participant, viewer } = JSON.parse(Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8')) as Record<string, string>;
    return participant && viewer ? { facilitator: facilitatorToken, participant, viewer } : null;
  } catch {
    return null;
  }
}

export const newTokens = (): BoardTokens => ({ facilitator: newToken(), participant: newToken(), viewer: newToken() });

/** A record's `tokens` as a store reads them: boards stored before hashing held the tokens themselves. */
export function fromStored(boardId: string, raw: unknown): StoredTokens {
  const r = raw as Partial<StoredTokens & BoardTokens>;
  if (r && typeof r.facilitator === 'string' && typeof r.participant === 'string' && typeof r.viewer === 'string') {
    return storeTokens(boardId, { facilitator: r.facilitator, participant: r.participant, viewer: r.viewer });
  }
  return r as StoredTokens;
}

/** Whether a stored `tokens` value is from before hashing (the tokens in plain text): what the stores migrate. */
export const isPlainTokens = (raw: unknown): boolean => typeof (raw as Partial<BoardTokens> | null)?.facilitator === 'string';

/** Whether `token` is the series' token: its hash against the kept one, in constant time. */
export function seriesTokenMatches(tokenHash: string, token: string): boolean {
  const presented = Buffer.from(hashToken(token), 'base64url');
  const kept = Buffer.from(tokenHash, 'base64url');
  return kept.length === presented.length && timingSafeEqual(kept, presented);
}

const seriesKey = (seriesId: string, boardId: string, seriesToken: string): Buffer =>
  Buffer.from(hkdfSync('sha256', seriesToken, `${seriesId}/${boardId}`, 'fusen-board series', 32));

/** A board's facilitator token sealed (AES-256-GCM) under a key only the series token derives. */
export function sealForSeries(seriesId: string, seriesToken: string, boardId: string, facilitatorToken: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', seriesKey(seriesId, boardId, seriesToken), iv);
  const body = Buffer.concat([cipher.update(facilitatorToken, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
}

/** The board's facilitator token, from the series token; null when the series token does not open it. */
export function openForSeries(seriesId: string, seriesToken: string, boardId: string, sealed: string): string | null {
  try {
    const raw = Buffer.from(sealed, 'base64url');
    const decipher = createDecipheriv('aes-256-gcm', seriesKey(seriesId, boardId, seriesToken), raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8') || null;
  } catch {
    return null;
  }
}
