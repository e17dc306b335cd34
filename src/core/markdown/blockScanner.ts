// markdown-it's block parse, rewritten as one class (this file, blockContainers.ts for lists and
// quotes, blockScanState.ts for the state, blockTables.ts for tables): the same algorithm, line
// tables and recursion into containers, without markdown-it's rule chains, handing each block to a
// sink (blockSink.ts): markdown-it's tokens, or for the runbook parser the tree's nodes
// (blockTree.ts). markdown-it tries a dozen rule functions in turn on every line, and again as
// terminators; over a cold workspace, warming that code up cost more than the work. Left to
// markdown-it (the caller then parses the whole text with it): link reference definitions, which
// need its link helpers and `env`, and nesting past MAX_LEVEL. A property test compares the tokens
// with markdown-it's, field for field, and the trees, on the corpus, the seeds, generated
// runbooks, block soup and random texts.
import type Token from 'markdown-it/lib/token.mjs';
import htmlBlockNames from 'markdown-it/lib/common/html_blocks.mjs';
import { HTML_OPEN_CLOSE_TAG_RE } from 'markdown-it/lib/common/html_re.mjs';
import { ContainerScanner } from './blockContainers.js';
import { TokenSink, type BlockSink } from './blockSink.js';
import { asciiBlanksBefore, asciiTrim, isBlank, Unsupported } from './blockScanState.js';
import { splitRow, tableStart, type TableStart } from './blockTables.js';
import type { RowCells } from './treeNodes.js';

/** Deeper than this, markdown-it (with its own limit) is left to it. */
const MAX_LEVEL = 200;

/** CommonMark's HTML block kinds: how one starts, how it ends, and whether it may interrupt a paragraph (markdown-it's). */
const HTML_BLOCKS: readonly [RegExp, RegExp, boolean][] = [
  [/^<(script|pre|style|textarea)(?=(\s|>|$))/i, /<\/(script|pre|style|textarea)>/i, true],
  [/^<!--/, /-->/, true],
  [/^<\?/, /\?>/, true],
  [/^<![A-Za-z]/, />/, true],
  [/^<!\[CDATA\[/, /\]\]>/, true],
  [new RegExp('^</?(' + htmlBlockNames.join('|') + ')(?=(\\s|/?>|$))', 'i'), /^$/, true],
  [new RegExp(HTML_OPEN_CLOSE_TAG_RE.source + '\\s*$'), /^$/, false],
];

/**
 * Scans `src` (line breaks already `\n`, no NUL) into `sink`. Gives what it left to markdown-it, or
 * undefined: on giving up, what the sink got so far is a part of the text, to be thrown away.
 */
export function scanInto(src: string, sink: BlockSink): string | undefined {
  if (src.length === 0) return undefined;
  const scanner = new BlockScanner(src, sink);
  try {
    scanner.tokenize(0, scanner.lineMax);
  } catch (error) {
    if (error instanceof Unsupported) return error.message;
    throw error;
  }
  return undefined;
}

/** markdown-it's block tokens for `src`, or what the scanner left to markdown-it (for tests and probes). */
export function scanOrExplain(src: string): Token[] | string {
  const sink = new TokenSink();
  return scanInto(src, sink) ?? sink.tokens;
}

/** markdown-it's block parser with its rules as methods: the main loop, the rules' order, and the leaf blocks. */
class BlockScanner extends ContainerScanner {
  tokenize(startLine: number, endLine: number): void {
    let line = startLine;
    let hasEmptyLines = false;
    while (line < endLine) {
      this.line = line = this.skipEmptyLines(line);
      if (line >= endLine) break;
      if (this.sCount[line] < this.blkIndent) break;
      if (this.level >= MAX_LEVEL) throw new Unsupported('deep nesting');
      this.block(line, endLine);
      this.tight = !hasEmptyLines;
      if (this.isEmpty(this.line - 1)) hasEmptyLines = true;
      line = this.line;
      if (line < endLine && this.isEmpty(line)) {
        hasEmptyLines = true;
        line++;
        this.line = line;
      }
    }
  }

