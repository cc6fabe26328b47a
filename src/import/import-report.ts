/** What became of one object of the source: mapped as is, approximated (notes say how), or left out (notes say why). */
export const IMPORT_OUTCOMES = ['mapped', 'approximated', 'left out'] as const;
export type ImportOutcome = (typeof IMPORT_OUTCOMES)[number];

export interface ReportLine {
  outcome: ImportOutcome;
  /** the source's kind of object: "monitor", "status page", "notification" … */
  kind: string;
  /** the source's name or id for it */
  source: string;
  /** what it became in Pharos ("monitor api-health"); absent when left out */
  target?: string;
  notes: string[];
}

/**
 * One line per object of the source, in the order met. Nothing is dropped without a line: a mapper that skips an
 * object calls `leftOut` with the reason. Secrets never appear in a line (callers name them, never quote them).
 */
export class ImportReport {
  readonly lines: ReportLine[] = [];

  /** mapped when there are no notes, approximated otherwise */
  add(kind: string, source: string, target: string, notes: readonly string[] = []): ReportLine {
    const line: ReportLine = {
      outcome: notes.length ? 'approximated' : 'mapped',
      kind,
      source,
      target,
      notes: [...notes],
    };
    this.lines.push(line);
    return line;
  }

  /** a note that does not make the mapping approximate (e.g. "secret carried, redacted here") */
  info(line: ReportLine, note: string): void {
    line.notes.push(note);
  }

  leftOut(kind: string, source: string, reason: string): ReportLine {
    const line: ReportLine = { outcome: 'left out', kind, source, notes: [reason] };
    this.lines.push(line);
    return line;
  }

  /** turn a mapped or approximated line into a left-out one (its object failed validation or writing) */
  drop(line: ReportLine, reason: string): void {
    line.outcome = 'left out';
    delete line.target;
    line.notes.push(reason);
  }

  approximate(line: ReportLine, note: string): void {
    if (line.outcome === 'mapped') line.outcome = 'approximated';
    line.notes.push(note);
  }

  counts(): Record<ImportOutcome, number> {
    const counts = { mapped: 0, approximated: 0, 'left out': 0 };
    for (const l of this.lines) counts[l.outcome] += 1;
    return counts;
  }
}

/** `approximated  monitor "API" → monitor api (http): retries 3 → failure_threshold 4` */
export function formatReportLine(line: ReportLine): string {
  const target = line.target ? ` → ${line.target}` : '';
  const notes = line.notes.length ? `: ${line.notes.join('; ')}` : '';
  return `${line.outcome.padEnd(12)}  ${line.kind} ${JSON.stringify(line.source)}${target}${notes}`;
}

export function formatReport(report: ImportReport): string {
  const c = report.counts();
  return [
    ...report.lines.map(formatReportLine),
    `${c.mapped} mapped, ${c.approximated} approximated, ${c['left out']} left out`,
  ].join('\n');
}
