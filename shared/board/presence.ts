import { z } from 'zod';
import { LIMITS } from './schema';

/**
 * What each client puts in y-protocols awareness: who they are, where their cursor is,
 * notes being dragged (live positions travel here, the doc gets one write on drop),
 * and the viewport so others can follow the facilitator.
 */
export const PresenceSchema = z.object({
  user: z.object({
    id: z.string().max(64),
    name: z.string().max(LIMITS.displayNameMax),
    color: z.string().max(16),
    role: z.enum(['facilitator', 'participant', 'viewer']),
    group: z.string().max(16).optional(),
  }),
  cursor: z.object({ x: z.number(), y: z.number() }).nullable().optional(),
  dragging: z.record(z.string(), z.object({ x: z.number(), y: z.number() })).nullable().optional(),
  /** Screen = board * scale + (x, y); `w`/`h` are the sender's screen size, so a follower can show the same area. */
  viewport: z
    .object({ x: z.number(), y: z.number(), scale: z.number().positive(), w: z.number().positive().optional(), h: z.number().positive().optional() })
    .nullable()
    .optional(),
});
export type Presence = z.infer<typeof PresenceSchema>;

export function readPresence(state: unknown): Presence | null {
  const r = PresenceSchema.safeParse(state);
  return r.success ? r.data : null;
}