  /** markdown-it's rules in its order; the first that takes the line moves `line` past its block. */
  private block(line: number, endLine: number): void {
    const table = this.tableStart(line, endLine);
    if (table) return this.table(line, endLine, table);
    if (this.sCount[line] - this.blkIndent >= 4) return this.indentedCode(line, endLine);
    if (this.fence(line, endLine, false)) return;
    if (this.blockquote(line, endLine, false)) return;
    if (this.hr(line, false)) return;
    if (this.list(line, endLine, false)) return;
    const first = this.src.charCodeAt(this.bMarks[line] + this.tShift[line]);
    if (first === 0x5b /* [ */) this.notReference(line);
    if (first === 0x3c /* < */ && this.htmlBlock(line, endLine, false)) return;
    if (this.heading(line, false)) return;
    this.paragraph(line, endLine);
  }

  // ------------------------------------------------------------------ terminators

  /** Whether a paragraph (or a setext heading's text) ends before `line`. */
  private endsParagraph(line: number, endLine: number): boolean {
    return this.tableStart(line, endLine) !== undefined || this.fence(line, endLine, true) || this.blockquote(line, endLine, true)
      || this.hr(line, true) || this.list(line, endLine, true) || this.htmlBlock(line, endLine, true) || this.heading(line, true);
  }

  /** Whether a list ends before `line` (other than by indentation or another marker). */
  protected endsList(line: number, endLine: number): boolean {
    return this.fence(line, endLine, true) || this.blockquote(line, endLine, true) || this.hr(line, true);
  }

  /** Whether a block quote's lazy lines, or a table's rows, end before `line`. */
  protected endsQuote(line: number, endLine: number): boolean {
    return this.fence(line, endLine, true) || this.blockquote(line, endLine, true) || this.hr(line, true)
      || this.list(line, endLine, true) || this.htmlBlock(line, endLine, true) || this.heading(line, true);
  }

  // ------------------------------------------------------------------ leaf blocks

  private paragraph(startLine: number, endLine: number): void {
    const oldParentType = this.parentType;
    this.parentType = 'paragraph';
    let nextLine = startLine + 1;
    let underline = 0;
    for (; nextLine < endLine && !this.isEmpty(nextLine); nextLine++) {
      // Indented past code: a lazy continuation whatever it holds.
      if (this.sCount[nextLine] - this.blkIndent > 3) continue;
      // markdown-it tries a setext heading first, over these same lines: its underline ends them.
      if (this.sCount[nextLine] >= this.blkIndent && (underline = this.setextUnderline(nextLine))) break;
      // A block quote's lazy line, already checked by the quote.
      if (this.sCount[nextLine] < 0) continue;
      if (this.endsParagraph(nextLine, endLine)) break;
    }
    const columns: number[] = [];
    const lines = this.getLines(startLine, nextLine, this.blkIndent, false, columns);
    const content = asciiTrim(lines);
    this.parentType = oldParentType;
    if (underline) return this.setextHeading(startLine, nextLine, underline, content);
    this.line = nextLine;
    // Where each content line starts in its line: the tree reads the paragraph's offsets from it
    // instead of searching the text for the content.
    const known = !columns.includes(-1);
    if (known) columns[0] += asciiBlanksBefore(lines);
    this.sink.paragraph(startLine, nextLine, content, known ? columns : null);
  }

  /** The `=` or `-` of a line of them (blanks after allowed), or 0. */
  private setextUnderline(line: number): number {
    let pos = this.bMarks[line] + this.tShift[line];
    const max = this.eMarks[line];
    const marker = this.src.charCodeAt(pos);
    if (pos >= max || (marker !== 0x2d /* - */ && marker !== 0x3d /* = */)) return 0;
    while (pos < max && this.src.charCodeAt(pos) === marker) pos++;
    while (pos < max && isBlank(this.src.charCodeAt(pos))) pos++;
    return pos >= max ? marker : 0;
  }

