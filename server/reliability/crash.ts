import { numberArg } from './args';
import { runCrash } from './crasher';

/** `npm run crash [-- --kills N --writers W --seed S]`: SIGKILL the server at random moments and count what is lost. */
async function main(): Promise<void> {
  const kills = numberArg('kills', 20);
  const writers = numberArg('writers', 20);
  const seed = numberArg('seed', Date.now() % 1_000_000);
  // Every stock provider adds a process 'exit' listener.
  process.setMaxListeners(0);
  console.log(`Crash durability: ${writers} writing clients, SIGKILL ${kills} times at random moments, seed ${seed}`);
  const r = await runCrash({ kills, writers, seed, progress: (l) => console.log(l) });
  const ok = r.lostAcrossKills === 0 && r.lostAtEnd === 0 && r.integrityFailures.length === 0;
  console.log(`
Crash results (seed ${seed}, ${r.durationS} s)
  SIGKILLs                        ${r.kills}
  writing clients                 ${r.writers}
  notes written                   ${r.notesWritten}
  received by another client      ${r.receivedChecked} (summed over the kills)
  lost across kills               ${r.lostAcrossKills}
  lost at the end (all written)   ${r.lostAtEnd}
  PRAGMA integrity_check failures ${r.integrityFailures.length}
  restart to serving (ms)         median ${r.restartMs.median}, max ${r.restartMs.max}
  verdict                         ${ok ? 'PASS' : 'FAIL'}`);
  process.exit(ok ? 0 : 1);
}

void main();
