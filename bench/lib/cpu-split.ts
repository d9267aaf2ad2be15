/**
 * Where a bench's CPU went: the server's process group, every PostgreSQL process and this (client) process,
 * read from /proc before and after a phase and divided by the phase's requests.
 */
import { listProcesses, ownCpuSeconds, processGroup } from './proc-tree.js';

export interface CpuSample {
  server: number;
  postgres: number;
  client: number;
}

/** CPU seconds so far of the server's process group, every postgres process, and this process. */
export function cpuNow(serverPid: number): CpuSample {
  const self = process.cpuUsage();
  return {
    server: ownCpuSeconds(processGroup(serverPid)),
    postgres: ownCpuSeconds(listProcesses().filter((p) => p.comm === 'postgres')),
    client: (self.user + self.system) / 1e6,
  };
}

/** CPU ms per request of each side between two samples, as text with three decimals. */
export function cpuPerRequest(a: CpuSample, b: CpuSample, requests: number) {
  const ms = (key: keyof CpuSample) => (((b[key] - a[key]) * 1000) / requests).toFixed(3);
  return { server: ms('server'), postgres: ms('postgres'), client: ms('client') };
}
