// The section resolver as it was before it was made faster (sections.ts at 86933d1, the straight
// way: a list of boundaries sorted per heading, a name looked up again once found), kept as the
// reference the property test compares the fast one with. Not used by the extension.
import type { Range } from '../../src/core/types';
import { alertKey, headingAlertText } from '../../src/core/names';
import type { HeadingInfo, LabelInfo, RunbookDoc } from '../../src/core/markdown/runbookModel';
import { isEmptyContent, firstAtOrAfter, type RunbookSection, type SectionContext, type SectionPart, type SectionSource } from '../../src/core/markdown/sections';

/** Field labels whose value names the section's alert. */
const NAME_FIELDS = new Set(['name', 'alert', 'alert name', 'alertname']);

export function referenceSections(doc: RunbookDoc, context: SectionContext): RunbookSection[] {
  const textLength = doc.lines.text.length;
  const front = doc.frontMatter?.alerts ?? [];
  if (front.length > 0) {
    const h1 = doc.headings.find((h) => h.depth === 1);
    return front.map((entry) => {
      const key = alertKey(entry.name);
      const known = context.knownAlert(key);
      return {
        alert: known ?? entry.name, key, known: known !== undefined, source: 'front-matter' as const,
        heading: h1, range: h1?.range ?? entry.range, nameRange: entry.range, start: 0, end: textLength,
        parts: collectParts(doc, context, 0, textLength, []),
      };
    });
  }
  const sections: RunbookSection[] = [];
  const fieldLabels = new Set<LabelInfo>();
  const fileAlert = context.knownAlert(alertKey(baseName(doc.path)));
  const firstH1 = doc.headings.findIndex((h) => h.depth === 1);
  // Deepest first: a heading's own parts leave out the alert sections nested in it.
  for (let i = doc.headings.length - 1; i >= 0; i--) {
    const heading = doc.headings[i];
    if (context.partAliases.has(heading.partKey)) continue;
    // Sections found so far start after this heading, the latest found first: the nested ones are at the end.
    const nested: RunbookSection[] = [];
    for (let j = sections.length - 1; j >= 0 && sections[j].start < heading.sectionEnd; j--) nested.push(sections[j]);
    const found = nameFromFile(i === firstH1 ? fileAlert : undefined, heading)
      ?? nameFromHeading(heading, context)
      ?? nameFromField(doc, i, context, nested, fieldLabels);
    const parts = collectParts(doc, context, heading.end, heading.sectionEnd, nested, fieldLabels);
    let named = found;
    if (!named && distinctParts(parts, true) >= 2) {
      const text = headingAlertText(heading.text);
      named = { alert: text, nameRange: heading.range, source: 'parts' };
    }
    if (!named) continue;
    const key = alertKey(named.alert);
    const known = context.knownAlert(key);
    sections.push({
      alert: known ?? named.alert, key, known: known !== undefined, source: named.source, heading,
      range: heading.range, nameRange: named.nameRange, start: heading.start, end: heading.sectionEnd, parts,
    });
  }
  // A file named after an alert, with no H1 to carry the name (only part headings, or none): the whole file.
  if (fileAlert && firstH1 < 0 && !sections.some((s) => s.key === alertKey(fileAlert))) {
    const range = doc.lines.rangeOf(0, 0);
    sections.push({
      alert: fileAlert, key: alertKey(fileAlert), known: true, source: 'file', range, nameRange: range,
      start: 0, end: textLength, parts: collectParts(doc, context, 0, textLength, []),
    });
  }
  // Field labels found while naming outer headings are not parts: strip them from all sections.
  for (const section of sections) section.parts = section.parts.filter((p) => !isFieldPart(p, fieldLabels));
  return sections.reverse();
}

interface FoundName {
  alert: string;
  nameRange: Range;
  source: SectionSource;
}

function nameFromFile(fileAlert: string | undefined, heading: HeadingInfo): FoundName | undefined {
  return fileAlert ? { alert: fileAlert, nameRange: heading.range, source: 'file' } : undefined;
}

function nameFromHeading(heading: HeadingInfo, context: SectionContext): FoundName | undefined {
  const known = context.knownAlert(alertKey(headingAlertText(heading.text))) ?? context.knownAlert(alertKey(heading.text));
  return known ? { alert: known, nameRange: heading.range, source: 'heading' } : undefined;
}

