// Which other files' diagnostics a change to one file can alter, so that an edit re-checks the
// edited file and only the files that depend on what changed in it.
import { alertKey } from './names.js';
import { linkTarget } from './workspace.js';
import type { WorkspaceIndex } from './index/workspaceIndex.js';
import type { WorkspacePath } from './types.js';

/** What other files can see of a file: the alerts it names or defines, and its anchors. */
export interface FileFacts {
  kind: 'runbook' | 'rules' | 'other';
  exists: boolean;
  /** Runbooks: section keys with their `known` flag; rule files: alert keys. */
  alerts: Set<string>;
  anchors: Set<string>;
}

export function factsOf(index: WorkspaceIndex, path: WorkspacePath): FileFacts {
  const alerts = new Set<string>();
  for (const section of index.runbooks.has(path) ? index.sectionsOf(path) : []) alerts.add(`${section.key}:${section.known}`);
  for (const rule of index.ruleFiles.get(path)?.rules ?? []) if (rule.kind === 'alert') alerts.add(alertKey(rule.name));
  const kind = index.runbooks.has(path) ? 'runbook' : index.ruleFiles.has(path) ? 'rules' : 'other';
  return { kind, exists: index.files.has(path), alerts, anchors: new Set(index.runbooks.get(path)?.anchors.keys() ?? []) };
}

export function dependents(index: WorkspaceIndex, path: WorkspacePath, before: FileFacts, after: FileFacts): WorkspacePath[] {
  const out = new Set<WorkspacePath>();
  const changedKeys = new Set([...difference(before.alerts, after.alerts), ...difference(after.alerts, before.alerts)].map((k) => k.split(':')[0]));
  const isRuleFile = before.kind === 'rules' || after.kind === 'rules';
  if (changedKeys.size > 0) {
    if (isRuleFile) {
      // Which headings are sections depends on the alerts: every runbook may change.
      for (const runbook of index.runbooks.keys()) out.add(runbook);
    } else {
      for (const key of changedKeys) for (const entry of index.sectionsByKey().get(key) ?? []) out.add(entry.file);
    }
    for (const [file, ruleFile] of index.ruleFiles) {
      if (ruleFile.rules.some((rule) => changedKeys.has(alertKey(rule.name)))) out.add(file);
    }
  }
  const anchorsChanged = before.exists !== after.exists || !sameSet(before.anchors, after.anchors);
  if (anchorsChanged) for (const file of filesPointingAt(index, path)) out.add(file);
  out.delete(path);
  return [...out].sort();
}

/** Runbooks that link to the file, and rule files whose runbook_url leads to it. */
function filesPointingAt(index: WorkspaceIndex, target: WorkspacePath): WorkspacePath[] {
  const out: WorkspacePath[] = [];
  for (const [file, doc] of index.runbooks) {
    if (doc.links.some((link) => linkTarget(file, link.path) === target)) out.push(file);
  }
  const lower = target.toLowerCase().replace(/\.md$/, '');
  for (const [file, ruleFile] of index.ruleFiles) {
    const points = ruleFile.rules.some((rule) => {
      const url = index.resolveRunbookUrl(rule, file);
      return url?.kind === 'workspace' && (url.file === target || url.path.toLowerCase().replace(/\/+$/, '').replace(/\.md$/, '') === lower);
    });
    if (points) out.push(file);
  }
  return out;
}

function difference<T>(a: Set<T>, b: Set<T>): T[] {
  return [...a].filter((x) => !b.has(x));
}

function sameSet<T>(a: Set<T>, b: Set<T>): boolean {
  return a.size === b.size && difference(a, b).length === 0;
}

/** Nothing another file can see of this one changed (its kind, existence, alerts and anchors). */
export function sameFacts(before: FileFacts, after: FileFacts): boolean {
  return before.kind === after.kind && before.exists === after.exists && sameSet(before.alerts, after.alerts) && sameSet(before.anchors, after.anchors);
}
