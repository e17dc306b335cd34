// The block scanner's containers, lists and block quotes: markdown-it's list and blockquote rules.
// Each narrows the line tables to its content (the marker and its indentation become part of the
// line's indentation), scans that with the main loop, and puts the tables back.
import { isBlank, ScanState } from './blockScanState.js';

export abstract class ContainerScanner extends ScanState {
  /** Whether a list ends before `line` (other than by indentation or another marker). */
  protected abstract endsList(line: number, endLine: number): boolean;

  /** Whether a block quote's lazy lines, or a table's rows, end before `line`. */
  protected abstract endsQuote(line: number, endLine: number): boolean;

  protected blockquote(startLine: number, endLine: number, silent: boolean): boolean {
    if (this.sCount[startLine] - this.blkIndent >= 4) return false;
    if (this.src.charCodeAt(this.bMarks[startLine] + this.tShift[startLine]) !== 0x3e /* > */) return false;
    if (silent) return true;
    const oldLineMax = this.lineMax;
    const oldBMarks: number[] = [];
    const oldBSCount: number[] = [];
    const oldSCount: number[] = [];
    const oldTShift: number[] = [];
    const oldParentType = this.parentType;
    this.parentType = 'blockquote';
    let lastLineEmpty = false;
    let nextLine = startLine;
    for (; nextLine < endLine; nextLine++) {
      const isOutdented = this.sCount[nextLine] < this.blkIndent;
      let pos = this.bMarks[nextLine] + this.tShift[nextLine];
      const max = this.eMarks[nextLine];
      if (pos >= max) break;
      if (this.src.charCodeAt(pos++) === 0x3e && !isOutdented) {
        // A quoted line: the marker and one blank after it (a tab: one column of it) are indentation.
        let initial = this.sCount[nextLine] + 1;
        let spaceAfterMarker = false;
        let adjustTab = false;
        const after = this.src.charCodeAt(pos);
        if (after === 0x20) {
          pos++;
          initial++;
          spaceAfterMarker = true;
        } else if (after === 0x09) {
          spaceAfterMarker = true;
          if ((this.bsCount[nextLine] + initial) % 4 === 3) {
            pos++;
            initial++;
          } else {
            adjustTab = true;
          }
        }
        let offset = initial;
        oldBMarks.push(this.bMarks[nextLine]);
        this.bMarks[nextLine] = pos;
        for (; pos < max; pos++) {
          const ch = this.src.charCodeAt(pos);
          if (ch === 0x09) offset += 4 - ((offset + this.bsCount[nextLine] + (adjustTab ? 1 : 0)) % 4);
          else if (ch === 0x20) offset++;
          else break;
        }
        lastLineEmpty = pos >= max;
        oldBSCount.push(this.bsCount[nextLine]);
        this.bsCount[nextLine] = this.sCount[nextLine] + 1 + (spaceAfterMarker ? 1 : 0);
        oldSCount.push(this.sCount[nextLine]);
        this.sCount[nextLine] = offset - initial;
        oldTShift.push(this.tShift[nextLine]);
        this.tShift[nextLine] = pos - this.bMarks[nextLine];
        continue;
      }
      if (lastLineEmpty) break;
      if (this.endsQuote(nextLine, endLine)) {
        this.lineMax = nextLine;
        if (this.blkIndent !== 0) {
          oldBMarks.push(this.bMarks[nextLine]);
          oldBSCount.push(this.bsCount[nextLine]);
          oldTShift.push(this.tShift[nextLine]);
          oldSCount.push(this.sCount[nextLine]);
          this.sCount[nextLine] -= this.blkIndent;
        }
        break;
      }
      // A lazy line: the paragraph in the quote takes it whatever its indentation.
      oldBMarks.push(this.bMarks[nextLine]);
      oldBSCount.push(this.bsCount[nextLine]);
      oldTShift.push(this.tShift[nextLine]);
      oldSCount.push(this.sCount[nextLine]);
      this.sCount[nextLine] = -1;
    }
    const oldIndent = this.blkIndent;
    this.blkIndent = 0;
    this.sink.openQuote(startLine);
    this.level++;
    this.tokenize(startLine, nextLine);
    this.level--;
    this.sink.closeQuote(this.line);
    this.lineMax = oldLineMax;
    this.parentType = oldParentType;
    for (let i = 0; i < oldTShift.length; i++) {
      this.bMarks[i + startLine] = oldBMarks[i];
      this.tShift[i + startLine] = oldTShift[i];
      this.sCount[i + startLine] = oldSCount[i];
      this.bsCount[i + startLine] = oldBSCount[i];
    }
    this.blkIndent = oldIndent;
    return true;
  }
  protected list(startLine: number, endLine: number, silent: boolean): boolean {
    let nextLine = startLine;
    if (this.sCount[nextLine] - this.blkIndent >= 4) return false;
    // A marker indented 4 past the enclosing list's, yet outdented from this item: a paragraph's continuation.
    if (this.listIndent >= 0 && this.sCount[nextLine] - this.listIndent >= 4 && this.sCount[nextLine] < this.blkIndent) return false;
    // Interrupting a paragraph, a list must start at 1 and hold words on its first line.
    const interruptsParagraph = silent && this.parentType === 'paragraph' && this.sCount[nextLine] >= this.blkIndent;
    let markerStart = this.bMarks[nextLine] + this.tShift[nextLine];
    let posAfterMarker = this.orderedMarkerEnd(nextLine);
    const isOrdered = posAfterMarker >= 0;
    let markerValue = 0;
    if (isOrdered) {
      markerValue = Number(this.src.slice(markerStart, posAfterMarker - 1));
      if (interruptsParagraph && markerValue !== 1) return false;
    } else {
      posAfterMarker = this.bulletMarkerEnd(nextLine);
      if (posAfterMarker < 0) return false;
    }
    if (interruptsParagraph && this.skipSpaces(posAfterMarker) >= this.eMarks[nextLine]) return false;
    if (silent) return true;

    const markerChar = this.src.charCodeAt(posAfterMarker - 1);
    const markup = String.fromCharCode(markerChar);
    this.sink.openList(isOrdered, nextLine, markup, markerValue);
    this.level++;
    let tight = true;
    let prevEmptyEnd = false;
    const oldParentType = this.parentType;
    this.parentType = 'list';
    while (nextLine < endLine) {
      let pos = posAfterMarker;
      const max = this.eMarks[nextLine];
      const initial = this.sCount[nextLine] + posAfterMarker - (this.bMarks[nextLine] + this.tShift[nextLine]);
      let offset = initial;
      for (; pos < max; pos++) {
        const ch = this.src.charCodeAt(pos);
        if (ch === 0x09) offset += 4 - ((offset + this.bsCount[nextLine]) % 4);
        else if (ch === 0x20) offset++;
        else break;
      }
      const contentStart = pos;
      // An empty first line, or more than 4 blanks (the rest is indented code): the content is 1 column in.
      let indentAfterMarker = contentStart >= max ? 1 : offset - initial;
      if (indentAfterMarker > 4) indentAfterMarker = 1;
      const indent = initial + indentAfterMarker;

      this.sink.openItem(nextLine, markup, isOrdered ? this.src.slice(markerStart, posAfterMarker - 1) : '');
      this.level++;
      const oldTight = this.tight;
      const oldTShift = this.tShift[nextLine];
      const oldSCount = this.sCount[nextLine];
      const oldListIndent = this.listIndent;
      this.listIndent = this.blkIndent;
      this.blkIndent = indent;
      this.tight = true;
      this.tShift[nextLine] = contentStart - this.bMarks[nextLine];
      this.sCount[nextLine] = offset;
      if (contentStart >= max && this.isEmpty(nextLine + 1)) {
        // An empty item followed by a blank line ends the list (markdown-it's workaround).
        this.line = Math.min(this.line + 2, endLine);
      } else {
        this.tokenize(nextLine, endLine);
      }
      if (!this.tight || prevEmptyEnd) tight = false;
      // An item ending in a blank line makes the list loose, unless the list ends there.
      prevEmptyEnd = this.line - nextLine > 1 && this.isEmpty(this.line - 1);
      this.blkIndent = this.listIndent;
      this.listIndent = oldListIndent;
      this.tShift[nextLine] = oldTShift;
      this.sCount[nextLine] = oldSCount;
      this.tight = oldTight;
      this.level--;
      nextLine = this.line;
      this.sink.closeItem(nextLine);

      if (nextLine >= endLine) break;
      if (this.sCount[nextLine] < this.blkIndent) break;
      if (this.sCount[nextLine] - this.blkIndent >= 4) break;
      if (this.endsList(nextLine, endLine)) break;
      // The next item: the same kind of list, the same marker character.
      if (isOrdered) {
        posAfterMarker = this.orderedMarkerEnd(nextLine);
        if (posAfterMarker < 0) break;
        markerStart = this.bMarks[nextLine] + this.tShift[nextLine];
      } else {
        posAfterMarker = this.bulletMarkerEnd(nextLine);
        if (posAfterMarker < 0) break;
      }
      if (markerChar !== this.src.charCodeAt(posAfterMarker - 1)) break;
    }
    this.level--;
    this.sink.closeList(nextLine, tight);
    this.line = nextLine;
    this.parentType = oldParentType;
    return true;
  }

