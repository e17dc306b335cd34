// "Open Rule for This Section": the alert rules behind the runbook section the cursor is in.
import type { Position } from 'vscode-languageserver-types';
import type { IndexedRule, WorkspaceIndex } from '../index/workspaceIndex.js';
import type { WorkspacePath } from '../types.js';
import { alertAt } from './alertAt.js';

export interface SectionRules {
  /** The section's alert as the runbook names it (several, comma-separated, for `alerts: [A, B]`). */
  alert: string;
  /** Every rule that defines it, in rule-file order; empty when no rule does (unknown-alert). */
  rules: IndexedRule[];
}

/**
 * The innermost alert section around `position` and its rules. Outside every section, an alert
 * named right under the cursor (an index-table cell, a code span) counts as well; else undefined.
 */
export function sectionRulesAt(index: WorkspaceIndex, path: WorkspacePath, position: Position): SectionRules | undefined {
  const doc = index.runbooks.get(path);
  if (!doc) return undefined;
  const offset = doc.lines.offsetAt(position);
  const around = index.sectionsOf(path).filter((s) => s.start <= offset && offset <= s.end);
  const keys: { alert: string; key: string }[] = [];
  if (around.length > 0) {
    // Front matter `alerts: [A, B]` makes several sections over the same text: all of them.
    const innermost = Math.max(...around.map((s) => s.start));
    for (const section of around) if (section.start === innermost) keys.push({ alert: section.alert, key: section.key });
  } else {
    const mention = alertAt(index, path, position);
    if (!mention) return undefined;
    keys.push({ alert: index.alertsByKey().get(mention.key)?.[0].rule.name ?? mention.name, key: mention.key });
  }
  const unique = keys.filter((k, i) => keys.findIndex((other) => other.key === k.key) === i);
  return {
    alert: unique.map((k) => k.alert).join(', '),
    rules: unique.flatMap((k) => index.alertsByKey().get(k.key) ?? []),
  };
}
