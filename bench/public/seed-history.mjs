/**
 * Fills a store with N components (in groups of 10), one HTTP monitor each, and 90 days of results: one per
 * hour for the last 7 days, one per 6 hours before that, with a few failures and two incidents.
 */
import { configSchema, openStore } from '../../dist/index.mjs';

const HOUR = 3_600_000;
const DAY = 86_400_000;

export function benchConfig({ components, storageUrl, targetUrl }) {
  return configSchema.parse({
    title: 'Bench Status',
    logging: { level: 'warn' },
    storage: { url: storageUrl },
    components: Array.from({ length: components }, (_, i) => ({
      id: `c${i}`,
      name: `Component ${i}`,
      group: `Group ${Math.floor(i / 10)}`,
      monitors: [`m${i}`],
    })),
    monitors: Array.from({ length: components }, (_, i) => ({
      id: `m${i}`,
      type: 'http',
      url: `${targetUrl}/c${i}`,
      interval: '30s',
    })),
  });
}

export async function seedHistory(config, now) {
  const store = await openStore(config.storage.url);
  await store.migrate();
  await store.syncConfig({ monitors: [...config.monitors], components: [...config.components] }, now - 91 * DAY);
  const results = [];
  const flush = async () => {
    await store.commitBatch({
      results: results.splice(0),
      states: [],
      statusChanges: [],
      incidents: [],
      componentStatuses: [],
    });
  };
  for (let t = now - 90 * DAY; t < now; t += t < now - 7 * DAY ? 6 * HOUR : HOUR) {
    for (const m of config.monitors) {
      const ok = (t / HOUR + m.id.length) % 97 !== 0;
      results.push({
        monitorId: m.id,
        startedAt: t,
        latencyMs: 40 + Math.round(Math.random() * 200),
        ok,
        degraded: false,
        maintenance: false,
        statusCode: ok ? 200 : 503,
        error: ok ? null : 'HTTP 503',
      });
      if (results.length >= 5000) await flush();
    }
  }
  await flush();
  const incident = (id, component, at, minutes) => ({
    id,
    name: `Component ${component} is down`,
    status: 'resolved',
    impact: 'critical',
    source: 'auto',
    componentIds: [`c${component}`],
    createdAt: at,
    updatedAt: at + minutes * 60_000,
    resolvedAt: at + minutes * 60_000,
    updates: [
      {
        id: `${id}u1`,
        incidentId: id,
        status: 'investigating',
        body: 'HTTP 503 from the health endpoint.',
        createdAt: at,
        affectedComponents: [{ componentId: `c${component}`, oldStatus: 'operational', newStatus: 'major_outage' }],
      },
      {
        id: `${id}u2`,
        incidentId: id,
        status: 'resolved',
        body: `Operational again after ${minutes}m.`,
        createdAt: at + minutes * 60_000,
        affectedComponents: [{ componentId: `c${component}`, oldStatus: 'major_outage', newStatus: 'operational' }],
      },
    ],
  });
  await store.commitBatch({
    results: [],
    states: [],
    statusChanges: [],
    componentStatuses: [],
    incidents: [incident('benchinc0001', 3, now - 20 * DAY, 42), incident('benchinc0002', 7, now - 3 * DAY, 12)],
  });
  await store.close();
}
