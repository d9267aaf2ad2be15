/**
 * Where a bench's CPU went: the server's process group, every PostgreSQL process and this (client) process,
 * read from /proc before and after a phase and divided by the phase's requests.
 */
import { listProcesses, ownCpuSeconds, processGroup } from './proc-tree.js';

export interface CpuSample {
  server: number;
  /** CPU seconds of each PostgreSQL process by pid: one that exits takes its CPU with it. */
  postgres: Map<number, number>;
  client: number;
}

/** CPU seconds so far of the server's process group, every postgres process, and this process. */
export function cpuNow(serverPid: number): CpuSample {
  const self = process.cpuUsage();
  const postgres = listProcesses().filter((p) => p.comm === 'postgres');
  return {
    server: ownCpuSeconds(processGroup(serverPid)),
    postgres: new Map(postgres.map((p) => [p.pid, ownCpuSeconds([p])])),
    client: (self.user + self.system) / 1e6,
  };
}

/** PostgreSQL CPU between two samples: the processes alive at the end (a new one counts whole). */
function postgresSeconds(a: CpuSample, b: CpuSample): number {
  let sum = 0;
  for (const [pid, seconds] of b.postgres) sum += seconds - (a.postgres.get(pid) ?? 0);
  return sum;
}

/** CPU ms per request of each side between two samples, as text with three decimals. */
export function cpuPerRequest(a: CpuSample, b: CpuSample, requests: number) {
  const ms = (seconds: number) => ((seconds * 1000) / requests).toFixed(3);
  return {
    server: ms(b.server - a.server),
    postgres: ms(postgresSeconds(a, b)),
    client: ms(b.client - a.client),
  };
}
