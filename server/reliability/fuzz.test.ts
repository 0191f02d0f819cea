import { describe, expect, it } from 'vitest';
import { runFuzz } from './fuzzer';
import { EXPECTED_CLOSE } from './hostile';

// The short run of `npm run fuzz`: same generators, same live server process, fewer messages.
describe('hostile y-websocket messages against a live server', () => {
  it('costs each hostile sender its socket, never the room: honest boards stay exactly as written', async () => {
    const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 1_000_000);
    const r = await runFuzz({ messages: 3000, seed, concurrency: 8 });
    const context = `seed ${seed} (rerun with FUZZ_SEED=${seed}): ${JSON.stringify(r)}`;
    expect(r.serverExitedDuringRun, context).toBe(false);
    expect(r.healthFailures, context).toBe(0);
    expect(r.messagesSent).toBeGreaterThanOrEqual(3000);
    // Hostile sockets end with the protocol's or the app's codes, and most of them are closed by the server.
    expect(r.unexpectedCloseCodes, context).toEqual([]);
    const serverClosed = Object.entries(r.closeCodes).reduce((n, [code, count]) => n + (EXPECTED_CLOSE(Number(code)) ? count : 0), 0);
    expect(serverClosed).toBeGreaterThan(r.hostileSockets / 2);
    for (const code of [1002, 1007, 1008, 1009]) expect(r.closeCodes[code] ?? 0, `close code ${code}`).toBeGreaterThan(0);
    // Honest clients: never dropped, their presence never removed, every note there with its last text.
    // Honest clients were editing all through the run (about ten edits a second).
    expect(r.honestNotes).toBeGreaterThan(10);
    expect(r.honestDisconnects, context).toBe(0);
    expect(r.honestPresenceIntact, context).toBe(true);
    expect(r.honestMissing, context).toBe(0);
    // The room is still served and nothing leaks: boards unload, the store is sound after SIGTERM.
    expect(r.boardsLoadedAfterIdle).toBe(0);
    expect(r.unexpectedServerErrors, context).toBe(0);
    expect(r.sigtermExitCode).toBe(0);
    expect(r.integrity).toBe('ok');
    expect(r.afterRestartMissing, context).toBe(0);
  }, 300_000);
});
