import type { Probe } from '../domain/probe.ts';

export type PhaseTimings = NonNullable<Probe['timings']>;

/** The phases that happened, in ms to two decimals; undefined when none did (refused before any). */
export function phaseTimings(phases: { [P in keyof PhaseTimings]?: number | undefined }): Probe['timings'] {
  const timings: PhaseTimings = {};
  for (const [phase, ms] of Object.entries(phases) as [keyof PhaseTimings, number | undefined][]) {
    if (ms !== undefined) timings[phase] = Math.round(ms * 100) / 100;
  }
  return Object.keys(timings).length > 0 ? timings : undefined;
}
