// Markdown to the part of mdast the runbook model reads, fast: blockScanner.ts (or, for what it
// leaves, markdown-it) finds the blocks with their lines, inlineScan.ts the inline constructs with
// their offsets. micromark, which builds the full mdast, runs at about 7 µs a byte; this does about
// a tenth of that.
import MarkdownIt from 'markdown-it';
import type Token from 'markdown-it/lib/token.mjs';
import type { Code, Definition, Heading, Html, List, ListItem, Paragraph, Parents, Root, Table, TableCell, TableRow, Yaml } from 'mdast';
import { scanInline, type ToSource } from './inlineScan.js';
import { useLineTableState } from './blockState.js';
import { scanBlocks } from './blockScanner.js';
import { isSpaceAt, LineIndex } from '../text.js';
import { append } from '../arrays.js';

type Lines = LineIndex;

/** `lines`, when the caller has one for this very text, saves building it again. */
export type MarkdownParser = (text: string, lines?: LineIndex) => Root;

const FRONT_MATTER_OPEN = /^---[ \t]*(?:\r\n|\r|\n)/;
const FRONT_MATTER_CLOSE = /^---[ \t]*$/;

export interface MarkdownParserOptions {
  /** Blocks by blockScanner.ts where it can (the default), or always by markdown-it (to compare the two in tests). */
  blockScanner?: boolean;
}

/** One parser per service instance; it holds no state between documents. */
export function createMarkdownParser({ blockScanner = true }: MarkdownParserOptions = {}): MarkdownParser {
  // GFM tables and strikethrough, raw HTML recognised (as CommonMark does), no typography.
  const md = new MarkdownIt('default', { html: true, linkify: false, typographer: false });
  // Past what limitNesting leaves (100 markers on a line, 640 columns of indentation: about 320 list
  // levels of two tokens each): markdown-it drops everything after a block nested deeper than this.
  (md.options as { maxNesting?: number }).maxNesting = 2000;
  // Inline content is scanned by inlineScan.ts, which keeps offsets; headings alone go through
  // markdown-it's inline parser, for their plain text.
  md.core.ruler.disable(['inline', 'linkify', 'replacements', 'smartquotes', 'text_join']);
  // Its line-break and NUL normalisation is done in buildTree, and only for texts that need it.
  md.core.ruler.disable(['normalize']);
  useLineTableState(md);
  return (text, lines) => buildTree(md, blockScanner, text, lines?.text === text ? lines : new LineIndex(text));
}

function buildTree(md: MarkdownIt, blockScanner: boolean, text: string, lines: LineIndex): Root {
  const root: Root = { type: 'root', children: [], position: span(0, text.length) };
  let source = text;
  const frontMatterLines = frontMatterEnd(lines);
  if (frontMatterLines > 0) {
    const yaml: Yaml = {
      type: 'yaml',
      value: text.slice(lines.lineStart(1), frontMatterLines > 2 ? lines.lineEnd(frontMatterLines - 2) : lines.lineStart(1)),
      position: span(0, lines.lineEnd(frontMatterLines - 1)),
    };
    root.children.push(yaml);
    // Blank lines in its place: markdown-it then counts the same lines.
    source = '\n'.repeat(frontMatterLines) + text.slice(lines.lineStart(frontMatterLines));
  }
  const env: { references?: Record<string, unknown> } = {};
  if (source.includes('\r') || source.includes('\0')) source = source.replace(/\r\n?/g, '\n').replace(/\0/g, '\uFFFD');
  // The runbook shapes by the block scanner; what it leaves (link reference definitions) by markdown-it.
  const tokens = (blockScanner && scanBlocks(source)) || md.parse(source, env);
  const covered = new Uint8Array(lines.lineCount);
  const stack: Parents[] = [root];
  const top = () => stack[stack.length - 1];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (token.map) for (let l = token.map[0]; l < token.map[1] && token.nesting === 0; l++) covered[l] = 1;
    switch (token.type) {
      case 'heading_open': {
        const heading = readHeading(md, token, tokens[i + 1], lines);
        (top() as Root).children.push(heading);
        markCovered(covered, token);
        i += 2;
        break;
      }
      case 'paragraph_open': {
        const inline = tokens[i + 1];
        (top() as Root).children.push(readParagraph(inline, lines));
        markCovered(covered, token);
        i += 2;
        break;
      }
      case 'fence':
      case 'code_block':
        (top() as Root).children.push(readCode(token, lines));
        break;
      case 'html_block':
        (top() as Root).children.push({ type: 'html', value: token.content, position: blockSpan(token, lines) } as Html);
        break;
      case 'table_open': {
        const end = closing(tokens, i);
        (top() as Root).children.push(readTable(tokens.slice(i, end + 1), lines));
        markCovered(covered, token);
        i = end;
        break;
      }
      case 'bullet_list_open':
      case 'ordered_list_open':
        stack.push(open<List>(top(), { type: 'list', ordered: token.type === 'ordered_list_open', spread: false, children: [], position: blockSpan(token, lines) }));
        break;
      case 'list_item_open':
        stack.push(open<ListItem>(top(), { type: 'listItem', spread: false, children: [], position: blockSpan(token, lines) }));
        break;
      case 'blockquote_open':
        stack.push(open(top(), { type: 'blockquote', children: [], position: blockSpan(token, lines) }));
        break;
      case 'bullet_list_close':
      case 'ordered_list_close':
      case 'list_item_close':
      case 'blockquote_close':
        if (stack.length > 1) stack.pop();
        break;
    }
  }
  if (env.references) addDefinitions(root, lines, covered, frontMatterLines, env.references);
  return root;
}

