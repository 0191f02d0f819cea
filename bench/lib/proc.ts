import { readFileSync, writeFileSync } from 'node:fs';
import { setPriority } from 'node:os';

const TICKS_PER_SECOND = 100; // USER_HZ on Linux; `getconf CLK_TCK` is 100 on every mainstream kernel

/** CPU time a process has used so far, in ms, in user space and in the kernel (socket writes, disk), read from /proc so it works for any server. */
export function cpuSplitMs(pid: number): { user: number; system: number } {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name may hold spaces and parentheses: fields are counted after the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { user: (Number(fields[11]) * 1000) / TICKS_PER_SECOND, system: (Number(fields[12]) * 1000) / TICKS_PER_SECOND };
}

/** CPU time (user + system) a process has used so far, in ms. */
export function cpuMs(pid: number): number {
  const { user, system } = cpuSplitMs(pid);
  return user + system;
}

/** Resident memory of a process in MB (VmRSS). */
export function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const m = /VmRSS:\s+(\d+)\s+kB/.exec(status);
  return m ? Number(m[1]) / 1024 : NaN;
}

/** Samples RSS every `everyMs` until stopped; returns the peak. */
export function watchRss(pid: number, everyMs = 250): { stop: () => number } {
  let peak = 0;
  const sample = () => {
    try {
      peak = Math.max(peak, rssMb(pid));
    } catch {
      /* the process is gone */
    }
  };
  sample();
  const t = setInterval(sample, everyMs);
  return {
    stop: () => {
      clearInterval(t);
      sample();
      return peak;
    },
  };
}

export const BENCH_NICE = -10;

/**
 * Runs a benchmark process ahead of whatever else shares the machine (other test runs), so the
 * figures measure the servers and not the neighbours; servers and load generators all get the
 * same priority. The process must lead its own session (spawned detached): Linux shares CPU
 * between sessions' autogroups first, so only the autogroup's nice value counts against other
 * sessions. Needs root; without it the figures are simply noisier. Returns whether it worked.
 */
export function prioritise(pid: number): boolean {
  try {
    setPriority(pid, BENCH_NICE);
    writeFileSync(`/proc/${pid}/autogroup`, String(BENCH_NICE));
    return true;
  } catch {
    return false;
  }
}
