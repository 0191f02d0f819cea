import { describe, expect, it } from 'vitest';
import { runGuardFuzz } from './guardFuzzer';

// The short, seed-fixed pass of `npm run fuzz` (guard part): same generators and invariants, fewer operations.
describe('random Yjs operations from participants, a scribe and a viewer against the guard', () => {
  it('keeps the "Who may change what" table, refused updates cost no bytes, honest edits all kept', async () => {
    const seed = Number(process.env.GUARD_FUZZ_SEED ?? 28);
    const r = await runGuardFuzz({ operations: 200, seed });
    const context = `seed ${seed} (rerun with GUARD_FUZZ_SEED=${seed})`;
    expect(r.violations, context).toEqual([]);
    expect(r.operations).toBeGreaterThanOrEqual(200);
    // Both outcomes are exercised: the mix holds allowed and forbidden changes.
    expect(r.refused).toBeGreaterThan(10);
    expect(r.accepted).toBeGreaterThan(10);
    expect(r.honestEdits).toBeGreaterThan(10);
    expect(r.serverAnswering).toBe(true);
  }, 60_000);
});
