// Which parts of a runbook document are alert sections (DESIGN.md, "What is a runbook section").
import type { Range } from '../types.js';
import { alertKey, headingAlertText } from '../names.js';
import type { HeadingInfo, LabelInfo, RunbookDoc } from './runbookModel.js';
import { mergeByStart } from '../arrays.js';

export type SectionSource = 'front-matter' | 'file' | 'heading' | 'field' | 'parts';

export interface RunbookSection {
  /** The alert's name: the rule's spelling when a rule defines it, else as the runbook writes it. */
  alert: string;
  key: string;
  /** A rule file defines the alert. */
  known: boolean;
  source: SectionSource;
  heading?: HeadingInfo;
  /** Where section diagnostics go: the heading, or the front matter. */
  range: Range;
  /** Where the alert's name is written (heading, field value or front-matter value). */
  nameRange: Range;
  start: number;
  end: number;
  parts: SectionPart[];
}

export interface SectionPart {
  /** The part it stands for: `triage`. */
  part: string;
  /** As written: `Investigation Steps`. */
  label: string;
  style: 'heading' | 'label';
  /** Heading level for heading parts. */
  depth?: number;
  range: Range;
  contentStart: number;
  contentEnd: number;
  empty: boolean;
  /** A label in a list item. */
  inList: boolean;
}

export interface SectionContext {
  /** The canonical name of a known alert with this key (see alertKey), if a rule defines one: alertKey of it is the key. */
  knownAlert(key: string): string | undefined;
  /** partKey(alias) → part name. */
  partAliases: ReadonlyMap<string, string>;
}

/** No nested sections (most headings have none): one frozen list rather than a new one each time. */
const NO_SECTIONS: readonly RunbookSection[] = Object.freeze([]);

/** Field labels whose value names the section's alert. */
const NAME_FIELDS = new Set(['name', 'alert', 'alert name', 'alertname']);

export function resolveSections(doc: RunbookDoc, context: SectionContext): RunbookSection[] {
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
        parts: collectParts(doc, context, textLength, NO_SECTIONS, 0, 0),
      };
    });
  }
  const sections: RunbookSection[] = [];
  const fieldLabels = new Set<LabelInfo>();
  const fileKey = alertKey(baseName(doc.path));
  const fileAlert = context.knownAlert(fileKey);
  const firstH1 = doc.headings.findIndex((h) => h.depth === 1);
  const labels = doc.labels;
  let firstLabel = labels.length; // the first label after the heading: it moves back with the heading
  // Deepest first: a heading's own parts leave out the alert sections nested in it.
  for (let i = doc.headings.length - 1; i >= 0; i--) {
    const heading = doc.headings[i];
    while (firstLabel > 0 && labels[firstLabel - 1].start >= heading.end) firstLabel--;
    if (context.partAliases.has(heading.partKey)) continue;
    // Sections found so far start after this heading, the latest found first: the nested ones are at the end.
    let nested = NO_SECTIONS;
    if (sections.length > 0 && sections[sections.length - 1].start < heading.sectionEnd) {
      const inside: RunbookSection[] = [];
      for (let j = sections.length - 1; j >= 0 && sections[j].start < heading.sectionEnd; j--) inside.push(sections[j]);
      nested = inside;
    }
    let named = (i === firstH1 && fileAlert ? { alert: fileAlert, key: fileKey, known: true, nameRange: heading.range, source: 'file' as const } : undefined)
      ?? nameFromHeading(heading, context)
      ?? nameFromField(doc, i, firstLabel, context, nested, fieldLabels);
    // Headings do not overlap: the ones after this heading start at the next index.
    const parts = collectParts(doc, context, heading.sectionEnd, nested, i + 1, firstLabel, fieldLabels);
    if (!named) {
      if (!twoDistinctParts(parts)) continue;
      const text = headingAlertText(heading.text);
      const key = alertKey(text);
      const known = context.knownAlert(key);
      named = { alert: known ?? text, key, known: known !== undefined, nameRange: heading.range, source: 'parts' };
    }
    sections.push({
      alert: named.alert, key: named.key, known: named.known, source: named.source, heading,
      range: heading.range, nameRange: named.nameRange, start: heading.start, end: heading.sectionEnd, parts,
    });
  }
  // A file named after an alert, with no H1 to carry the name (only part headings, or none): the whole file.
  if (fileAlert && firstH1 < 0 && !sections.some((s) => s.key === fileKey)) {
    const range = doc.lines.rangeOf(0, 0);
    sections.push({
      alert: fileAlert, key: fileKey, known: true, source: 'file', range, nameRange: range,
      start: 0, end: textLength, parts: collectParts(doc, context, textLength, NO_SECTIONS, 0, 0),
    });
  }
  // Field labels found while naming outer headings are not parts: strip them from all sections.
  if (fieldLabels.size > 0) for (const section of sections) section.parts = section.parts.filter((p) => !isFieldPart(p, fieldLabels));
  return sections.reverse();
}

