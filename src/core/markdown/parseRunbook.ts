import type { Heading, Nodes, Paragraph, Parents, Root, Table } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { parseDocument, isMap, isSeq, isScalar } from 'yaml';
import { readPositioned } from '../alertRules/positionedYaml.js';
import { collapseSpaces, LineIndex } from '../text.js';
import { append } from '../arrays.js';
import { decodeUrlPart } from '../workspace.js';
import { createSlugger, partKey } from '../names.js';
import { extractBlockCommand, extractInlineCommand } from './commands.js';
import { limitNesting } from './limitNesting.js';
import { parseInChunks, type ChunkCache, type Offsets } from './chunks.js';
import type { FrontMatter, HeadingInfo, IndexEntry, LabelInfo, LinkInfo, RunbookDoc, Command } from './runbookModel.js';
import type { MarkdownParser } from './markdownAst.js';

export interface ParseRunbookOptions {
  /** First words that make an inline code span a command. */
  commandTools: ReadonlySet<string>;
  /** Parse the text in one go instead of in pieces (to compare the two in tests). */
  whole?: boolean;
}

/**
 * Parses one Markdown file into the runbook model. Never throws on any text. With the cache of the
 * file's previous parse, only the pieces of the text that changed are parsed again.
 */
export function parseRunbook(path: string, text: string, parse: MarkdownParser, options: ParseRunbookOptions, cache?: ChunkCache): RunbookDoc {
  const lines = new LineIndex(text);
  const doc: RunbookDoc = { path, lines, headings: [], labels: [], commands: [], links: [], indexEntries: [], codeSpans: [], anchors: new Map() };
  const headingNodes: HeadingNode[] = [];
  const safeText = limitNesting(text);
  // Pieces pay off only with a cache to keep them in (the next keystroke); else one parse is cheaper.
  const chunks = options.whole || !cache ? [{ root: parse(safeText, lines), base: 0 }] : parseInChunks(safeText, parse, cache);
  const extracted = new Map<Root, ChunkModel>();
  for (const { root, base } of chunks) {
    const line = lines.positionAt(base).line;
    // A piece whose text is unchanged holds the same things, only moved in the text.
    const previous = cache?.models.get(root);
    const model = previous ? moved(previous, base, line) : extractChunk(root, base, line, text, lines, options);
    extracted.set(root, model);
    if (model.frontMatter) doc.frontMatter = model.frontMatter;
    append(headingNodes, model.headings);
    append(doc.labels, model.labels);
    append(doc.commands, model.commands);
    append(doc.codeSpans, model.codeSpans);
    append(doc.links, model.links);
    append(doc.indexEntries, model.indexEntries);
  }
  if (cache) cache.models = extracted;
  collectHeadings(headingNodes, text, lines, doc);
  doc.commands.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  return doc;
}

type HeadingNode = { node: Heading; start: number; end: number };

/** What one piece of the text holds, in document order; ranges are in the whole text. */
export interface ChunkModel {
  base: number;
  /** The line the piece starts on: a cached model reused elsewhere has its ranges' lines moved by the difference. */
  line: number;
  frontMatter?: FrontMatter;
  headings: HeadingNode[];
  labels: LabelInfo[];
  commands: Command[];
  codeSpans: RunbookDoc['codeSpans'];
  links: LinkInfo[];
  indexEntries: IndexEntry[];
}

