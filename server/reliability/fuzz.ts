import { numberArg } from './args';
import { runFuzz, type FuzzReport } from './fuzzer';
import { runGuardFuzz, type GuardFuzzReport } from './guardFuzzer';

/**
 * `npm run fuzz [-- --messages N --seed S --concurrency C --operations N]`: the protocol fuzzer, then the
 * guard fuzzer, and prints the figures for the README. `--messages 0` or `--operations 0` skips one.
 */
async function main(): Promise<void> {
  const messages = numberArg('messages', 100_000);
  const seed = numberArg('seed', Date.now() % 1_000_000);
  const concurrency = numberArg('concurrency', 12);
  const operations = numberArg('operations', 5000);
  let bad = 0;
  if (messages > 0) {
    console.log(`Fuzzing the y-websocket endpoint: ${messages} hostile messages, seed ${seed}, ${concurrency} hostile sockets at a time`);
    const report = await runFuzz({ messages, seed, concurrency, progress: (l) => console.log(l) });
    print(report);
    bad += verdict(report).length;
  }
  if (operations > 0) {
    console.log(`Fuzzing the guard: ${operations} random Yjs operations, seed ${seed}`);
    const report = await runGuardFuzz({ operations, seed, progress: (l) => console.log(l) });
    printGuard(report);
    bad += report.violations.length + (report.serverAnswering ? 0 : 1);
  }
  process.exit(bad === 0 ? 0 : 1);
}

function printGuard(r: GuardFuzzReport): void {
  console.log(`
Guard fuzz results (seed ${r.seed})
  operations                    ${r.operations} (in ${r.updatesSent} updates)
  refused updates               ${r.refused}
  accepted updates              ${r.accepted}
  honest edits meanwhile        ${r.honestEdits}
  invariant checks              ${r.invariantChecks}
  violations                    ${r.violations.length}${r.violations.map((v) => `\n    ${v}`).join('')}
  server answering at the end   ${r.serverAnswering ? 'yes' : 'NO'}
  verdict                       ${r.violations.length === 0 && r.serverAnswering ? 'PASS' : 'FAIL'}`);
}

export function verdict(r: FuzzReport): string[] {
  const bad: string[] = [];
  if (r.serverExitedDuringRun) bad.push('the server exited');
  if (r.timedOut > 0) bad.push(`${r.timedOut} sockets got no answer within 10 s`);
  if (r.healthFailures > 0) bad.push(`${r.healthFailures} health checks failed (hang?)`);
  if (r.unexpectedCloseCodes.length > 0) bad.push(`unexpected close codes ${[...new Set(r.unexpectedCloseCodes)].join(', ')}`);
  if (r.honestMissing > 0) bad.push(`${r.honestMissing} honest notes missing or wrong`);
  if (r.afterRestartMissing !== 0) bad.push(`${r.afterRestartMissing} honest notes missing after restart`);
  if (r.honestDisconnects > 0) bad.push(`${r.honestDisconnects} honest disconnects`);
  if (!r.honestPresenceIntact) bad.push('honest presence was removed or spoofed');
  if (r.boardsLoadedAfterIdle !== 0) bad.push(`${r.boardsLoadedAfterIdle} boards still loaded after everyone left`);
  if (r.sigtermExitCode !== 0) bad.push(`SIGTERM exit code ${r.sigtermExitCode}`);
  if (r.integrity !== 'ok') bad.push(`integrity_check: ${r.integrity}`);
  return bad;
}

function print(r: FuzzReport): void {
  const codes = Object.entries(r.closeCodes)
    .sort((a, b) => b[1] - a[1])
    .map(([c, n]) => `${c}×${n}`)
    .join(' ');
  const kinds = Object.entries(r.byKind)
    .sort((a, b) => b[1] - a[1])
    .map(([k, n]) => `${k} ${n}`)
    .join(', ');
  const bad = verdict(r);
  console.log(`
Fuzz results (seed ${r.seed}, ${r.durationS} s in all, ${r.hostileSeconds} s of hostile traffic)
  messages sent                 ${r.messagesSent}
    by kind                     ${kinds}
  hostile sockets               ${r.hostileSockets}
    closed by the server        ${codes}
    answered, closed by fuzzer  ${r.closedByFuzzer} (of which timed out after 10 s: ${r.timedOut}${r.timedOut ? `: ${r.timedOutKinds.join(', ')}` : ''})
    unexpected close codes      ${r.unexpectedCloseCodes.length}
  server crashes (exit)         ${r.serverExitedDuringRun ? 1 : 0}
  health checks                 ${r.healthChecks} (failed ${r.healthFailures}, slowest ${r.healthMaxMs} ms)
  unexpected server errors      ${r.unexpectedServerErrors}
  honest notes                  ${r.honestNotes} (missing or wrong: ${r.honestMissing}; after SIGTERM + restart: ${r.afterRestartMissing})
  honest disconnects            ${r.honestDisconnects}${r.honestCloseCodes.length ? ` (codes ${r.honestCloseCodes.join(', ')})` : ''}
  honest presence intact        ${r.honestPresenceIntact ? 'yes' : 'NO'}
  boards loaded after idle      ${r.boardsLoadedAfterIdle}
  server RSS (MiB)              start ${r.rssMiB.start}, peak ${r.rssMiB.peak}, end ${r.rssMiB.end}
  SIGTERM exit code             ${r.sigtermExitCode}
  PRAGMA integrity_check        ${r.integrity}
  verdict                       ${bad.length === 0 ? 'PASS' : `FAIL: ${bad.join('; ')}`}`);
}

if (process.argv[1]?.endsWith('fuzz.ts')) void main();
