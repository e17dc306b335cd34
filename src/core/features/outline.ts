// Document symbols, folding ranges and document links.
import { SymbolKind, type DocumentSymbol, type FoldingRange } from 'vscode-languageserver-types';
import type { WorkspaceIndex } from '../index/workspaceIndex.js';
import type { WorkspacePath } from '../types.js';
import { runbookUrlPlace, rulesFor } from './navigation.js';
import type { Place } from './positions.js';
import { alertKey } from '../names.js';

/** Runbooks: each alert section, then its parts. Rule files: each rule. */
export function documentSymbols(index: WorkspaceIndex, path: WorkspacePath): DocumentSymbol[] {
  const doc = index.runbooks.get(path);
  if (doc) {
    return index.sectionsOf(path).map((section) => {
      const range = doc.lines.rangeOf(section.start, trimEnd(doc.lines.text, section.start, section.end));
      return {
        name: section.alert,
        detail: section.known ? 'alert runbook' : 'runbook (no rule defines this alert)',
        kind: SymbolKind.Event,
        range,
        selectionRange: section.range,
        children: section.parts.map((part) => ({
          name: part.label,
          detail: part.part,
          kind: SymbolKind.Field,
          range: doc.lines.rangeOf(doc.lines.offsetAt(part.range.start), Math.max(doc.lines.offsetAt(part.range.start), trimEnd(doc.lines.text, part.contentStart, part.contentEnd))),
          selectionRange: part.range,
        })),
      };
    });
  }
  const ruleFile = index.ruleFiles.get(path);
  return (ruleFile?.rules ?? []).map((rule) => ({
    name: rule.name,
    detail: rule.kind === 'alert' ? `alert · ${rule.group}` : `record · ${rule.group}`,
    kind: rule.kind === 'alert' ? SymbolKind.Event : SymbolKind.Variable,
    range: rule.range,
    selectionRange: rule.nameRange,
  }));
}

/** One fold per alert section, from its heading to its last line of content. */
export function foldingRanges(index: WorkspaceIndex, path: WorkspacePath): FoldingRange[] {
  const doc = index.runbooks.get(path);
  if (!doc) return [];
  return index.sectionsOf(path)
    .filter((section) => section.heading)
    .map((section) => ({
      startLine: section.range.start.line,
      endLine: doc.lines.positionAt(trimEnd(doc.lines.text, section.start, section.end)).line,
      kind: 'region',
    }))
    .filter((range) => range.endLine > range.startLine);
}

export interface DocumentLinkPlace {
  range: Place['range'];
  target: Place;
  tooltip: string;
}

/** Rule files: each runbook_url that leads to a workspace file. Runbooks: alert index-table cells to their rule. */
export function documentLinks(index: WorkspaceIndex, path: WorkspacePath): DocumentLinkPlace[] {
  const links: DocumentLinkPlace[] = [];
  for (const rule of index.ruleFiles.get(path)?.rules ?? []) {
    const target = rule.runbookUrlRange && runbookUrlPlace(index, path, rule);
    if (target && rule.runbookUrlRange) links.push({ range: rule.runbookUrlRange, target, tooltip: `Open the runbook (${target.path})` });
  }
  for (const entry of index.runbooks.get(path)?.indexEntries ?? []) {
    const [rule] = rulesFor(index, alertKey(entry.alert));
    if (rule) links.push({ range: entry.range, target: rule, tooltip: `Open the rule for ${entry.alert} (${rule.path})` });
  }
  return links;
}

/** The offset after the last non-blank character in [start, end). */
function trimEnd(text: string, start: number, end: number): number {
  let i = end;
  while (i > start && /\s/.test(text[i - 1])) i--;
  return i;
}