function open<T extends Parents>(parent: Parents, node: T): T {
  (parent as Root).children.push(node as never);
  return node;
}

function markCovered(covered: Uint8Array, token: Token): void {
  if (token.map) for (let l = token.map[0]; l < token.map[1]; l++) covered[l] = 1;
}

/** How many lines YAML front matter takes (`---` … `---` at the very start), or 0. */
function frontMatterEnd(lines: Lines): number {
  if (!FRONT_MATTER_OPEN.test(lines.text)) return 0;
  for (let l = 1; l < lines.lineCount; l++) {
    if (FRONT_MATTER_CLOSE.test(lines.lineText(l))) return l + 1;
  }
  return 0;
}

function span(start: number, end: number) {
  // Only offsets are read downstream; line and column are not computed.
  return { start: { line: 1, column: 1, offset: start }, end: { line: 1, column: 1, offset: end } };
}

/** From the first non-blank character of a block's first line to the end of its last non-blank line. */
function blockSpan(token: Token, lines: Lines, fromLineStart = false) {
  const [first, after] = token.map ?? [0, 0];
  // Character by character (trimming the lines' texts cost a string each).
  let last = Math.max(first, after - 1);
  while (last > first && firstNonBlank(lines, last) === lines.lineEnd(last)) last--;
  let end = lines.lineEnd(last);
  const lastStart = lines.lineStart(last);
  while (end > lastStart && isSpaceAt(lines.text, end - 1)) end--;
  return span(fromLineStart ? lines.lineStart(first) : firstNonBlank(lines, first), end);
}

/** The offset of a line's first character that is not white space (its end if there is none). */
function firstNonBlank(lines: Lines, line: number): number {
  const end = lines.lineEnd(line);
  let i = lines.lineStart(line);
  while (i < end && isSpaceAt(lines.text, i)) i++;
  return i;
}

function closing(tokens: Token[], openIndex: number): number {
  let depth = 0;
  for (let i = openIndex; i < tokens.length; i++) {
    depth += tokens[i].nesting;
    if (depth === 0) return i;
  }
  return tokens.length - 1;
}

/**
 * Where each line of an inline content starts in the text. markdown-it strips container markers
 * and indentation from the front of each line and trims the whole: each content line is the end
 * of its source line (the last one perhaps without trailing blanks). A line's place is worked out
 * only when an offset on it is asked for: most paragraphs are plain words, and only their first
 * and last lines are (for the paragraph's own span).
 */
function contentMapper(content: string, firstLine: number, lines: Lines): ToSource {
  // One line (most list items and short paragraphs): one offset, no tables.
  if (!content.includes('\n')) {
    const [lineStart, column] = contentColumn(content, 0, content.length, firstLine, true, lines);
    return (contentOffset) => Math.max(lineStart, lineStart + column + contentOffset);
  }
  // Its source line and column of each content line, when asked.
  const starts = contentLineStarts(content);
  const lineStarts: number[] = new Array(starts.length).fill(-1);
  const lineOffsets: number[] = new Array(starts.length).fill(0);
  return (contentOffset) => {
    const low = lineAt(starts, contentOffset);
    if (lineStarts[low] < 0) {
      const last = low === starts.length - 1;
      const [lineStart, column] = contentColumn(content, starts[low], last ? content.length : starts[low + 1] - 1, firstLine + low, last, lines);
      lineStarts[low] = lineStart;
      lineOffsets[low] = lineStart + column;
    }
    return Math.max(lineStarts[low], lineOffsets[low] + (contentOffset - starts[low]));
  };
}

