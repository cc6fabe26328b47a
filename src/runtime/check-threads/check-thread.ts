/**
 * A check thread's entry (node:worker_threads): it runs the network part of checks for the main thread, which keeps
 * scheduling, judging, storing and serving. Built as its own bundle entry (dist/check-thread.mjs).
 */
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { setMaxListeners } from 'node:events';
import type { Probe } from '../../domain/probe.ts';
import { createEgressPolicy } from '../../egress/egress-policy.ts';
import { probeMonitor } from '../probe-monitor.ts';
import type {
  CheckThreadData,
  FromCheckThread,
  ProbeRequest,
  ThreadMonitor,
  ToCheckThread,
} from './check-thread-protocol.ts';

function mainThreadPort(): MessagePort {
  if (!parentPort) throw new Error('check-thread.ts runs in a worker thread');
  return parentPort;
}
const port = mainThreadPort();
// Nothing here reads a stack trace (a probe carries an error's message), yet undici builds an error for every reset or
// destroyed connection and Node's stream destroy formats its stack: ~12 % of this thread's time at 1,000 checks/s.
// An uncaught error still reaches the main thread with its message.
Error.stackTraceLimit = 0;
const data = workerData as CheckThreadData;
// the same policy as the main thread's, from the same options: one guard object per origin
const egress = createEgressPolicy(data.egress, { publicAllow: data.publicAllow });
const monitors = new Map<string, ThreadMonitor>();
const shutdown = new AbortController();
setMaxListeners(0, shutdown.signal);

let finished: FromCheckThread['probes'] = [];
let flushQueued = false;
function send(runId: number, probe: Probe | null): void {
  finished.push({ runId, probe });
  if (flushQueued) return;
  flushQueued = true;
  // once per turn of the event loop: the probes that ended in this turn travel together
  setImmediate(() => {
    flushQueued = false;
    const message: FromCheckThread = { type: 'probes', probes: finished };
    finished = [];
    port.postMessage(message);
  });
}

function run(request: ProbeRequest): void {
  const monitor = monitors.get(request.monitorId);
  if (!monitor) {
    const error = `check thread: monitor "${request.monitorId}" was never defined here`;
    send(request.runId, { startedAt: Date.now(), responseTimeMs: 0, connected: false, error });
    return;
  }
  const offset = request.clockOffsetMs;
  void probeMonitor(monitor.config, {
    now: offset === 0 ? Date.now : () => Date.now() + offset,
    shutdown: shutdown.signal,
    egress: egress.guardFor(monitor.managedBy),
  }).then((probe) => send(request.runId, probe));
}

port.on('message', (message: ToCheckThread) => {
  switch (message.type) {
    case 'batch':
      for (const op of message.ops) {
        if (op.op === 'run') run(op);
        else if (op.op === 'define') monitors.set(op.monitor.config.id, op.monitor);
        else monitors.delete(op.monitorId);
      }
      return;
    case 'abort':
      shutdown.abort(new Error(message.reason));
      return;
    case 'fault':
      setImmediate(() => {
        if (message.fault === 'crash') throw new Error('crash requested by the main thread');
        for (;;); // stuck until the main thread terminates it
      });
      return;
  }
});