  /** A heading of lines [startLine, underline) with `content`, underlined by `marker`. */
  private setextHeading(startLine: number, underline: number, marker: number, content: string): void {
    this.line = underline + 1;
    this.sink.heading(marker === 0x3d ? 1 : 2, String.fromCharCode(marker), startLine, this.line, content);
  }

  /** Lines indented 4 columns past the container, blank lines between them included. */
  private indentedCode(startLine: number, endLine: number): void {
    let nextLine = startLine + 1;
    let last = nextLine;
    while (nextLine < endLine) {
      if (this.isEmpty(nextLine)) {
        nextLine++;
      } else if (this.sCount[nextLine] - this.blkIndent >= 4) {
        nextLine++;
        last = nextLine;
      } else {
        break;
      }
    }
    this.line = last;
    this.sink.codeBlock(startLine, last, this.getLines(startLine, last, 4 + this.blkIndent, false) + '\n');
  }

  private heading(line: number, silent: boolean): boolean {
    let pos = this.bMarks[line] + this.tShift[line];
    let max = this.eMarks[line];
    if (this.sCount[line] - this.blkIndent >= 4) return false;
    let ch = this.src.charCodeAt(pos);
    if (ch !== 0x23 /* # */ || pos >= max) return false;
    let level = 1;
    ch = this.src.charCodeAt(++pos);
    while (ch === 0x23 && pos < max && level <= 6) {
      level++;
      ch = this.src.charCodeAt(++pos);
    }
    if (level > 6 || (pos < max && !isBlank(ch))) return false;
    if (silent) return true;
    // Trailing blanks, then a closing run of `#` that follows a blank.
    while (max > pos && isBlank(this.src.charCodeAt(max - 1))) max--;
    let closing = max;
    while (closing > pos && this.src.charCodeAt(closing - 1) === 0x23) closing--;
    if (closing > pos && isBlank(this.src.charCodeAt(closing - 1))) max = closing;
    this.line = line + 1;
    this.sink.heading(level, '########'.slice(0, level), line, line + 1, asciiTrim(this.src.slice(pos, max)));
    return true;
  }

  private hr(line: number, silent: boolean): boolean {
    const max = this.eMarks[line];
    if (this.sCount[line] - this.blkIndent >= 4) return false;
    let pos = this.bMarks[line] + this.tShift[line];
    const marker = this.src.charCodeAt(pos++);
    if (marker !== 0x2a /* * */ && marker !== 0x2d /* - */ && marker !== 0x5f /* _ */) return false;
    let count = 1;
    while (pos < max) {
      const ch = this.src.charCodeAt(pos++);
      if (ch !== marker && !isBlank(ch)) return false;
      if (ch === marker) count++;
    }
    if (count < 3) return false;
    if (silent) return true;
    this.line = line + 1;
    this.sink.hr(line, String.fromCharCode(marker).repeat(count));
    return true;
  }

  private fence(startLine: number, endLine: number, silent: boolean): boolean {
    let pos = this.bMarks[startLine] + this.tShift[startLine];
    let max = this.eMarks[startLine];
    if (this.sCount[startLine] - this.blkIndent >= 4) return false;
    if (pos + 3 > max) return false;
    const marker = this.src.charCodeAt(pos);
    if (marker !== 0x7e /* ~ */ && marker !== 0x60 /* ` */) return false;
    let mem = pos;
    pos = this.skipChars(pos, marker);
    const length = pos - mem;
    if (length < 3) return false;
    const markup = this.src.slice(mem, pos);
    const params = this.src.slice(pos, max);
    if (marker === 0x60 && params.includes('`')) return false;
    if (silent) return true;
    let nextLine = startLine;
    let haveEndMarker = false;
    for (;;) {
      nextLine++;
      if (nextLine >= endLine) break;
      pos = mem = this.bMarks[nextLine] + this.tShift[nextLine];
      max = this.eMarks[nextLine];
      // A line outdented out of the fence's container ends it (a blank line does not).
      if (pos < max && this.sCount[nextLine] < this.blkIndent) break;
      if (this.src.charCodeAt(pos) !== marker) continue;
      if (this.sCount[nextLine] - this.blkIndent >= 4) continue;
      pos = this.skipChars(pos, marker);
      if (pos - mem < length) continue;
      pos = this.skipSpaces(pos);
      if (pos < max) continue;
      haveEndMarker = true;
      break;
    }
    this.line = nextLine + (haveEndMarker ? 1 : 0);
    this.sink.fence(startLine, this.line, markup, params, this.getLines(startLine + 1, nextLine, this.sCount[startLine], true));
    return true;
  }

