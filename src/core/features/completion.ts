// Completion of alert names (headings, name fields, front matter) and of part headings and labels.
import { CompletionItemKind, type CompletionItem, type Position } from 'vscode-languageserver-types';
import type { ResolvedConfig } from '../config.js';
import type { WorkspaceIndex } from '../index/workspaceIndex.js';
import type { RunbookSection } from '../markdown/sections.js';
import type { WorkspacePath } from '../types.js';
import { contains } from './positions.js';

const HEADING = /^(#{1,6})[ \t]+([^\s]*)$/;
const NAME_FIELD = /^\s*(?:[-*+]\s+)?\*\*(?:name|alert|alert ?name)\*\*:?\s*`?([\w:.-]*)$/i;
const FRONT_MATTER_ALERT = /^(?:alert:\s*|alerts:\s*\[(?:[^\]]*,\s*)?|\s*-\s+)([\w:.-]*)$/;
const LABEL = /^\s*(?:[-*+]\s+)?\*\*([\w &]*)$/;

export function completion(index: WorkspaceIndex, config: ResolvedConfig, path: WorkspacePath, position: Position): CompletionItem[] {
  const doc = index.runbooks.get(path);
  if (!doc) return [];
  const before = doc.lines.lineText(position.line).slice(0, position.character);
  const sections = index.sectionsOf(path);
  const section = innermost(sections.filter((s) => s.heading && s.range.start.line < position.line && contains(doc.lines.rangeOf(s.start, s.end), position)));
  const inFrontMatter = doc.frontMatter && position.line < doc.frontMatter.range.end.line && position.line > 0;

  if (inFrontMatter) {
    const match = FRONT_MATTER_ALERT.exec(before);
    return match ? alertItems(index, match[1], (name) => name) : [];
  }
  const field = NAME_FIELD.exec(before);
  if (field) return alertItems(index, field[1], (name) => (before.endsWith('`') || /`[\w:.-]*$/.test(before) ? name : `\`${name}\``));
  const heading = HEADING.exec(before);
  if (heading) {
    const items = section && heading[1].length > (section.heading?.depth ?? 0) ? partItems(config, section, 'heading') : [];
    const kebab = prefersKebab(sections);
    return [...items, ...alertItems(index, heading[2], (name) => (kebab ? toKebab(name) : name))];
  }
  const label = LABEL.exec(before);
  if (label && section) return partItems(config, section, 'label');
  return [];
}

/** Alerts the rules define, those without a runbook section first. */
function alertItems(index: WorkspaceIndex, typed: string, insert: (name: string) => string): CompletionItem[] {
  const sections = index.sectionsByKey();
  const items: CompletionItem[] = [];
  for (const [key, rules] of index.alertsByKey()) {
    const { rule, file } = rules[0];
    const covered = sections.has(key);
    items.push({
      label: rule.name,
      kind: CompletionItemKind.Event,
      detail: covered ? `alert · ${file}` : `alert without a runbook · ${file}`,
      documentation: rule.expr ? { kind: 'markdown', value: '```promql\n' + rule.expr.trim() + '\n```' } : undefined,
      insertText: insert(rule.name),
      filterText: typed ? insert(rule.name) : undefined,
      sortText: `${covered ? 1 : 0}${rule.name}`,
    });
  }
  return items;
}

/** The required parts a section still lacks, as headings or bold labels. */
function partItems(config: ResolvedConfig, section: RunbookSection, style: 'heading' | 'label'): CompletionItem[] {
  const present = new Set(section.parts.map((p) => p.part));
  return config.requiredParts.filter((part) => !present.has(part)).map((part) => {
    const label = config.partAliases[part]?.[0] ?? part;
    return {
      label: style === 'heading' ? label : `**${label}**:`,
      kind: CompletionItemKind.Property,
      detail: `the "${part}" part this runbook section is missing`,
      insertText: style === 'heading' ? label : `${label}**: `,
      sortText: `0${part}`,
    };
  });
}

function innermost(sections: RunbookSection[]): RunbookSection | undefined {
  return sections.sort((a, b) => b.start - a.start)[0];
}

/** Does this runbook name its sections `## high-api-error-rate` (seed 004's style)? */
function prefersKebab(sections: RunbookSection[]): boolean {
  return sections.some((s) => s.heading && /^[a-z0-9]+(?:-[a-z0-9]+)+$/.test(s.heading.text));
}

export function toKebab(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1-$2')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .toLowerCase();
}
