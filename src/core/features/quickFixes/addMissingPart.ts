// missing-section → add the part, in the section's own style, where it belongs in the part order.
import type { RunbookDoc } from '../../markdown/runbookModel.js';
import type { RunbookSection, SectionPart } from '../../markdown/sections.js';
import type { ResolvedConfig } from '../../config.js';
import { dataOf, type QuickFixProvider } from './types.js';

export const addMissingPart: QuickFixProvider = {
  code: 'missing-section',
  fixes(lens, path, diagnostic) {
    const { alert, part } = dataOf<{ alert: string; part: string }>(diagnostic);
    const doc = lens.index.runbooks.get(path);
    const sections = lens.index.sectionsOf(path);
    const section = sections.find((s) => s.alert === alert && s.range.start.line === diagnostic.range.start.line);
    if (!doc || !section || !part) return [];
    const label = preferredLabel(lens.config, sections, part);
    const style = sectionStyle(section, sections);
    const { offset, before, after } = insertionPoint(doc, section, part, lens.config.requiredParts);
    const depth = headingDepth(section);
    // A blank line after a label: `**Label**:` over a lone `-` would be a setext heading.
    const block = style === 'heading' ? `${'#'.repeat(depth)} ${label}\n\n- ` : `**${label}**:\n\n- `;
    const position = doc.lines.positionAt(offset);
    return [{
      title: `Add a "${label}" ${style === 'heading' ? 'heading' : 'label'} to ${alert}`,
      diagnostic,
      isPreferred: true,
      edit: { changes: [{ path, edits: [{ range: { start: position, end: position }, newText: before + block + after }] }] },
    }];
  },
};

/** The alias this document already uses for the part elsewhere, else the first alias. */
function preferredLabel(config: ResolvedConfig, sections: RunbookSection[], part: string): string {
  const counts = new Map<string, number>();
  for (const p of sections.flatMap((s) => s.parts)) if (p.part === part) counts.set(p.label, (counts.get(p.label) ?? 0) + 1);
  const [mostUsed] = [...counts].sort((a, b) => b[1] - a[1]);
  return mostUsed?.[0] ?? config.partAliases[part]?.[0] ?? part;
}

/** Heading parts or bold-label parts: the section's own majority, else the document's. */
function sectionStyle(section: RunbookSection, sections: RunbookSection[]): SectionPart['style'] {
  const vote = (parts: SectionPart[]) => parts.reduce((n, p) => n + (p.style === 'heading' ? 1 : -1), 0);
  const own = vote(section.parts);
  if (own !== 0) return own > 0 ? 'heading' : 'label';
  return vote(sections.flatMap((s) => s.parts)) >= 0 ? 'heading' : 'label';
}

/** The level of the section's other part headings, else one below the section's heading. */
function headingDepth(section: RunbookSection): number {
  const own = section.parts.find((p) => p.style === 'heading' && p.depth);
  return Math.min(6, own?.depth ?? (section.heading?.depth ?? 1) + 1);
}

/** Before the first present part that comes later in the required order, else after the section's last content. */
function insertionPoint(doc: RunbookDoc, section: RunbookSection, part: string, order: string[]): { offset: number; before: string; after: string } {
  const rank = order.indexOf(part);
  const later = section.parts.find((p) => order.indexOf(p.part) > rank);
  if (later) {
    const lineStart = doc.lines.offsetAt({ line: later.range.start.line, character: 0 });
    const indent = doc.lines.lineText(later.range.start.line).match(/^\s*/)?.[0] ?? '';
    return { offset: lineStart + indent.length, before: '', after: `\n\n${indent}` };
  }
  let end = section.end;
  while (end > section.start && /\s/.test(doc.lines.text[end - 1])) end--;
  // Thematic breaks (`---`) close a section in seed 004: insert above them.
  const tail = doc.lines.text.slice(section.start, end);
  const rule = /\n[ \t]*(?:-{3,}|\*{3,}|_{3,})[ \t]*$/.exec(tail);
  if (rule) {
    end = section.start + rule.index;
    while (end > section.start && /\s/.test(doc.lines.text[end - 1])) end--;
  }
  return { offset: end, before: '\n\n', after: '' };
}
