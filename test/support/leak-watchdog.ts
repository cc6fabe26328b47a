/**
 * Loaded into every test file's process (`--import` in scripts/test.sh). A file's process ends when its event loop
 * is empty; a server or socket left open (a `before` hook that failed halfway leaves its `after` nothing to close)
 * keeps it alive, and the whole run with it: a CI run once waited 72 minutes on one such file. Once the file's last
 * test and hook have run, this gives it 30 s to end by itself, then names what is still open and ends it, keeping
 * the exit code its tests set.
 */
import { after } from 'node:test';

const GRACE_MS = 30_000;

after(() => {
  const timer = setTimeout(() => {
    const open = process.getActiveResourcesInfo().filter((kind) => kind !== 'Timeout');
    process.stderr.write(
      `leak-watchdog: ${process.argv[1] ?? 'this test file'} still running ${GRACE_MS / 1000} s after its last test; ` +
        `open: ${open.join(', ') || 'nothing named'}. Ended here; close what the file opens in its after hooks.\n`,
    );
    process.exit();
  }, GRACE_MS);
  timer.unref();
});