/** `**Name**: \`X\`` or `**Alert**: \`X\`` (or a known name) in the heading's body or its `Alert` sub-section. */
function nameFromField(
  doc: RunbookDoc, index: number, context: SectionContext, nested: RunbookSection[], fieldLabels: Set<LabelInfo>,
): FoundName | undefined {
  const heading = doc.headings[index];
  const children = childHeadings(doc, index);
  const ownEnd = children[0]?.start ?? heading.sectionEnd;
  const spans: [number, number][] = [[heading.end, ownEnd]];
  for (const child of children) {
    if (context.partAliases.get(child.partKey) === 'alert') spans.push([child.end, child.sectionEnd]);
  }
  for (const [start, end] of spans) {
    for (const label of labelsIn(doc, start, end)) {
      if (!NAME_FIELDS.has(label.partKey) || insideAny(label.start, nested)) continue;
      const value = label.code?.text ?? firstWord(label.rest);
      const known = value ? context.knownAlert(alertKey(value)) : undefined;
      const isName = label.code !== undefined || known !== undefined || (label.partKey === 'name' && /^[A-Za-z][\w:.-]*$/.test(label.rest));
      if (!value || !isName) continue;
      fieldLabels.add(label);
      const name = label.code ?? label;
      return { alert: known ?? value, nameRange: doc.lines.rangeOf(name.start, name.end), source: 'field' };
    }
  }
  return undefined;
}

function collectParts(
  doc: RunbookDoc, context: SectionContext, start: number, end: number, nested: RunbookSection[], fieldLabels?: Set<LabelInfo>,
): SectionPart[] {
  const text = doc.lines.text;
  const boundaries: number[] = [];
  const candidates: { part: string; label: string; style: 'heading' | 'label'; depth?: number; start: number; end: number; contentStart: number; inList: boolean }[] = [];
  const headings = doc.headings;
  for (let i = firstAtOrAfter(headings, start); i < headings.length && headings[i].start < end; i++) {
    const heading = headings[i];
    if (insideAny(heading.start, nested)) continue;
    boundaries.push(heading.start);
    const part = context.partAliases.get(heading.partKey);
    if (part) candidates.push({ part, label: heading.text, style: 'heading', depth: heading.depth, start: heading.start, end: heading.sectionEnd, contentStart: heading.end, inList: false });
  }
  for (const label of labelsIn(doc, start, end)) {
    if (insideAny(label.start, nested) || fieldLabels?.has(label)) continue;
    boundaries.push(label.start);
    const part = context.partAliases.get(label.partKey);
    if (part) candidates.push({ part, label: label.text, style: 'label', start: label.start, end, contentStart: label.end, inList: label.inListItem });
  }
  for (const section of nested) boundaries.push(section.start);
  // Only label parts need the boundaries in order (a wide heading often has none of its own).
  if (candidates.some((c) => c.style === 'label')) boundaries.sort((a, b) => a - b);
  return candidates
    .sort((a, b) => a.start - b.start)
    .map((c) => {
      // A heading part runs over its own sub-headings; a label part stops at the next label or heading.
      const contentEnd = c.style === 'heading'
        ? Math.min(c.end, end)
        : Math.min(boundaries[firstAfter(boundaries, c.start)] ?? end, end);
      return {
        part: c.part, label: c.label, style: c.style, depth: c.depth, inList: c.inList,
        range: doc.lines.rangeOf(c.start, c.contentStart), contentStart: c.contentStart, contentEnd,
        empty: isEmptyContent(text.slice(c.contentStart, contentEnd)),
      };
    });
}

/**
 * How many distinct parts name a section that nothing else names. Labels in list items do not
 * count there: a bulleted list of labels describes a structure (seed 003) more often than it is one.
 */
function distinctParts(parts: SectionPart[], ignoreListLabels: boolean): number {
  const counted = parts.filter((p) => !(ignoreListLabels && p.inList));
  return new Set(counted.map((p) => p.part)).size;
}

function isFieldPart(part: SectionPart, fieldLabels: Set<LabelInfo>): boolean {
  if (part.style !== 'label') return false;
  for (const label of fieldLabels) if (label.end === part.contentStart) return true;
  return false;
}
/** Index of the first sorted offset greater than `offset`. */
function firstAfter(offsets: readonly number[], offset: number): number {
  let low = 0;
  let high = offsets.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (offsets[mid] <= offset) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** The headings directly under heading `index`: they follow it, before its section ends. */
function childHeadings(doc: RunbookDoc, index: number): HeadingInfo[] {
  const out: HeadingInfo[] = [];
  const end = doc.headings[index].sectionEnd;
  for (let i = index + 1; i < doc.headings.length && doc.headings[i].start < end; i++) {
    if (doc.headings[i].parent === index) out.push(doc.headings[i]);
  }
  return out;
}

function insideAny(offset: number, sections: RunbookSection[]): boolean {
  return sections.some((s) => offset >= s.start && offset < s.end);
}

function firstWord(text: string): string | undefined {
  return text.split(/[\s,;]+/)[0]?.replace(/^["'“‘]|["'”’.]$/g, '') || undefined;
}

function baseName(path: string): string {
  const name = path.split('/').pop() ?? path;
  return name.replace(/\.(md|markdown)$/i, '');
}

/** Labels whose start lies in [start, end); labels are in document order. */
function labelsIn(doc: RunbookDoc, start: number, end: number): LabelInfo[] {
  const labels = doc.labels;
  const out: LabelInfo[] = [];
  for (let i = firstAtOrAfter(labels, start); i < labels.length && labels[i].start < end; i++) out.push(labels[i]);
  return out;
}
