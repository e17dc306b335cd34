// The tree's block nodes, from a block's lines and content: shared by the tree built from
// markdown-it's tokens (markdownAst.ts) and the one the block scanner builds (blockTree.ts). Every
// position is an offset in the text; line and column are not computed.
import type MarkdownIt from 'markdown-it';
import type Token from 'markdown-it/lib/token.mjs';
import type { Code, Heading, Html, Paragraph, Table, TableCell, TableRow } from 'mdast';
import { scanInline } from './inlineScan.js';
import { paragraphMapper } from './paragraphOffsets.js';
import { isSpaceAt, type LineIndex } from '../text.js';

type Lines = LineIndex;

export function span(start: number, end: number) {
  // Only offsets are read downstream; line and column are not computed.
  return { start: { line: 1, column: 1, offset: start }, end: { line: 1, column: 1, offset: end } };
}

/** From the first non-blank character of lines [first, after) to the end of the last non-blank one. */
export function blockSpan(first: number, after: number, lines: Lines, fromLineStart = false) {
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

/** A paragraph of lines from `firstLine`: its content's inline nodes, placed in the text (paragraphOffsets.ts). */
export function paragraphNode(content: string, firstLine: number, columns: number[] | null, lines: Lines): Paragraph {
  const toSource = paragraphMapper(content, firstLine, columns, lines);
  const children = scanInline(content, toSource);
  return { type: 'paragraph', children, position: span(toSource(0), toSource(content.length)) };
}

/** A heading of lines [first, after): an ATX one (`markup` of `#`) or a setext one. */
export function headingNode(md: MarkdownIt, depth: number, markup: string, first: number, after: number, content: string, lines: Lines): Heading {
  // An ATX heading starts at its `#` (after any container markers), and ends with its line.
  const position = markup.startsWith('#')
    ? span(lines.lineStart(first) + Math.max(0, lines.lineText(first).indexOf('#')), lines.lineEnd(first))
    : blockSpan(first, after, lines);
  return { type: 'heading', depth: depth as Heading['depth'], children: [{ type: 'text', value: plainText(md, content) }], position };
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

/** Code of lines [first, after): fenced (with its fence's `markup` and `info`) or indented (`markup` ''). */
export function codeNode(markup: string, info: string, content: string, first: number, after: number, lines: Lines): Code {
  const fenced = markup !== '';
  const [lang, ...meta] = fenced ? info.trim().split(/\s+/) : [];
  const value = content.replace(/\n$/, '');
  let position = blockSpan(first, after, lines, !fenced);
  if (fenced) {
    // From the fence marker (after any container markers) to the end of the closing fence.
    const marker = lines.lineText(first).indexOf(markup);
    position = span(lines.lineStart(first) + Math.max(0, marker), position.end.offset);
  }
  return { type: 'code', lang: lang || null, meta: meta.join(' ') || null, value, position };
}

export function htmlNode(content: string, first: number, after: number, lines: Lines): Html {
  return { type: 'html', value: content, position: blockSpan(first, after, lines) };
}

/** A table row: its line, and each column's content (trimmed; '' for a cell the row lacks). */
export interface RowCells {
  line: number;
  cells: string[];
}

/** A table of lines [first, after), its header row first. */
export function tableNode(rows: RowCells[], first: number, after: number, lines: Lines): Table {
  const table: Table = { type: 'table', align: [], children: [], position: blockSpan(first, after, lines) };
  for (const { line, cells } of rows) {
    const row: TableRow = { type: 'tableRow', children: [], position: span(lines.lineStart(line), lines.lineEnd(line)) };
    table.children.push(row);
    const source = lines.lineText(line);
    let cursor = 0;
    for (const content of cells) {
      // A cell's content is found on its row's line, after the cells before it.
      const at = content === '' ? -1 : source.indexOf(content, cursor);
      const column = at < 0 ? cursor : at;
      cursor = column + content.length;
      const base = lines.lineStart(line) + column;
      const cell: TableCell = { type: 'tableCell', children: at < 0 ? [] : scanInline(content, (o) => base + o), position: span(base, base + content.length) };
      row.children.push(cell);
    }
  }
  return table;
}
