// Where a paragraph's content offsets are in the text. markdown-it (and the block scanner) give a
// paragraph's content with container markers and indentation stripped from each line; the inline
// scan reports offsets in that content, and the tree needs them in the text.
import type { ToSource } from './inlineScan.js';
import { isSpaceAt, type LineIndex } from '../text.js';

type Lines = LineIndex;

/**
 * Maps offsets in a paragraph's content (starting on `firstLine`) to the text: by `columns`, where
 * each content line starts in its line, when the block scanner gave them; else by finding each
 * content line in its line of the text (markdown-it's paragraphs).
 */
export function paragraphMapper(content: string, firstLine: number, columns: number[] | null, lines: Lines): ToSource {
  return columns ? columnMapper(content, firstLine, columns, lines) : contentMapper(content, firstLine, lines);
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

/** contentMapper, for content whose lines' columns are known. */
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