function extractChunk(root: Root, base: number, line: number, text: string, lines: LineIndex, options: ParseRunbookOptions): ChunkModel {
  const model: ChunkModel = { base, line, headings: [], labels: [], commands: [], codeSpans: [], links: [], indexEntries: [] };
  const at = offsetsFrom(base);
  walk(root, (node, where) => {
    switch (node.type) {
      case 'yaml':
        if (where.depth === 1) model.frontMatter = readFrontMatter(node.value, at.start(node), text, lines);
        break;
      case 'heading':
        model.headings.push({ node, start: at.start(node), end: at.end(node) });
        return false;
      case 'paragraph':
        collectLabels(node, where.inListItem, text, lines, at, model.labels);
        break;
      case 'code': {
        const command = extractBlockCommand(node, at, lines);
        if (command) model.commands.push(command);
        break;
      }
      case 'inlineCode': {
        model.codeSpans.push({ text: node.value.trim(), start: at.start(node), end: at.end(node) });
        const command = extractInlineCommand(node, at, lines, options.commandTools);
        if (command) model.commands.push(command);
        break;
      }
      case 'link':
      case 'image':
      case 'definition': {
        const link = relativeLink(node.url, at.start(node), at.end(node), lines);
        if (link) model.links.push(link);
        break;
      }
      case 'table':
        append(model.indexEntries, readIndexTable(node, at, lines));
        break;
    }
    return true;
  });
  return model;
}

/**
 * A cached piece's model where the piece now starts: offsets move with it, and so do the lines of
 * its ranges when an edit before it added or removed lines (columns stay: a piece starts a line).
 * The cached objects are copied, never changed: the previous document still holds them.
 */
function moved(model: ChunkModel, base: number, line: number): ChunkModel {
  const delta = base - model.base;
  const lineDelta = line - model.line;
  if (delta === 0 && lineDelta === 0) return model;
  const shift = <T>(items: T[]): T[] => (lineDelta === 0 ? items : items.map((item) => shiftLines(item, lineDelta)));
  const offsets = <T extends { start: number; end: number }>(item: T): T => ({ ...item, start: item.start + delta, end: item.end + delta });
  return {
    ...model,
    base,
    line,
    headings: model.headings.map(offsets),
    labels: model.labels.map((label) => ({ ...offsets(label), ...(label.code ? { code: offsets(label.code) } : {}) })),
    commands: shift(model.commands),
    codeSpans: model.codeSpans.map(offsets),
    links: shift(model.links),
    indexEntries: shift(model.indexEntries),
  };
}

/** A deep copy of plain model data with every position (`{ line, character }`) moved by `lines`. */
function shiftLines<T>(value: T, lines: number): T {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => shiftLines(item, lines)) as T;
  const record = value as Record<string, unknown>;
  if (typeof record.line === 'number' && typeof record.character === 'number') return { ...record, line: record.line + lines } as T;
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(record)) copy[key] = shiftLines(record[key], lines);
  return copy as T;
}

/** Where a node lies: how deep (the root's children are at 1), and whether inside a list item. */
interface Where {
  depth: number;
  inListItem: boolean;
}

type Visitor = (node: Nodes, where: Where) => boolean;

/**
 * Depth-first walk; a visitor returning false skips the node's children. Text nodes, the most
 * numerous, are not visited: no visitor here reads one (labels read a paragraph's children directly).
 */
function walk(node: Nodes, visit: Visitor): void {
  // An explicit stack: 10,000-deep nested lists must not overflow the call stack.
  // Two stacks side by side: no object per visited node (a workspace scan visits millions).
  const nodes: Nodes[] = [node];
  const wheres: Where[] = [{ depth: 0, inListItem: false }];
  while (nodes.length > 0) {
    const current = nodes.pop()!;
    const here = wheres.pop()!;
    if (!visit(current, here)) continue;
    if ('children' in current) {
      const parent = current as Parents;
      const where = { depth: here.depth + 1, inListItem: here.inListItem || parent.type === 'listItem' };
      for (let i = parent.children.length - 1; i >= 0; i--) {
        const child = parent.children[i] as Nodes;
        if (child.type === 'text') continue;
        nodes.push(child);
        wheres.push(where);
      }
    }
  }
}

function offsetsFrom(base: number): Offsets {
  const start = (node: Nodes) => base + (node.position?.start.offset ?? 0);
  return { start, end: (node) => (node.position?.end.offset === undefined ? start(node) : base + node.position.end.offset) };
}