  /** After `-`, `+` or `*` and before a blank or the line's end, or -1. */
  protected bulletMarkerEnd(line: number): number {
    const max = this.eMarks[line];
    let pos = this.bMarks[line] + this.tShift[line];
    const marker = this.src.charCodeAt(pos++);
    if (marker !== 0x2a /* * */ && marker !== 0x2d /* - */ && marker !== 0x2b /* + */) return -1;
    if (pos < max && !isBlank(this.src.charCodeAt(pos))) return -1;
    return pos;
  }

  /** After 1 to 9 digits and `.` or `)`, before a blank or the line's end, or -1. */
  protected orderedMarkerEnd(line: number): number {
    const start = this.bMarks[line] + this.tShift[line];
    const max = this.eMarks[line];
    let pos = start;
    if (pos + 1 >= max) return -1;
    let ch = this.src.charCodeAt(pos++);
    if (ch < 0x30 || ch > 0x39) return -1;
    for (;;) {
      if (pos >= max) return -1;
      ch = this.src.charCodeAt(pos++);
      if (ch >= 0x30 && ch <= 0x39) {
        if (pos - start >= 10) return -1;
        continue;
      }
      if (ch === 0x29 /* ) */ || ch === 0x2e /* . */) break;
      return -1;
    }
    if (pos < max && !isBlank(this.src.charCodeAt(pos))) return -1;
    return pos;
  }
}