/**
 * The alert a heading or its body names. `key` is alertKey(alert) and `known` whether a rule defines
 * it: the lookup that found the name answers both (a known alert's canonical name has the key looked up).
 */
interface FoundName {
  alert: string;
  key: string;
  known: boolean;
  nameRange: Range;
  source: SectionSource;
}

function nameFromHeading(heading: HeadingInfo, context: SectionContext): FoundName | undefined {
  const text = headingAlertText(heading.text);
  let key = alertKey(text);
  let known = context.knownAlert(key);
  // The whole heading has the same key when nothing was stripped from it (most headings).
  if (known === undefined && text !== heading.text) known = context.knownAlert((key = alertKey(heading.text)));
  return known ? { alert: known, key, known: true, nameRange: heading.range, source: 'heading' } : undefined;
}

/** `**Name**: \`X\`` or `**Alert**: \`X\`` (or a known name) in the heading's body or its `Alert` sub-section. */
function nameFromField(
  doc: RunbookDoc, index: number, firstLabel: number, context: SectionContext, nested: readonly RunbookSection[], fieldLabels: Set<LabelInfo>,
): FoundName | undefined {
  const headings = doc.headings;
  const heading = headings[index];
  // The first heading inside the section, if any, is a child: the heading's own body ends there.
  const ownEnd = index + 1 < headings.length && headings[index + 1].start < heading.sectionEnd ? headings[index + 1].start : heading.sectionEnd;
  const found = nameInLabels(doc, firstLabel, ownEnd, context, nested, fieldLabels);
  if (found) return found;
  for (let i = index + 1; i < headings.length && headings[i].start < heading.sectionEnd; i++) {
    const child = headings[i];
    if (child.parent !== index || context.partAliases.get(child.partKey) !== 'alert') continue;
    const inChild = nameInLabels(doc, firstAtOrAfter(doc.labels, child.end), child.sectionEnd, context, nested, fieldLabels);
    if (inChild) return inChild;
  }
  return undefined;
}

/** The first name field among the labels from index `first` on that start before `end`, outside the nested sections. */
function nameInLabels(
  doc: RunbookDoc, first: number, end: number, context: SectionContext, nested: readonly RunbookSection[], fieldLabels: Set<LabelInfo>,
): FoundName | undefined {
  const labels = doc.labels;
  for (let i = first; i < labels.length && labels[i].start < end; i++) {
    const label = labels[i];
    if (!NAME_FIELDS.has(label.partKey) || insideAny(label.start, nested)) continue;
    const value = label.code?.text ?? firstWord(label.rest);
    const key = value ? alertKey(value) : '';
    const known = value ? context.knownAlert(key) : undefined;
    const isName = label.code !== undefined || known !== undefined || (label.partKey === 'name' && /^[A-Za-z][\w:.-]*$/.test(label.rest));
    if (!value || !isName) continue;
    fieldLabels.add(label);
    const name = label.code ?? label;
    // A known name's key is the value's: alertKey(known) === key.
    return { alert: known ?? value, key, known: known !== undefined, nameRange: doc.lines.rangeOf(name.start, name.end), source: 'field' };
  }
  return undefined;
}