function collectHeadings(nodes: HeadingNode[], text: string, lines: LineIndex, doc: RunbookDoc): void {
  const slug = createSlugger();
  const open: number[] = []; // indexes of enclosing headings, shallowest first
  nodes.forEach(({ node, start, end }, index) => {
    while (open.length > 0 && doc.headings[open[open.length - 1]].depth >= node.depth) {
      doc.headings[open.pop()!].sectionEnd = start;
    }
    const headingWords = headingText(node);
    const heading: HeadingInfo = {
      depth: node.depth,
      text: headingWords,
      partKey: partKey(headingWords),
      range: lines.rangeOf(start, end),
      start,
      end,
      sectionEnd: text.length,
      slug: '',
      parent: open.length > 0 ? open[open.length - 1] : -1,
    };
    heading.slug = slug(heading.text);
    doc.headings.push(heading);
    if (!doc.anchors.has(heading.slug)) doc.anchors.set(heading.slug, heading);
    open.push(index);
  });
  for (const index of open) doc.headings[index].sectionEnd = text.length;
}

/** A heading's words as GitHub sees them for its anchor: inline HTML left out, code spans kept. */
function headingText(node: Heading): string {
  // The parser gives a heading one text node (markdownAst.ts); other trees take the general way.
  const only = node.children.length === 1 ? node.children[0] : undefined;
  if (only?.type === 'text') return collapseSpaces(only.value);
  const visible = node.children.filter((child) => child.type !== 'html');
  return collapseSpaces(toString({ type: 'paragraph', children: visible }));
}

/**
 * Bold text at the start of a line of a paragraph, ending in a colon or alone on its line:
 * `**Triage**:`, `**Target:**`, `- **Name**: \`X\``.
 */
function collectLabels(paragraph: Paragraph, inListItem: boolean, text: string, lines: LineIndex, at: Offsets, out: LabelInfo[]): void {
  const children = paragraph.children;
  for (let i = 0; i < children.length; i++) {
    const child = children[i];
    // Whether a strong starts a line depends on the child before it alone: only strongs ask.
    if (child.type !== 'strong' || (i > 0 && !endsLine(children[i - 1]))) continue;
    const label = readLabel(child, text, lines, at, inListItem);
    if (label) out.push(label);
  }
}

/** Whether what follows a paragraph child starts a line: after a break, or text ending in a line break and blanks. */
function endsLine(child: Paragraph['children'][number]): boolean {
  return child.type === 'break' || (child.type === 'text' && /\n[ \t]*$/.test(child.value));
}

