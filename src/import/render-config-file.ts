import { stringify } from 'yaml';
import type { ImportPlan } from './import-plan.ts';

const WHY = 'a config file holds no {what}: import with --into-store to keep it';

/**
 * The plan as a Pharos config file (YAML). Groups are implied by their components' `group` (a description is
 * lost, and said); incidents, subscribers and history live only in the store, so each is reported as left out.
 * `${ENV}` references are kept as written: Pharos substitutes them when it loads the file.
 */
export function renderConfigFile(plan: ImportPlan, source: string): string {
  for (const g of plan.groups)
    if (g.value.description) plan.report.approximate(g.line, 'its description is kept only with --into-store');
  for (const p of plan.incidents) plan.report.drop(p.line, WHY.replace('{what}', 'incidents'));
  for (const p of plan.subscribers) plan.report.drop(p.line, WHY.replace('{what}', 'subscribers'));
  for (const p of plan.history) plan.report.drop(p.line, WHY.replace('{what}', 'check history'));
  const doc: Record<string, unknown> = {};
  if (plan.title) doc.title = plan.title;
  if (plan.monitors.length) doc.monitors = plan.monitors.map((p) => p.value);
  if (plan.components.length) doc.components = plan.components.map((p) => p.value);
  if (plan.maintenances.length) doc.maintenances = plan.maintenances.map((p) => p.value);
  if (plan.channels.length) doc.notifications = plan.channels.map((p) => p.value);
  if (plan.pages.length) doc.pages = plan.pages.map((p) => p.value);
  const head = `# Imported from ${source} by pharos import-from on ${new Date().toISOString().slice(0, 10)}.\n# It may hold secrets (passwords, tokens, webhook URLs): keep it private.\n`;
  return head + stringify(doc, { lineWidth: 0 });
}