/**
 * The parts before `end` outside the nested sections (and other than field labels), in document
 * order, from the headings and labels at indexes `firstHeading` and `firstLabel` on. A heading part
 * runs over its own sub-headings; a label part stops at the next label or heading.
 */
function collectParts(
  doc: RunbookDoc, context: SectionContext, end: number, nested: readonly RunbookSection[], firstHeading: number, firstLabel: number,
  fieldLabels?: Set<LabelInfo>,
): SectionPart[] {
  const { headings, labels } = doc;
  let fromHeadings: SectionPart[] | undefined;
  let fromLabels: SectionPart[] | undefined;
  // Nested sections are in document order: each loop jumps over them.
  for (let i = firstHeading, n = 0; i < headings.length && headings[i].start < end; i++) {
    const heading = headings[i];
    while (n < nested.length && nested[n].end <= heading.start) n++;
    if (n < nested.length && heading.start >= nested[n].start) {
      i = firstAtOrAfter(headings, nested[n].end) - 1;
      continue;
    }
    const part = context.partAliases.get(heading.partKey);
    if (part) (fromHeadings ??= []).push(headingPart(doc, heading, part, end));
  }
  let open: LabelInfo | undefined; // the latest label part: its content runs to the next label or heading
  let openPart = '';
  let nextHeading = firstHeading; // the first heading after the open label
  const skipFields = fieldLabels !== undefined && fieldLabels.size > 0;
  for (let i = firstLabel, n = 0; i < labels.length && labels[i].start < end; i++) {
    const label = labels[i];
    while (n < nested.length && nested[n].end <= label.start) n++;
    if (n < nested.length && label.start >= nested[n].start) {
      // The labels of a nested section do not end the open one: that section's heading does, and comes first.
      i = firstAtOrAfter(labels, nested[n].end) - 1;
      continue;
    }
    if (skipFields && fieldLabels.has(label)) continue;
    if (open) (fromLabels ??= []).push(labelPart(doc, open, openPart, Math.min(label.start, headingStart(headings, nextHeading, end), end)));
    open = undefined;
    const part = context.partAliases.get(label.partKey);
    if (part) {
      open = label;
      openPart = part;
      // Every heading after the label bounds it: one inside a nested section is not before that section's own heading.
      while (nextHeading < headings.length && headings[nextHeading].start < label.start) nextHeading++;
    }
  }
  if (open) (fromLabels ??= []).push(labelPart(doc, open, openPart, Math.min(headingStart(headings, nextHeading, end), end)));
  if (!fromLabels || !fromHeadings) return fromHeadings ?? fromLabels ?? [];
  // Parts do not overlap: their contents start in the order they do.
  return mergeByStart(fromHeadings, fromLabels, (p) => p.contentStart);
}

function headingStart(headings: HeadingInfo[], index: number, otherwise: number): number {
  return index < headings.length ? headings[index].start : otherwise;
}

/** A label part whose content ends at `contentEnd`. */
function labelPart(doc: RunbookDoc, label: LabelInfo, part: string, contentEnd: number): SectionPart {
  return makePart(doc, part, label.text, 'label', undefined, label.inListItem, rangeOnLine(doc, label.start, label.end), label.end, contentEnd);
}

/** doc.lines.rangeOf(start, end) with one search when both lie on one line (a label almost always does). */
function rangeOnLine(doc: RunbookDoc, start: number, end: number): Range {
  const from = doc.lines.positionAt(start);
  if (start <= end && end < doc.lines.lineStart(from.line + 1)) return { start: from, end: { line: from.line, character: from.character + end - start } };
  return { start: from, end: doc.lines.positionAt(end) };
}

