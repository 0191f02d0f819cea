import type { Presence } from '../../../shared/board';

/**
 * How many people are on the board, oneself included: a person with two tabs (the board and its list view)
 * counts once, and a viewer link (the projector, a display in the hall) is a screen, not a person.
 */
export function peopleHere(others: readonly { presence: Pick<Presence, 'user'> }[], self: Pick<Presence['user'], 'id' | 'role'> | null): number {
  const ids = new Set<string>();
  if (self && self.role !== 'viewer') ids.add(self.id);
  for (const o of others) if (o.presence.user.role !== 'viewer') ids.add(o.presence.user.id);
  return ids.size;
}
