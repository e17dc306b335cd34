// Markdown to the part of mdast the runbook model reads, fast: the block scanner (blockScanner.ts)
// finds the blocks with their lines and builds their nodes as it goes (blockTree.ts); what it leaves
// (link reference definitions) goes through markdown-it's tokens instead. inlineScan.ts finds the
// inline constructs with their offsets. micromark, which builds the full mdast, runs at about 7 µs a
// byte; this does about a tenth of that.
import MarkdownIt from 'markdown-it';
import type Token from 'markdown-it/lib/token.mjs';
import type { Definition, List, ListItem, Parents, Root, Yaml } from 'mdast';
import { useLineTableState } from './blockState.js';
import { scanInto } from './blockScanner.js';
import { TreeSink } from './blockTree.js';
import { blockSpan, codeNode, headingNode, htmlNode, paragraphNode, span, tableNode, type RowCells } from './treeNodes.js';
import { LineIndex } from '../text.js';
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
  const md = blockMarkdownIt();
  return (text, lines) => buildTree(md, blockScanner, text, lines?.text === text ? lines : new LineIndex(text));
}

/** markdown-it as the parser uses it: block rules only (the block scanner's property test compares with it). */
export function blockMarkdownIt(): MarkdownIt {
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
  return md;
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
  if (source.includes('\r') || source.includes('\0')) source = source.replace(/\r\n?/g, '\n').replace(/\0/g, '\uFFFD');
  if (blockScanner) {
    const sink = new TreeSink(md, lines);
    // What the scanner leaves, markdown-it parses whole (the sink's part is dropped).
    if (scanInto(source, sink) === undefined) {
      append(root.children, sink.children);
      return root;
    }
  }
  return addTokens(md, source, root, lines, frontMatterLines);
}

/** The tree's nodes from markdown-it's tokens for `source`, after what `root` already has. */
function addTokens(md: MarkdownIt, source: string, root: Root, lines: LineIndex, frontMatterLines: number): Root {
  const env: { references?: Record<string, unknown> } = {};
  const tokens = md.parse(source, env);
  const covered = new Uint8Array(lines.lineCount);
  const stack: Parents[] = [root];
  const top = () => stack[stack.length - 1];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (token.map) for (let l = token.map[0]; l < token.map[1] && token.nesting === 0; l++) covered[l] = 1;
    switch (token.type) {
      case 'heading_open': {
        const [first, after] = token.map!;
        const heading = headingNode(md, Number(token.tag.slice(1)), token.markup, first, after, tokens[i + 1].content, lines);
        (top() as Root).children.push(heading);
        markCovered(covered, token);
        i += 2;
        break;
      }
      case 'paragraph_open': {
        const inline = tokens[i + 1];
        (top() as Root).children.push(paragraphNode(inline.content, inline.map![0], null, lines));
        markCovered(covered, token);
        i += 2;
        break;
      }
      case 'fence':
      case 'code_block':
        (top() as Root).children.push(codeNode(token.markup, token.info, token.content, token.map![0], token.map![1], lines));
        break;
      case 'html_block':
        (top() as Root).children.push(htmlNode(token.content, token.map![0], token.map![1], lines));
        break;
      case 'table_open': {
        const end = closing(tokens, i);
        (top() as Root).children.push(tableNode(tableRows(tokens, i, end), token.map![0], token.map![1], lines));
        markCovered(covered, token);
        i = end;
        break;
      }
      case 'bullet_list_open':
      case 'ordered_list_open':
        stack.push(open<List>(top(), { type: 'list', ordered: token.type === 'ordered_list_open', spread: false, children: [], position: tokenSpan(token, lines) }));
        break;
      case 'list_item_open':
        stack.push(open<ListItem>(top(), { type: 'listItem', spread: false, children: [], position: tokenSpan(token, lines) }));
        break;
      case 'blockquote_open':
        stack.push(open(top(), { type: 'blockquote', children: [], position: tokenSpan(token, lines) }));
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

function tokenSpan(token: Token, lines: LineIndex) {
  const [first, after] = token.map ?? [0, 0];
  return blockSpan(first, after, lines);
}

/** A table's rows from its tokens [open, close]: each row's line and its cells' contents. */
function tableRows(tokens: Token[], open: number, close: number): RowCells[] {
  const rows: RowCells[] = [];
  for (let i = open; i <= close; i++) {
    const token = tokens[i];
    if (token.type === 'tr_open') rows.push({ line: token.map?.[0] ?? 0, cells: [] });
    else if (token.type === 'inline' && rows.length > 0) rows[rows.length - 1].cells.push(token.content);
  }
  return rows;
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

function closing(tokens: Token[], openIndex: number): number {
  let depth = 0;
  for (let i = openIndex; i < tokens.length; i++) {
    depth += tokens[i].nesting;
    if (depth === 0) return i;
  }
  return tokens.length - 1;
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
