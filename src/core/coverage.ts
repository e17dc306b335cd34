import { alertKey } from './names.js';
import type { IndexedSection, WorkspaceIndex } from './index/workspaceIndex.js';
import type { RunbookUrlTarget } from './index/runbookUrls.js';
import type { AlertRule, WorkspacePath } from './types.js';

export interface AlertCoverage {
  rule: AlertRule;
  file: WorkspacePath;
  /** Sections that name the alert. */
  sections: IndexedSection[];
  /** Where its runbook_url leads, when it has one. */
  url?: RunbookUrlTarget;
  /** The URL maps to a workspace file that exists (and its anchor, if any). */
  urlResolves: boolean;
  /** It has a runbook: a section, a resolving URL, or an external URL nobody maps. */
  covered: boolean;
}

export function coverageOf(index: WorkspaceIndex, rule: AlertRule, file: WorkspacePath): AlertCoverage {
  const memo = index.coverageMemo();
  let coverage = memo.get(rule);
  if (coverage?.file !== file) memo.set(rule, (coverage = computeCoverage(index, rule, file)));
  return coverage;
}

function computeCoverage(index: WorkspaceIndex, rule: AlertRule, file: WorkspacePath): AlertCoverage {
  const sections = index.sectionsByKey().get(alertKey(rule.name)) ?? [];
  const url = index.resolveRunbookUrl(rule, file);
  const urlResolves = url?.kind === 'workspace' && url.file !== undefined && (!url.anchor || index.hasAnchor(url.file, url.anchor));
  const covered = sections.length > 0 || urlResolves || url?.kind === 'external';
  return { rule, file, sections, url, urlResolves, covered };
}

/** Every alert rule of the workspace with its runbooks, rule files in path order. */
export function workspaceCoverage(index: WorkspaceIndex): AlertCoverage[] {
  const out: AlertCoverage[] = [];
  for (const file of [...index.ruleFiles.keys()].sort()) {
    for (const rule of index.ruleFiles.get(file)!.rules) {
      if (rule.kind === 'alert') out.push(coverageOf(index, rule, file));
    }
  }
  return out;
}
