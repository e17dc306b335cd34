// Go to definition and find references, between alert rules and runbook sections.
import type { Position } from 'vscode-languageserver-types';
import type { WorkspaceIndex } from '../index/workspaceIndex.js';
import type { AlertRule, WorkspacePath } from '../types.js';
import { alertAt, mentionsOf } from './alertAt.js';
import { contains, uniquePlaces, type Place } from './positions.js';

/**
 * From a runbook's alert name to the rules that define it; from a rule (`- alert: X`) to the
 * runbook sections for it; from a `runbook_url` to where it leads.
 */
export function definition(index: WorkspaceIndex, path: WorkspacePath, position: Position): Place[] {
  const url = runbookUrlTarget(index, path, position);
  if (url) return [url];
  const mention = alertAt(index, path, position);
  if (!mention) return [];
  if (mention.kind === 'rule') return sectionsFor(index, mention.key, path, position);
  const rules = rulesFor(index, mention.key);
  if (rules.length > 0) return rules;
  // No rule defines it: the runbook section is the best there is (from a table or a mention).
  return (index.sectionsByKey().get(mention.key) ?? [])
    .map((entry) => ({ path: entry.file, range: entry.section.range }))
    .filter((place) => !(place.path === path && contains(place.range, position)));
}

/** Every place that names the alert under the cursor. */
export function references(index: WorkspaceIndex, path: WorkspacePath, position: Position, includeDeclaration: boolean): Place[] {
  const mention = alertAt(index, path, position);
  if (!mention) return [];
  return mentionsOf(index, mention.key)
    .filter((m) => includeDeclaration || m.kind !== 'rule')
    .map((m) => ({ path: m.path, range: m.range }));
}

export function rulesFor(index: WorkspaceIndex, key: string): Place[] {
  return (index.alertsByKey().get(key) ?? []).map((entry) => ({ path: entry.file, range: entry.rule.nameRange }));
}

function sectionsFor(index: WorkspaceIndex, key: string, path: WorkspacePath, position: Position): Place[] {
  const places: Place[] = (index.sectionsByKey().get(key) ?? []).map((entry) => ({ path: entry.file, range: entry.section.range }));
  const rule = index.ruleFiles.get(path)?.rules.find((r) => contains(r.nameRange, position));
  const target = rule && runbookUrlPlace(index, path, rule);
  if (target) places.push(target);
  return uniquePlaces(places);
}

function runbookUrlTarget(index: WorkspaceIndex, path: WorkspacePath, position: Position): Place | undefined {
  const rule = index.ruleFiles.get(path)?.rules.find((r) => r.runbookUrlRange && contains(r.runbookUrlRange, position));
  return rule ? runbookUrlPlace(index, path, rule) : undefined;
}

/** Where a rule's runbook_url leads: the anchor's heading, or the top of the file. */
export function runbookUrlPlace(index: WorkspaceIndex, path: WorkspacePath, rule: AlertRule): Place | undefined {
  const target = index.resolveRunbookUrl(rule, path);
  if (target?.kind !== 'workspace' || !target.file) return undefined;
  const heading = target.anchor ? index.runbooks.get(target.file)?.anchors.get(target.anchor.toLowerCase()) : undefined;
  return { path: target.file, range: heading?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } };
}
