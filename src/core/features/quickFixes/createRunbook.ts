// missing-runbook → a new runbook section for the alert, prefilled from its rule, in the style of
// the runbook that already holds its neighbours' sections (or a new file per alert).
import { perAlertFileName } from '../runbookFileNames.js';
import { alertKey } from '../../names.js';
import type { RunbookLens } from '../../service.js';
import type { RunbookSection } from '../../markdown/sections.js';
import type { AlertRule, WorkspacePath } from '../../types.js';
import { dirName, joinPath } from '../../workspace.js';
import { toKebab } from '../completion.js';
import { dataOf, type QuickFixProvider } from './types.js';

export const createRunbook: QuickFixProvider = {
  code: 'missing-runbook',
  fixes(lens, path, diagnostic) {
    const { alert } = dataOf<{ alert: string }>(diagnostic);
    const rule = lens.index.ruleFiles.get(path)?.rules.find((r) => r.name === alert && r.kind === 'alert');
    if (!rule) return [];
    const home = neighbourRunbook(lens, path);
    if (home) {
      const doc = lens.index.runbooks.get(home)!;
      const sections = lens.index.sectionsOf(home).filter((s) => s.heading);
      const text = sectionText(lens, rule, sections);
      const end = doc.lines.positionAt(doc.lines.text.length);
      const separator = doc.lines.text.endsWith('\n') ? '\n' : '\n\n';
      return [{
        title: `Add a runbook section for ${rule.name} to ${home}`,
        diagnostic,
        isPreferred: true,
        edit: { changes: [{ path: home, edits: [{ range: { start: end, end }, newText: separator + text }] }] },
      }];
    }
    const folder = filePerAlertFolder(lens) ?? 'runbooks';
    const file = joinPath(folder, `${perAlertFileName(lens, folder, rule.name)}.md`);
    if (lens.index.files.has(file)) return [];
    return [{
      title: `Create ${file} for ${rule.name}`,
      diagnostic,
      edit: { create: [{ path: file, text: fileText(lens, rule) }], changes: [] },
    }];
  },
};

/** The runbook holding most sections for the other alerts of this rule file. */
function neighbourRunbook(lens: RunbookLens, ruleFile: WorkspacePath): WorkspacePath | undefined {
  const counts = new Map<WorkspacePath, number>();
  for (const rule of lens.index.ruleFiles.get(ruleFile)?.rules ?? []) {
    for (const entry of lens.index.sectionsByKey().get(alertKey(rule.name)) ?? []) {
      if (entry.section.heading && entry.section.source !== 'file' && entry.section.source !== 'front-matter') {
        counts.set(entry.file, (counts.get(entry.file) ?? 0) + 1);
      }
    }
  }
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0];
}

/** A folder of one-file-per-alert runbooks, if the workspace has one. */
export function filePerAlertFolder(lens: RunbookLens): WorkspacePath | undefined {
  for (const [file] of lens.index.runbooks) {
    if (lens.index.sectionsOf(file).some((s) => s.source === 'file' || s.source === 'front-matter')) return dirName(file);
  }
  return undefined;
}

export function sectionText(lens: RunbookLens, rule: AlertRule, sections: RunbookSection[]): string {
  const sample = sections[0];
  const depth = sample?.heading?.depth ?? 2;
  const kebab = sections.some((s) => /^[a-z0-9]+(?:-[a-z0-9]+)+$/.test(s.heading!.text));
  const headingText = kebab ? toKebab(rule.name) : rule.name;
  const labels = sample && sample.parts.filter((p) => p.style === 'label').length >= sample.parts.length / 2;
  return `${'#'.repeat(depth)} ${headingText}\n\n${partsText(lens, rule, sections, labels ? 'label' : 'heading', depth + 1)}`;
}

export function fileText(lens: RunbookLens, rule: AlertRule): string {
  return `---\nalert: ${rule.name}\n---\n\n# ${rule.name}\n\n${partsText(lens, rule, [], 'heading', 2)}`;
}

function partsText(lens: RunbookLens, rule: AlertRule, sections: RunbookSection[], style: 'label' | 'heading', depth: number): string {
  const summary = rule.annotations.summary ?? rule.annotations.description ?? rule.annotations.message;
  const facts = [
    rule.expr !== undefined ? `Fires when \`${rule.expr.replace(/\s+/g, ' ').trim()}\`` : undefined,
    rule.for ? `holds for ${rule.for}` : undefined,
    rule.labels.severity ? `(severity: ${rule.labels.severity})` : undefined,
  ].filter(Boolean).join(' ');
  const alertText = [summary?.trim(), facts ? `${facts}.` : undefined].filter(Boolean).join(' ');
  return lens.config.requiredParts.map((part) => {
    const label = labelFor(lens, sections, part);
    const body = part === 'alert' && alertText ? alertText : part === 'triage' ? '1. ' : '- ';
    if (style === 'heading') return `${'#'.repeat(Math.min(depth, 6))} ${label}\n\n${body}\n`;
    // Prose on the label's line; a list after a blank line (a lone `-` under a label is a setext heading).
    return part === 'alert' && alertText ? `**${label}**: ${body}\n` : `**${label}**:\n\n${body}\n`;
  }).join('\n');
}

function labelFor(lens: RunbookLens, sections: RunbookSection[], part: string): string {
  return sections.flatMap((s) => s.parts).find((p) => p.part === part)?.label ?? lens.config.partAliases[part]?.[0] ?? part;
}