function readLabel(strong: Nodes, text: string, lines: LineIndex, at: Offsets, inListItem: boolean): LabelInfo | undefined {
  const start = at.start(strong);
  let end = at.end(strong);
  // A label is nearly always one text node: its value is its text.
  const only = 'children' in strong && strong.children.length === 1 ? strong.children[0] : undefined;
  let label = (only?.type === 'text' ? only.value : toString(strong)).trim();
  const lineEnd = lines.lineEnd(lines.positionAt(end).line);
  const after = text.slice(end, lineEnd);
  if (/[:：]$/.test(label)) {
    label = label.replace(/\s*[:：]$/, '');
  } else if (/^\s*[:：]/.test(after)) {
    end += after.indexOf(after.trim()[0]) + 1;
  } else if (after.trim() !== '') {
    return undefined; // bold words inside a sentence, not a label
  }
  if (label === '') return undefined;
  const restText = text.slice(end, lineEnd);
  const info: LabelInfo = { text: label, partKey: partKey(label), start, end, rest: restText.trim(), inListItem };
  const code = /^(\s*)`([^`]+)`/.exec(restText);
  if (code) {
    const codeStart = end + code[1].length + 1;
    info.code = { text: code[2].trim(), start: codeStart, end: codeStart + code[2].length };
  }
  return info;
}

function readFrontMatter(value: string, nodeOffset: number, text: string, lines: LineIndex): FrontMatter {
  const contentOffset = text.indexOf('\n', nodeOffset) + 1;
  const range = lines.rangeOf(nodeOffset, nodeOffset + value.length + 8);
  const frontMatter: FrontMatter = { range, alerts: [], data: {} };
  // Ordinary front matter is read the fast way (the rule-file scanner, else js-yaml, with positions);
  // anchors, tags and errors through the yaml library, below.
  const positioned = readPositioned(value);
  if (positioned) {
    const root = positioned[0];
    if (positioned.length !== 1 || root.kind !== 'mapping') return frontMatter;
    frontMatter.data = root.value as Record<string, unknown>;
    for (let i = 0; i + 1 < root.children.length; i += 2) {
      const key = String(root.children[i].value);
      if (key !== 'alert' && key !== 'alerts') continue;
      const valueNode = root.children[i + 1];
      const items = valueNode.kind === 'sequence' ? valueNode.children : [valueNode];
      for (const item of items) {
        if (item.kind !== 'scalar' || item.value == null || String(item.value).trim() === '') continue;
        let [s, e] = [item.start, item.end];
        while (s < e && /\s/.test(value[s])) s++;
        while (e > s && /\s/.test(value[e - 1])) e--;
        frontMatter.alerts.push({ name: String(item.value).trim(), range: lines.rangeOf(contentOffset + s, contentOffset + e) });
      }
    }
    return frontMatter;
  }
  try {
    const yamlDoc = parseDocument(value);
    if (yamlDoc.errors.length > 0 || !isMap(yamlDoc.contents)) return frontMatter;
    const data = yamlDoc.toJS({ maxAliasCount: 50 });
    if (data && typeof data === 'object') frontMatter.data = data as Record<string, unknown>;
    for (const pair of yamlDoc.contents.items) {
      if (!isScalar(pair.key) || !['alert', 'alerts'].includes(String(pair.key.value))) continue;
      const values = isSeq(pair.value) ? pair.value.items : [pair.value];
      for (const item of values) {
        if (!isScalar(item) || item.value == null || String(item.value).trim() === '') continue;
        const [s, e] = item.range ?? [0, 0];
        frontMatter.alerts.push({ name: String(item.value).trim(), range: lines.rangeOf(contentOffset + s, contentOffset + e) });
      }
    }
  } catch {
    // Front matter that is not YAML is left alone.
  }
  return frontMatter;
}

const URL_SCHEME = /^[a-z][a-z0-9+.-]*:/i;

function relativeLink(url: string, start: number, end: number, lines: LineIndex): LinkInfo | undefined {
  if (!url || URL_SCHEME.test(url) || url.startsWith('//')) return undefined;
  const hash = url.indexOf('#');
  const rawPath = hash >= 0 ? url.slice(0, hash) : url;
  const anchor = hash >= 0 ? decodeUrlPart(url.slice(hash + 1)) : undefined;
  return { url, range: lines.rangeOf(start, end), path: decodeUrlPart(rawPath.split('?')[0]), anchor };
}

const ALERT_COLUMN = /\balert/i;
const IDENTIFIER = /^[A-Za-z][\w:.-]*$/;

/** Alert names in the "alert" column of a table; with the row's first relative link. */
function readIndexTable(table: Table, at: Offsets, lines: LineIndex): IndexEntry[] {
  const [header, ...rows] = table.children;
  if (!header) return [];
  const column = header.children.findIndex((cell) => ALERT_COLUMN.test(toString(cell)));
  if (column < 0) return [];
  const entries: IndexEntry[] = [];
  for (const row of rows) {
    const cell = row.children[column];
    if (!cell) continue;
    const code = cell.children.find((child) => child.type === 'inlineCode');
    const source = code ?? cell;
    const name = (code ? code.value : toString(cell)).trim();
    if (!IDENTIFIER.test(name)) continue;
    const entry: IndexEntry = { alert: name, range: lines.rangeOf(at.start(source), at.end(source)) };
    walk(row, (node) => {
      if (!entry.link && node.type === 'link') entry.link = relativeLink(node.url, at.start(node), at.end(node), lines);
      return !entry.link;
    });
    entries.push(entry);
  }
  return entries;
}

export type { Command };