/** contentMapper, for content whose lines' columns are known (the block scanner's paragraphs). */
function columnMapper(content: string, firstLine: number, columns: number[], lines: Lines): ToSource {
  if (columns.length === 1) {
    const start = lines.lineStart(firstLine) + columns[0];
    return (contentOffset) => start + contentOffset;
  }
  const starts = contentLineStarts(content);
  return (contentOffset) => {
    const line = lineAt(starts, contentOffset);
    return lines.lineStart(firstLine + line) + columns[line] + (contentOffset - starts[line]);
  };
}

/** Where each line of a content starts in it (indexOf, no split). */
function contentLineStarts(content: string): number[] {
  const starts: number[] = [0];
  for (let i = content.indexOf('\n'); i >= 0; i = content.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** The content line an offset is on: the last of `starts` at or before it. */
function lineAt(starts: number[], offset: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (starts[mid] <= offset) low = mid;
    else high = mid - 1;
  }
  return low;
}

/** Where content line [from, to) of `content` has its source line start, and the column it starts at in that line. */
function contentColumn(content: string, from: number, to: number, line: number, last: boolean, lines: Lines): [number, number] {
  // Compared in place in the text: no copy of the source line unless a tab forces it.
  const lineStart = lines.lineStart(line);
  let end = lines.lineEnd(line);
  if (last) while (end > lineStart && isSpaceAt(lines.text, end - 1)) end--;
  const length = to - from;
  let column = end - lineStart - length;
  if (column < 0 || !sameText(lines.text, lineStart + column, content, from, to)) {
    // A tab partly taken as indentation comes out as spaces: align on the text after them.
    const contentLine = content.slice(from, to);
    const words = contentLine.trimStart();
    // The whole line: markdown-it may have left a blank it does not trim (a form feed) that `end` dropped.
    let source = lines.text.slice(lineStart, lines.lineEnd(line));
    if (source.includes('\0')) source = source.replace(/\0/g, '\uFFFD'); // as markdown-it was given it (buildTree)
    // A line of white space markdown-it keeps (a form feed, a no-break space) has no words to align on: it is itself in the text.
    const itself = words === '' ? source.lastIndexOf(contentLine) : -1;
    column = itself >= 0 ? itself : Math.max(0, source.lastIndexOf(words)) - (contentLine.length - words.length);
  }
  return [lineStart, column];
}

/**
 * Whether the text at `at` holds content[from, to). markdown-it was given U+FFFD for each NUL of the
 * text (buildTree): the two are the same character here.
 */
function sameText(text: string, at: number, content: string, from: number, to: number): boolean {
  // The native comparison; a copy of the line only when it is not the whole content (one line of several).
  if (text.startsWith(from === 0 && to === content.length ? content : content.slice(from, to), at)) return true;
  if (!content.includes('\uFFFD')) return false;
  for (let i = from; i < to; i++) {
    const c = content.charCodeAt(i);
    const t = text.charCodeAt(at + i - from);
    if (c !== t && !(c === 0xfffd && t === 0)) return false;
  }
  return true;
}

function readParagraph(inline: Token, lines: Lines): Paragraph {
  const first = inline.map?.[0] ?? 0;
  // The block scanner says where each content line starts; markdown-it's content is found in the text.
  const columns = inline.meta as number[] | null;
  const toSource = columns ? columnMapper(inline.content, first, columns, lines) : contentMapper(inline.content, first, lines);
  const children = scanInline(inline.content, toSource);
  return { type: 'paragraph', children, position: span(toSource(0), toSource(inline.content.length)) };
}

function readHeading(md: MarkdownIt, open: Token, inline: Token, lines: Lines): Heading {
  const depth = Number(open.tag.slice(1)) as Heading['depth'];
  let position = blockSpan(open, lines);
  if (open.markup.startsWith('#')) {
    // An ATX heading starts at its `#` (after any container markers), and ends with its line.
    const line = open.map?.[0] ?? 0;
    position = span(lines.lineStart(line) + Math.max(0, lines.lineText(line).indexOf('#')), lines.lineEnd(line));
  }
  return { type: 'heading', depth, children: [{ type: 'text', value: plainText(md, inline.content) }], position };
}

/** What starts inline markup (escapes, code, emphasis, strikethrough, links, images, HTML, entities, breaks). */
const INLINE_MARKUP = /[\n\\`*_~[\]!<&]/;

/** A heading's words: markup, escapes and entities resolved, inline HTML left out, code kept. */
function plainText(md: MarkdownIt, content: string): string {
  // Most headings hold nothing an inline rule would act on: their words are their text.
  if (!INLINE_MARKUP.test(content)) return content;
  const tokens: Token[] = [];
  md.inline.parse(content, md, {}, tokens);
  let text = '';
  const visit = (list: Token[]) => {
    for (const token of list) {
      // text_special: an escaped character or an entity, resolved (text_join, which would merge it, is off).
      if (token.type === 'text' || token.type === 'text_special' || token.type === 'code_inline') text += token.content;
      else if (token.type === 'softbreak' || token.type === 'hardbreak') text += ' ';
      else if (token.type === 'image') text += token.content;
      if (token.children) visit(token.children);
    }
  };
  visit(tokens);
  return text;
}

function readCode(token: Token, lines: Lines): Code {
  const fenced = token.type === 'fence';
  const [lang, ...meta] = fenced ? token.info.trim().split(/\s+/) : [];
  const value = token.content.replace(/\n$/, '');
  let position = blockSpan(token, lines, !fenced);
  if (fenced) {
    // From the fence marker (after any container markers) to the end of the closing fence.
    const first = token.map?.[0] ?? 0;
    const marker = lines.lineText(first).indexOf(token.markup);
    position = span(lines.lineStart(first) + Math.max(0, marker), position.end.offset);
  }
  return { type: 'code', lang: lang || null, meta: meta.join(' ') || null, value, position };
}

function readTable(tokens: Token[], lines: Lines): Table {
  const table: Table = { type: 'table', align: [], children: [], position: blockSpan(tokens[0], lines) };
  let row: TableRow | undefined;
  let rowLine = 0;
  let cursor = 0;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (token.type === 'tr_open') {
      rowLine = token.map?.[0] ?? rowLine;
      row = { type: 'tableRow', children: [], position: span(lines.lineStart(rowLine), lines.lineEnd(rowLine)) };
      table.children.push(row);
      cursor = 0;
    } else if (token.type === 'inline' && row) {
      // A cell's content is found on its row's line, after the cells before it.
      const source = lines.lineText(rowLine);
      const at = token.content === '' ? -1 : source.indexOf(token.content, cursor);
      const column = at < 0 ? cursor : at;
      cursor = column + token.content.length;
      const base = lines.lineStart(rowLine) + column;
      const cell: TableCell = { type: 'tableCell', children: at < 0 ? [] : scanInline(token.content, (o) => base + o), position: span(base, base + token.content.length) };
      row.children.push(cell);
    }
  }
  return table;
}

/** Link reference definitions: markdown-it keeps them without positions, so they are found on the lines no block took. */
function addDefinitions(root: Root, lines: Lines, covered: Uint8Array, from: number, references: Record<string, unknown>): void {
  const definitions: Definition[] = [];
  const pattern = /^(?:[ \t]*(?:>|[-*+]|\d{1,9}[.)]))*[ \t]*\[((?:[^\]\\]|\\.)+)\]:[ \t]*(<[^>\n]*>|\S+)/;
  for (let l = from; l < lines.lineCount; l++) {
    if (covered[l]) continue;
    const line = lines.lineText(l);
    const match = pattern.exec(line);
    if (!match || match[1].startsWith('^')) continue;
    const label = match[1].trim().replace(/\s+/g, ' ').toUpperCase();
    if (!(label in references) && !(label.toLowerCase() in references)) continue;
    const start = lines.lineStart(l) + Math.max(0, line.indexOf(`[${match[1]}]:`));
    const url = match[2].startsWith('<') ? match[2].slice(1, -1) : match[2];
    definitions.push({ type: 'definition', identifier: label.toLowerCase(), label: match[1], url, title: null, position: span(start, lines.lineStart(l) + line.trimEnd().length) });
  }
  // Merged into document order (a definition inside a list or quote lands beside it, at the top).
  const merged: Root['children'] = [];
  let next = 0;
  for (const child of root.children) {
    const start = child.position?.start.offset ?? 0;
    while (next < definitions.length && (definitions[next].position?.start.offset ?? 0) < start) merged.push(definitions[next++]);
    merged.push(child);
  }
  append(merged, definitions.slice(next));
  root.children = merged;
}
