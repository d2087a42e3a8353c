// CPU time of processes on this machine, read from /proc (Linux), for the CPU each server and PostgreSQL spend per
// request in a load run: what a ratio of requests/s comes from.
import { readdirSync, readFileSync } from 'node:fs';

const TICKS_PER_SECOND = 100; // USER_HZ, the unit of /proc/<pid>/stat's times on Linux

/** User and system CPU ms of a process, with its exited children's (PostgreSQL's ended backends); 0 once it is gone. */
function cpuMs(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' '); // utime, stime, cutime, cstime
    return ((Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

/** The pids of the PostgreSQL server's processes on this machine (none when it runs elsewhere, or without /proc). */
function postgresPids(): number[] {
  let entries: string[];
  try {
    entries = readdirSync('/proc').filter((entry) => /^\d+$/.test(entry));
  } catch {
    return [];
  }
  return entries.map(Number).filter((pid) => {
    try {
      return readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'postgres';
    } catch {
      return false;
    }
  });
}

/** CPU ms used so far by one server process and by all of PostgreSQL (undefined where /proc cannot tell). */
export function cpuNow(serverPid: number): { server?: number; postgres?: number } {
  const server = cpuMs(serverPid);
  const postgres = postgresPids();
  return { server: server > 0 ? server : undefined, postgres: postgres.length > 0 ? postgres.reduce((sum, pid) => sum + cpuMs(pid), 0) : undefined };
}
