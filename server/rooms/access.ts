import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import type { Role } from '../../shared/board/roles';
import type { BoardAccess } from '../store/store';

/**
 * A passcode is short (read out in the hall, typed on phones), so only a salted, slow hash of it is
 * stored: a copy of the database does not give it away by a lookup.
 */
export function hashPasscode(passcode: string): string {
  const salt = randomBytes(16);
  return `scrypt$${salt.toString('base64url')}$${scryptSync(passcode.normalize('NFKC'), salt, 32).toString('base64url')}`;
}

export function passcodeMatches(hash: string, given: string): boolean {
  const [scheme, salt, expected] = hash.split('$');
  if (scheme !== 'scrypt' || !salt || !expected) return false;
  const want = Buffer.from(expected, 'base64url');
  const got = scryptSync(given.normalize('NFKC'), Buffer.from(salt, 'base64url'), want.length);
  return timingSafeEqual(want, got);
}

/** The session is over: participants may still read the board, but not write. */
export const sessionEnded = (access: BoardAccess, now = Date.now()): boolean => access.expiresAt !== null && access.expiresAt <= now;

export type Admission = { ok: true } | { ok: false; reason: 'passcode required' | 'wrong passcode' | 'too many wrong passcodes' };

/** Wrong passcodes allowed per address in a window, before that address must wait for the window to pass. */
export const WRONG_PASSCODES = 5;
export const WRONG_PASSCODE_WINDOW_MS = 10 * 60 * 1000;

/**
 * Whether a participant may come in with `given`; the facilitator and viewers are never asked. Wrong
 * guesses are counted per address, so a passcode of a few digits cannot be tried through.
 */
export class Doorkeeper {
  private readonly wrong = new Map<string, { count: number; since: number }>();

  admit(access: BoardAccess, role: Role, given: string | undefined, address: string, now = Date.now()): Admission {
    if (role !== 'participant' || access.passcodeHash === null) return { ok: true };
    const tries = this.wrong.get(address);
    if (tries && now - tries.since > WRONG_PASSCODE_WINDOW_MS) this.wrong.delete(address);
    if ((this.wrong.get(address)?.count ?? 0) >= WRONG_PASSCODES) return { ok: false, reason: 'too many wrong passcodes' };
    if (!given) return { ok: false, reason: 'passcode required' };
    if (passcodeMatches(access.passcodeHash, given)) return { ok: true };
    const t = this.wrong.get(address) ?? { count: 0, since: now };
    this.wrong.set(address, { ...t, count: t.count + 1 });
    return { ok: false, reason: 'wrong passcode' };
  }
}
