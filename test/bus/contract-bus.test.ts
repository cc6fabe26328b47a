import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Bus } from '../../src/bus/bus.ts';
import type { PharosEvent } from '../../src/bus/events.ts';
import { stopTestPostgres } from '../support/postgres.ts';
import { waitFor } from '../support/wait-for.ts';
import {
  busImplementations,
  newChannel,
  startBusServers,
  stopBusServers,
  type BusServers,
} from './bus-implementations.ts';

/** Everything a subscriber heard, in order, by a short label. */
function listen(bus: Bus): { heard: string[]; unsubscribe: () => void } {
  const heard: string[] = [];
  const unsubscribe = bus.subscribe((e) => heard.push(label(e)));
  return { heard, unsubscribe };
}
const label = (e: PharosEvent): string => (e.type === 'incident.changed' ? e.incidentId : e.type);
const incident = (id: string): PharosEvent => ({
  type: 'incident.changed',
  incidentId: id,
  status: 'investigating',
  at: 1,
});
const count = (heard: string[], id: string) => heard.filter((h) => h === id).length;

let servers: BusServers;
before(async () => {
  servers = await startBusServers();
});
after(async () => {
  await stopBusServers(servers);
  await stopTestPostgres();
});

for (const impl of busImplementations) {
  describe(`Bus contract: ${impl.name}`, () => {
    const open: Bus[] = [];
    const replicas = async (n: number): Promise<Bus[]> => {
      const channel = newChannel();
      const buses = await Promise.all(Array.from({ length: n }, (_, i) => impl.make(servers, channel, `replica-${i}`)));
      open.push(...buses);
      return buses;
    };
    after(async () => {
      await Promise.all(open.map((b) => b.close()));
    });

    test('a published event reaches this process and the other replica once each', async () => {
      const [a, b] = await replicas(2);
      const atA = listen(a!);
      const atB = listen(b!);
      await a!.publish(incident('e1'));
      await a!.publish(incident('sentinel'));
      if (impl.replicas) {
        await waitFor('the other replica to hear the sentinel', () => atB.heard.includes('sentinel'));
        // b's answer arrives after anything a's own events could echo back to a
        await b!.publish(incident('answer'));
        await waitFor('the publisher to hear the answer', () => atA.heard.includes('answer'));
        assert.deepEqual(atB.heard, ['e1', 'sentinel', 'answer']);
      } else {
        assert.deepEqual(atB.heard, []);
      }
      assert.equal(count(atA.heard, 'e1'), 1);
      assert.deepEqual(atA.heard.slice(0, 2), ['e1', 'sentinel']);
    });

    test('events from one publisher arrive in the order published', async () => {
      const [a, b] = await replicas(2);
      const listener = listen(impl.replicas ? b! : a!);
      const ids = Array.from({ length: 50 }, (_, i) => `e${i}`);
      for (const id of ids) await a!.publish(incident(id));
      await waitFor('the last event', () => listener.heard.includes('e49'));
      assert.deepEqual(listener.heard, ids);
    });

    test('an unsubscribed handler hears nothing more; a throwing handler does not stop the others', async () => {
      const [a, b] = await replicas(2);
      const listener = impl.replicas ? b! : a!;
      const gone = listen(listener);
      const kept = listen(listener);
      listener.subscribe(() => {
        throw new Error('a broken subscriber');
      });
      gone.unsubscribe();
      await a!.publish(incident('e1'));
      await waitFor('the kept subscriber', () => kept.heard.includes('e1'));
      assert.deepEqual(gone.heard, []);
    });

    test('a closed bus delivers nothing and publishing to it does not throw', async () => {
      const [a, b, c] = await replicas(3);
      const atA = listen(a!);
      const atC = listen(impl.replicas ? c! : b!);
      await a!.close();
      await a!.publish(incident('after-close'));
      await b!.publish(incident('from-b'));
      await waitFor('a live replica to hear b', () => atC.heard.includes('from-b'));
      assert.deepEqual(atA.heard, []);
      assert.deepEqual(atC.heard, ['from-b']);
      assert.equal(a!.status?.().connected ?? false, false);
    });
  });
}
