import { workspaceCoverage, type RunbookLens } from '../core/api.js';

export interface RuleFileCoverage {
  file: string;
  alerts: number;
  covered: number;
  uncovered: { name: string; line: number }[];
}

/** Per rule file: how many alerts have a runbook, and which do not. */
export function buildCoverage(lens: RunbookLens, include: (file: string) => boolean = () => true): RuleFileCoverage[] {
  const byFile = new Map<string, RuleFileCoverage>();
  for (const c of workspaceCoverage(lens.index)) {
    if (!include(c.file)) continue;
    const entry = byFile.get(c.file) ?? { file: c.file, alerts: 0, covered: 0, uncovered: [] };
    entry.alerts++;
    if (c.covered) entry.covered++;
    else entry.uncovered.push({ name: c.rule.name, line: c.rule.nameRange.start.line + 1 });
    byFile.set(c.file, entry);
  }
  return [...byFile.values()];
}

export function formatCoverageText(files: RuleFileCoverage[]): string {
  const lines: string[] = [];
  let alerts = 0;
  let covered = 0;
  for (const file of files) {
    alerts += file.alerts;
    covered += file.covered;
    lines.push(`${file.file}: ${file.covered}/${file.alerts} alerts have a runbook (${percent(file.covered, file.alerts)})`);
    for (const alert of file.uncovered) lines.push(`  ${file.file}:${alert.line} ${alert.name}`);
  }
  lines.push(`total: ${covered}/${alerts} alerts have a runbook (${percent(covered, alerts)})`);
  return lines.join('\n') + '\n';
}

function percent(part: number, whole: number): string {
  return whole === 0 ? '100%' : `${Math.floor((part / whole) * 100)}%`;
}
