// Hovers: a runbook's alert name shows its rule; a rule's name shows the opening of its runbook.
import type { Hover, Position } from 'vscode-languageserver-types';
import type { IndexedRule, WorkspaceIndex } from '../index/workspaceIndex.js';
import type { WorkspacePath } from '../types.js';
import { alertAt } from './alertAt.js';

const PREVIEW_LINES = 12;

export function hover(index: WorkspaceIndex, path: WorkspacePath, position: Position): Hover | undefined {
  const mention = alertAt(index, path, position);
  if (!mention) return undefined;
  if (mention.kind === 'rule') {
    const sections = index.sectionsByKey().get(mention.key) ?? [];
    const value = sections.length > 0
      ? sections.map((entry) => runbookPreview(index, entry.file, entry.section.start, entry.section.end)).join('\n\n---\n\n')
      : `**${mention.name}** has no runbook section in this workspace.`;
    return { contents: { kind: 'markdown', value }, range: mention.range };
  }
  const rules = index.alertsByKey().get(mention.key) ?? [];
  const value = rules.length > 0
    ? rules.map(describeRule).join('\n\n---\n\n')
    : `No rule file in this workspace defines **${mention.name}**.`;
  return { contents: { kind: 'markdown', value }, range: mention.range };
}

/** The rule as an on-call engineer wants it at a glance: expression, `for`, labels, annotations, file. */
export function describeRule({ rule, file }: IndexedRule): string {
  const lines = [`**${rule.name}** · group \`${rule.group}\` · ${file}:${rule.nameRange.start.line + 1}`];
  if (rule.expr !== undefined) lines.push('', '```promql', rule.expr.trim(), '```');
  const facts = [`for: \`${rule.for ?? '0s (fires at once)'}\``];
  for (const [name, value] of Object.entries(rule.labels)) facts.push(`${name}: \`${value}\``);
  lines.push('', facts.join(' · '));
  const annotations = Object.entries(rule.annotations);
  if (annotations.length > 0) {
    lines.push('', ...annotations.map(([name, value]) => `- *${name}*: ${escapeMarkdown(value.trim())}`));
  }
  return lines.join('\n');
}

/** The first lines of a runbook section, as written. */
function runbookPreview(index: WorkspaceIndex, file: WorkspacePath, start: number, end: number): string {
  const doc = index.runbooks.get(file)!;
  const text = doc.lines.text.slice(start, end).split(/\r?\n/);
  const shown = text.slice(0, PREVIEW_LINES).join('\n').trimEnd();
  const more = text.slice(PREVIEW_LINES).some((line) => line.trim() !== '') ? '\n\n…' : '';
  return `*${file}:${doc.lines.positionAt(start).line + 1}*\n\n${shown}${more}`;
}

function escapeMarkdown(text: string): string {
  return text.replace(/([\\`*_{}[\]<>])/g, '\\$1').replace(/\n/g, ' ');
}
