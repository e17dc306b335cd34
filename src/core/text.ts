import type { Position, Range } from 'vscode-languageserver-types';

/** Maps string offsets (UTF-16 code units) to LSP positions and back, for one text. */
export class LineIndex {
  private readonly lineStarts: number[];

  constructor(readonly text: string) {
    const starts = [0];
    if (!text.includes('\r')) {
      // The usual text, LF only: the native search is several times faster than a loop over characters.
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    } else {
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c === 10 /* \n */) starts.push(i + 1);
        else if (c === 13 /* \r */ && text.charCodeAt(i + 1) !== 10) starts.push(i + 1);
      }
    }
    this.lineStarts = starts;
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.lineStarts[mid] <= clamped) low = mid;
      else high = mid - 1;
    }
    return { line: low, character: clamped - this.lineStarts[low] };
  }

  offsetAt(position: Position): number {
    if (position.line >= this.lineStarts.length) return this.text.length;
    const start = this.lineStarts[Math.max(0, position.line)];
    return Math.min(start + position.character, this.lineEnd(position.line));
  }

  rangeOf(start: number, end: number): Range {
    return { start: this.positionAt(start), end: this.positionAt(end) };
  }

  /** Offset of the start of a line (the end of the text past the last line). */
  lineStart(line: number): number {
    return line < this.lineStarts.length ? this.lineStarts[Math.max(0, line)] : this.text.length;
  }

  /** Offset of the end of a line, before its line break (the end of the text past the last line). */
  lineEnd(line: number): number {
    const next = line + 1 < this.lineStarts.length ? this.lineStarts[line + 1] : this.text.length;
    let end = next;
    if (end > this.lineStarts[line] && this.text.charCodeAt(end - 1) === 10) end--;
    if (end > this.lineStarts[line] && this.text.charCodeAt(end - 1) === 13) end--;
    return end;
  }

  /** The length of a line without its line break; 0 for a line the text does not have (no copy of the line). */
  lineLength(line: number): number {
    return line >= 0 && line < this.lineStarts.length ? this.lineEnd(line) - this.lineStarts[line] : 0;
  }

  /** The text of a line, without its line break; '' for a line the text does not have. */
  lineText(line: number): string {
    if (line < 0 || line >= this.lineStarts.length) return '';
    return this.text.slice(this.lineStarts[line], this.lineEnd(line));
  }

  lineRange(line: number): Range {
    return { start: { line, character: 0 }, end: { line, character: this.lineEnd(line) - this.lineStarts[line] } };
  }
}

/**
 * The matches of a global regex in a text, like `text.matchAll(regex)` but without the copy of the
 * regex that matchAll makes on every call (measurable where a check scans thousands of small
 * zones). Uses and resets the regex's `lastIndex`: do not nest two loops over one regex.
 */
export function* matches(regex: RegExp, text: string): Generator<RegExpExecArray> {
  regex.lastIndex = 0;
  let match: RegExpExecArray | null;
  while ((match = regex.exec(text)) !== null) {
    if (match[0] === '') regex.lastIndex++;
    yield match;
  }
  regex.lastIndex = 0;
}

/** The text with each run of white space made one space, and trimmed. */
export function collapseSpaces(text: string): string {
  // Most texts (headings, phrases) are on one line with single spaces already.
  return NOT_SINGLE_SPACED.test(text) ? text.replace(/\s+/g, ' ').trim() : text;
}

/** White space other than one space between words. */
const NOT_SINGLE_SPACED = /\s\s|[^\S ]|^\s|\s$/;

/** Whether the character at `i` is white space as `\s` and `trim()` have it (false past the end). */
export function isSpaceAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  // ASCII (nearly always) without a one-character string and a regex call.
  return c < 128 ? c === 32 || (c >= 9 && c <= 13) : /\s/.test(text[i]);
}
