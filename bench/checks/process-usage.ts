import { readFileSync } from 'node:fs';

/** CPU time (ms, user+system) and RSS of this process, sampled for a benchmark. */
export function sampleUsage(): { cpuMs: number; rssBytes: number } {
  const cpu = process.cpuUsage();
  return { cpuMs: (cpu.user + cpu.system) / 1000, rssBytes: process.memoryUsage.rss() };
}

/** Peak RSS of this process so far (VmHWM), in bytes. */
export function peakRss(): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
  return m ? Number(m[1]) * 1024 : 0;
}
