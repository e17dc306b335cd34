// Where alert names are written, and which one is under the cursor.
import type { Position, Range } from 'vscode-languageserver-types';
import { alertKey } from '../names.js';
import type { WorkspaceIndex } from '../index/workspaceIndex.js';
import type { WorkspacePath } from '../types.js';
import { contains, type Place } from './positions.js';

export type MentionKind = 'rule' | 'test-reference' | 'section' | 'front-matter' | 'field' | 'code' | 'index-table';

export interface AlertMention extends Place {
  key: string;
  /** As written there. */
  name: string;
  kind: MentionKind;
}

/** Every place an alert is named in one file. */
export function mentionsIn(index: WorkspaceIndex, path: WorkspacePath): AlertMention[] {
  const out: AlertMention[] = [];
  const add = (name: string, range: Range, kind: MentionKind) => out.push({ path, key: alertKey(name), name, range, kind });
  const ruleFile = index.ruleFiles.get(path);
  if (ruleFile) {
    for (const rule of ruleFile.rules) if (rule.kind === 'alert') add(rule.name, rule.nameRange, 'rule');
    for (const reference of ruleFile.references) add(reference.name, reference.range, 'test-reference');
  }
  const doc = index.runbooks.get(path);
  if (!doc) return out;
  const sections = index.sectionsOf(path);
  const sectionKeys = new Set(sections.map((s) => s.key));
  const alerts = index.alertsByKey();
  const isAlert = (name: string) => alerts.has(alertKey(name)) || sectionKeys.has(alertKey(name));
  const taken = new Set<string>();
  for (const section of sections) {
    if (section.source === 'front-matter') continue;
    add(section.alert, section.nameRange, section.source === 'field' ? 'field' : 'section');
    taken.add(rangeKey(section.nameRange));
  }
  for (const entry of doc.frontMatter?.alerts ?? []) add(entry.name, entry.range, 'front-matter');
  for (const entry of doc.indexEntries) {
    add(entry.alert, entry.range, 'index-table');
    taken.add(rangeKey(entry.range));
  }
  for (const span of doc.codeSpans) {
    if (!/^[A-Za-z][\w:.-]*$/.test(span.text) || !isAlert(span.text)) continue;
    const range = doc.lines.rangeOf(span.start, span.end);
    if (!taken.has(rangeKey(range))) add(span.text, range, 'code');
  }
  return out;
}

export function alertAt(index: WorkspaceIndex, path: WorkspacePath, position: Position): AlertMention | undefined {
  return mentionsIn(index, path).find((mention) => contains(mention.range, position));
}

/** Every mention of one alert across the workspace. */
export function mentionsOf(index: WorkspaceIndex, key: string): AlertMention[] {
  const files = [...new Set([...index.ruleFiles.keys(), ...index.runbooks.keys()])].sort();
  return files.flatMap((file) => mentionsIn(index, file).filter((mention) => mention.key === key));
}

function rangeKey(range: Range): string {
  return `${range.start.line}:${range.start.character}`;
}