/**
 * A heading part: it runs over its own sub-headings. Its range is the heading's own object, shared as
 * a section's range is (ranges are never changed in place; a copy was three more kept objects per part).
 */
function headingPart(doc: RunbookDoc, heading: HeadingInfo, part: string, end: number): SectionPart {
  return makePart(doc, part, heading.text, 'heading', heading.depth, false, heading.range, heading.end, Math.min(heading.sectionEnd, end));
}

function makePart(
  doc: RunbookDoc, part: string, label: string, style: 'heading' | 'label', depth: number | undefined, inList: boolean,
  range: Range, contentStart: number, contentEnd: number,
): SectionPart {
  return {
    part, label, style, depth, inList, range, contentStart, contentEnd,
    empty: isEmptyContent(doc.lines.text.slice(contentStart, contentEnd)),
  };
}

/**
 * Whether at least two distinct parts name a section that nothing else names. Labels in list items
 * do not count there: a bulleted list of labels describes a structure (seed 003) more often than it is one.
 */
function twoDistinctParts(parts: SectionPart[]): boolean {
  let first: string | undefined;
  for (const p of parts) {
    if (p.inList) continue;
    if (first === undefined) first = p.part;
    else if (p.part !== first) return true;
  }
  return false;
}

function isFieldPart(part: SectionPart, fieldLabels: Set<LabelInfo>): boolean {
  if (part.style !== 'label') return false;
  for (const label of fieldLabels) if (label.end === part.contentStart) return true;
  return false;
}

const PLACEHOLDER_CONTENT = /^(?:todo|tbd|tba|fixme|n\/a|xxx|\.\.\.|…)$/i;

/** Nothing but white space, markup and placeholders such as TODO. */
export function isEmptyContent(content: string): boolean {
  const withoutComments = withoutHtmlComments(content);
  // Most parts have a real word early on: no need to strip the whole (possibly long) content.
  const word = /[A-Za-z]{2,}/.exec(withoutComments);
  if (word && !/^(?:todo|tbd|tba|fixme|n|a|xxx)$/i.test(word[0])) return false;
  const stripped = withoutComments
    .replace(/^[ \t>]*(?:\d{1,9}[.)]|[-*+])[ \t]*$/gm, '') // list items with nothing in them
    .replace(/[\s\-*_>#|:.`~=]+/g, ' ')
    .trim();
  return stripped === '' || stripped.split(/\s+/).every((word) => PLACEHOLDER_CONTENT.test(word));
}

/** The text without `<!-- … -->` comments; linear, where a lazy regex is quadratic on many unclosed `<!--`. */
function withoutHtmlComments(content: string): string {
  let out = '';
  let from = 0;
  for (let open = content.indexOf('<!--'); open >= 0; open = content.indexOf('<!--', from)) {
    out += content.slice(from, open);
    const close = content.indexOf('-->', open + 4);
    if (close < 0) return out; // an unclosed comment runs to the end
    from = close + 3;
  }
  return out + content.slice(from);
}

/** Index of the first item (in document order) that starts at or after `offset`. */
export function firstAtOrAfter(items: readonly { start: number }[], offset: number): number {
  let low = 0;
  let high = items.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (items[mid].start < offset) low = mid + 1;
    else high = mid;
  }
  return low;
}

function insideAny(offset: number, sections: readonly RunbookSection[]): boolean {
  return sections.some((s) => offset >= s.start && offset < s.end);
}

function firstWord(text: string): string | undefined {
  return text.split(/[\s,;]+/)[0]?.replace(/^["'“‘]|["'”’.]$/g, '') || undefined;
}

function baseName(path: string): string {
  const name = path.slice(path.lastIndexOf('/') + 1);
  return name.replace(/\.(md|markdown)$/i, '');
}
