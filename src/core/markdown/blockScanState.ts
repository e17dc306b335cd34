// The block scanner's state: markdown-it's StateBlock, field for field (the line tables, the
// current container's indentation and nesting), and the line helpers its rules share. What the
// scanner finds goes to a BlockSink (blockSink.ts) instead of a token list.
import type { BlockSink } from './blockSink.js';
import { lineTables } from './blockState.js';

/** Thrown where the text holds something the scanner leaves to markdown-it; the message says what. */
export class Unsupported extends Error {}

/** Which construct is looking for the end of its lines; lists interrupt paragraphs only in some. */
export type Parent = 'root' | 'paragraph' | 'list' | 'blockquote' | 'table';

export abstract class ScanState {
  bMarks: number[] = [];
  eMarks: number[] = [];
  tShift: number[] = [];
  sCount: number[] = [];
  bsCount: number[] = [];
  lineMax: number;
  blkIndent = 0;
  line = 0;
  tight = false;
  listIndent = -1;
  parentType: Parent = 'root';
  /** Containers open around the current line (a list and each of its items count one, as in markdown-it's token levels). */
  level = 0;

  /** Where each line starts in `src` (bMarks moves past a quote's `>`; this does not). */
  readonly lineStarts: number[];

  constructor(readonly src: string, protected readonly sink: BlockSink) {
    lineTables(src, this);
    this.lineMax = this.bMarks.length - 1;
    this.lineStarts = this.bMarks.slice();
  }

  /** The blocks of lines [startLine, endLine) at the current indentation (the scanner's main loop). */
  abstract tokenize(startLine: number, endLine: number): void;

  isEmpty(line: number): boolean {
    return this.bMarks[line] + this.tShift[line] >= this.eMarks[line];
  }

  protected skipEmptyLines(from: number): number {
    for (const max = this.lineMax; from < max; from++) {
      if (this.bMarks[from] + this.tShift[from] < this.eMarks[from]) break;
    }
    return from;
  }

  protected skipSpaces(pos: number): number {
    while (pos < this.src.length && isBlank(this.src.charCodeAt(pos))) pos++;
    return pos;
  }

  protected skipChars(pos: number, code: number): number {
    while (pos < this.src.length && this.src.charCodeAt(pos) === code) pos++;
    return pos;
  }

  /** A line from its first character past the indentation. */
  lineText(line: number): string {
    return this.src.slice(this.bMarks[line] + this.tShift[line], this.eMarks[line]);
  }

  /**
   * Lines [begin, end), each with up to `indent` columns of indentation (or container markup) taken
   * off. `columns`, when given, gets the column in its line each one starts at (-1 where a tab was
   * partly taken, which leaves spaces that are not in the text).
   */
  protected getLines(begin: number, end: number, indent: number, keepLastLF: boolean, columns?: number[]): string {
    let text = '';
    for (let line = begin; line < end; line++) {
      const lineStart = this.bMarks[line];
      const last = line + 1 < end || keepLastLF ? this.eMarks[line] + 1 : this.eMarks[line];
      let first = lineStart;
      let lineIndent = 0;
      while (first < last && lineIndent < indent) {
        const ch = this.src.charCodeAt(first);
        if (ch === 0x09) lineIndent += 4 - ((lineIndent + this.bsCount[line]) % 4);
        else if (ch === 0x20 || first - lineStart < this.tShift[line]) lineIndent++;
        else break;
        first++;
      }
      if (columns) columns.push(lineIndent > indent ? -1 : first - this.lineStarts[line]);
      // A tab only partly taken as indentation leaves the rest of its width as spaces.
      text += lineIndent > indent ? ' '.repeat(lineIndent - indent) + this.src.slice(first, last) : this.src.slice(first, last);
    }
    return text;
  }
}


/** markdown-it's asciiTrim: blanks, tabs and line breaks off both ends (other white space kept). */
export function asciiTrim(text: string): string {
  const start = asciiBlanksBefore(text);
  let end = text.length;
  while (end > start && isAsciiBlank(text.charCodeAt(end - 1))) end--;
  return start === 0 && end === text.length ? text : text.slice(start, end);
}

/** markdown-it's isSpace: what indents and separates block markup. */
export function isBlank(code: number): boolean {
  return code === 0x20 || code === 0x09;
}

/** How many blanks, tabs and line breaks a text starts with (what asciiTrim takes off its front). */
export function asciiBlanksBefore(text: string): number {
  let start = 0;
  while (start < text.length && isAsciiBlank(text.charCodeAt(start))) start++;
  return start;
}

function isAsciiBlank(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
}
