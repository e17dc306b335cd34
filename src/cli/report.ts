// The CLI's JSON report (DESIGN.md, "CLI output"): a contract, lines and columns 1-based.
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { workspaceCoverage, type RunbookLens } from '../core/api.js';
import { lowerBound } from '../core/arrays.js';

export type SeverityLabel = 'error' | 'warning' | 'info' | 'hint';

export interface ReportDiagnostic {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: SeverityLabel;
  code: string;
  message: string;
}

export interface Report {
  summary: { runbooks: number; ruleFiles: number; alerts: number; covered: number; errors: number; warnings: number };
  diagnostics: ReportDiagnostic[];
  alerts: { name: string; file: string; line: number; runbookUrl?: string; runbooks: { file: string; line: number }[] }[];
  runbooks: {
    file: string; line: number; alert: string;
    parts: Record<string, number | null>;
    commands: { line: number; endLine: number; kind: string; language: string; text: string; placeholders: string[] }[];
  }[];
}

export const SEVERITY_LABEL: Record<DiagnosticSeverity, SeverityLabel> = {
  [DiagnosticSeverity.Error]: 'error',
  [DiagnosticSeverity.Warning]: 'warning',
  [DiagnosticSeverity.Information]: 'info',
  [DiagnosticSeverity.Hint]: 'hint',
};

/** Builds the report; `include` limits it to some files (the CLI's PATH arguments). */
export function buildReport(lens: RunbookLens, include: (file: string) => boolean = () => true): Report {
  const index = lens.index;
  const diagnostics: ReportDiagnostic[] = [];
  for (const file of lens.checkedFiles().filter(include)) {
    for (const d of lens.diagnosticsFor(file)) diagnostics.push(toReportDiagnostic(file, d));
  }
  const coverage = workspaceCoverage(index).filter((c) => include(c.file));
  const alerts = coverage.map((c) => {
    const runbooks = c.sections.map((s) => ({ file: s.file, line: s.section.range.start.line + 1 }));
    if (c.urlResolves && c.url?.kind === 'workspace' && c.url.file && !runbooks.some((r) => r.file === (c.url as { file: string }).file)) {
      const anchor = c.url.anchor ? index.runbooks.get(c.url.file)?.anchors.get(c.url.anchor.toLowerCase()) : undefined;
      runbooks.push({ file: c.url.file, line: (anchor?.range.start.line ?? 0) + 1 });
    }
    return { name: c.rule.name, file: c.file, line: c.rule.nameRange.start.line + 1, ...(c.rule.runbookUrl !== undefined ? { runbookUrl: c.rule.runbookUrl } : {}), runbooks };
  });
  const runbooks: Report['runbooks'] = [];
  const runbookFiles = new Set<string>();
  for (const file of [...index.runbooks.keys()].sort().filter(include)) {
    const doc = index.runbooks.get(file)!;
    // Commands are in document order: each section's are found by a binary search, not a scan of all.
    const commandOffsets = doc.commands.map((c) => doc.lines.offsetAt(c.range.start));
    for (const section of index.sectionsOf(file)) {
      runbookFiles.add(file);
      const parts: Record<string, number | null> = {};
      for (const part of lens.config.requiredParts) {
        const found = section.parts.find((p) => p.part === part);
        parts[part] = found ? found.range.start.line + 1 : null;
      }
      const commands: Report['runbooks'][number]['commands'] = [];
      for (let i = lowerBound(commandOffsets, section.start); i < commandOffsets.length && commandOffsets[i] < section.end; i++) {
        const c = doc.commands[i];
        commands.push({
          line: c.range.start.line + 1, endLine: c.range.end.line + 1, kind: c.kind, language: c.language, text: c.text,
          placeholders: placeholderNames(c.placeholders),
        });
      }
      runbooks.push({ file, line: section.range.start.line + 1, alert: section.alert, parts, commands });
    }
  }
  return {
    summary: {
      runbooks: runbookFiles.size,
      ruleFiles: [...index.ruleFiles.values()].filter((f) => f.rules.length > 0 && include(f.path)).length,
      alerts: alerts.length,
      covered: coverage.filter((c) => c.covered).length,
      errors: diagnostics.filter((d) => d.severity === 'error').length,
      warnings: diagnostics.filter((d) => d.severity === 'warning').length,
    },
    diagnostics, alerts, runbooks,
  };
}

/** Each placeholder's name once, in order of first use (most commands have none or one). */
function placeholderNames(placeholders: readonly { name: string }[]): string[] {
  if (placeholders.length < 2) return placeholders.length === 0 ? [] : [placeholders[0].name];
  return [...new Set(placeholders.map((p) => p.name))];
}

function toReportDiagnostic(file: string, d: Diagnostic): ReportDiagnostic {
  return {
    file,
    line: d.range.start.line + 1,
    column: d.range.start.character + 1,
    endLine: d.range.end.line + 1,
    endColumn: d.range.end.character + 1,
    severity: SEVERITY_LABEL[d.severity ?? DiagnosticSeverity.Warning],
    code: String(d.code),
    message: d.message,
  };
}

/** `file:line:col severity code message`, one line each (a VS Code problem matcher reads them). */
export function formatText(report: Report): string {
  const lines = report.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.severity} ${d.code} ${d.message}`);
  const s = report.summary;
  lines.push(`${s.runbooks} runbook file(s), ${s.ruleFiles} rule file(s), ${s.covered}/${s.alerts} alerts with a runbook; ${s.errors} error(s), ${s.warnings} warning(s)`);
  return lines.join('\n') + '\n';
}
