import type { ModelComponent, StatusModel } from '../../../src/http/public/status-model.ts';
import { statusModelFixture } from '../../support/status-model-fixture.ts';

/**
 * The fixture scaled to `count` components in groups of five, each with the 90-day history and latency series
 * of one of the fixture's components. For page-size and rendering tests.
 */
export function largeStatusModel(count = 50): StatusModel {
  const base = statusModelFixture();
  const templates = base.components.filter((c) => c.id !== 'batch');
  const components: ModelComponent[] = [];
  const history = new Map<string, NonNullable<ReturnType<typeof base.history.get>>>();
  for (let i = 0; i < count; i++) {
    const template = templates[i % templates.length]!;
    const id = `svc-${String(i).padStart(3, '0')}`;
    components.push({
      ...template,
      id,
      name: `Service ${i + 1}`,
      group: `Region ${Math.floor(i / 5) + 1}`,
      position: i,
      monitorIds: [`${id}-check`],
    });
    history.set(id, base.history.get(template.id)!);
  }
  return { ...base, components, history };
}
