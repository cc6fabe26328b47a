import { setTimeout as sleep } from 'node:timers/promises';

/** Poll until `probe` returns a truthy value or the time runs out; the error names what was awaited. */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T> | T,
  timeoutMs = 10_000,
  everyMs = 50,
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  while (Date.now() < deadline) {
    last = await probe();
    if (last) return last as NonNullable<T>;
    await sleep(everyMs);
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what} (last: ${JSON.stringify(last)})`);
}

/** Wait until a Pharos on this port answers /healthz (a child process just started). */
export async function waitForHealthy(port: number, timeoutMs = 30_000): Promise<void> {
  await waitFor(
    `Pharos on port ${port} to answer /healthz`,
    async () => {
      try {
        return (await fetch(`http://127.0.0.1:${port}/healthz`)).ok;
      } catch {
        return false;
      }
    },
    timeoutMs,
    100,
  );
}
