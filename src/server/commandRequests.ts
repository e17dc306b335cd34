// The requests behind the editor commands "New Runbook for Alert…" and "Open Rule for This
// Section": the core's answers in URIs, over every workspace folder.
import type { Position } from 'vscode-languageserver/node';
import { alertsWithoutRunbook, newRunbookPlan } from '../core/features/newRunbook.js';
import { sectionRulesAt } from '../core/features/sectionRules.js';
import { workspaceCoverage, type AlertRule } from '../core/api.js';
import type {
  AlertSummary, AlertsWithoutRunbook, NewRunbookTargets, NewRunbookTargetsParams, SectionRules,
} from '../shared/protocol.js';
import type { FolderState } from './folderState.js';

function summary(folder: FolderState, rule: AlertRule, file: string, alsoIn: string[] = []): AlertSummary {
  return {
    name: rule.name,
    uri: folder.uriOf(file),
    line: rule.nameRange.start.line,
    group: rule.group,
    severity: rule.labels.severity,
    summary: rule.annotations.summary ?? rule.annotations.description ?? rule.annotations.message,
    alsoIn: alsoIn.map((path) => folder.uriOf(path)),
  };
}

export function alertsWithoutRunbookIn(folders: FolderState[]): AlertsWithoutRunbook {
  const report: AlertsWithoutRunbook = { alerts: [], total: 0 };
  for (const folder of folders) {
    const coverage = workspaceCoverage(folder.lens.index);
    report.total += coverage.length;
    for (const a of alertsWithoutRunbook(folder.lens, coverage)) report.alerts.push(summary(folder, a.rule, a.file, a.alsoIn));
  }
  return report;
}

export function newRunbookTargetsIn(folders: FolderState[], params: NewRunbookTargetsParams): NewRunbookTargets {
  // The folder that holds the given rule file, else the first that defines the alert.
  const inFolder = params.uri ? folders.filter((f) => f.pathOf(params.uri!) !== undefined) : folders;
  for (const folder of inFolder) {
    const plan = newRunbookPlan(folder.lens, params.alert, params.uri ? folder.pathOf(params.uri) : undefined);
    if (plan.status === 'unknown') continue;
    if (plan.status === 'covered') {
      const runbooks = plan.sections.map((s) => ({ uri: folder.uriOf(s.path), line: s.range.start.line }));
      return { status: 'covered', alert: summary(folder, plan.rule, plan.file), runbooks, targets: [] };
    }
    const targets = plan.targets.map((t) => ({
      kind: t.kind, uri: folder.uriOf(t.path), title: t.title, detail: t.detail, at: t.at, text: t.text, cursorOffset: t.cursorOffset,
    }));
    return { status: 'ok', alert: summary(folder, plan.rule, plan.file), runbooks: [], targets };
  }
  return { status: 'unknown', runbooks: [], targets: [] };
}

export function sectionRulesIn(folder: FolderState, path: string, position: Position): SectionRules | null {
  const found = sectionRulesAt(folder.lens.index, path, position);
  if (!found) return null;
  return {
    alert: found.alert,
    rules: found.rules.map(({ rule, file }) => ({
      name: rule.name, uri: folder.uriOf(file), range: rule.nameRange, group: rule.group, severity: rule.labels.severity,
    })),
  };
}