  /** An HTML block, of CommonMark's seven kinds (markdown-it's html_block, `html: true`). */
  private htmlBlock(startLine: number, endLine: number, silent: boolean): boolean {
    const pos = this.bMarks[startLine] + this.tShift[startLine];
    if (this.sCount[startLine] - this.blkIndent >= 4) return false;
    if (this.src.charCodeAt(pos) !== 0x3c /* < */) return false;
    let lineText = this.src.slice(pos, this.eMarks[startLine]);
    const kind = HTML_BLOCKS.find(([start]) => start.test(lineText));
    if (!kind) return false;
    const [, end, interrupts] = kind;
    if (silent) return interrupts;
    let nextLine = startLine + 1;
    const endsOnBlankLine = end.test('');
    if (!end.test(lineText)) {
      for (; nextLine < endLine; nextLine++) {
        if (this.sCount[nextLine] < this.blkIndent && (endsOnBlankLine || !this.isEmpty(nextLine))) break;
        lineText = this.lineText(nextLine);
        if (end.test(lineText)) {
          if (lineText.length !== 0) nextLine++;
          break;
        }
      }
    }
    this.line = nextLine;
    this.sink.html(startLine, nextLine, this.getLines(startLine, nextLine, this.blkIndent, true));
    return true;
  }

  /** Throws unless the line (which starts with `[`) is surely not a link reference definition. */
  private notReference(line: number): void {
    const max = this.eMarks[line];
    for (let pos = this.bMarks[line] + this.tShift[line] + 1; pos < max; pos++) {
      const ch = this.src.charCodeAt(pos);
      if (ch === 0x5b /* [ */) return;
      if (ch === 0x5d /* ] */) {
        if (this.src.charCodeAt(pos + 1) === 0x3a /* : */) break;
        return;
      }
      if (ch === 0x5c /* \ */) break;
    }
    // A definition, or a label that goes on past the line or holds an escape.
    throw new Unsupported('link reference definition');
  }

  /** The tableStart of blockTables.ts, read on this state. */
  private tableStart(line: number, endLine: number): TableStart | undefined {
    return tableStart(this, line, endLine);
  }

  private table(startLine: number, endLine: number, start: TableStart): void {
    const { aligns, header } = start;
    const oldParentType = this.parentType;
    this.parentType = 'table';
    const rows: RowCells[] = [{ line: startLine, cells: columnCells(header, aligns.length) }];
    let autocompleted = 0;
    let nextLine = startLine + 2;
    for (; nextLine < endLine; nextLine++) {
      if (this.sCount[nextLine] < this.blkIndent) break;
      if (this.endsQuote(nextLine, endLine)) break;
      const lineText = this.lineText(nextLine).trim();
      if (!lineText) break;
      if (this.sCount[nextLine] - this.blkIndent >= 4) break;
      const cells = splitRow(lineText);
      autocompleted += aligns.length - cells.length;
      if (autocompleted > 0x10000) break;
      rows.push({ line: nextLine, cells: columnCells(cells, aligns.length) });
    }
    this.sink.table(startLine, nextLine, aligns, rows);
    this.parentType = oldParentType;
    this.line = nextLine;
  }
}

/** A row's content per column, as markdown-it's cells hold it: trimmed, '' where the row has no cell. */
function columnCells(cells: string[], columns: number): string[] {
  const contents: string[] = [];
  for (let i = 0; i < columns; i++) contents.push(cells[i] ? cells[i].trim() : '');
  return contents;
}
