import { availableParallelism } from 'node:os';

/** `scheduler.check_threads`: 0 runs checks in the main thread; `auto` uses one thread when there is a second CPU. */
export type CheckThreadsSetting = 'auto' | number;

export function checkThreadCount(setting: CheckThreadsSetting, cpus: number = availableParallelism()): number {
  if (setting === 'auto') return cpus >= 2 ? 1 : 0;
  return setting;
}
