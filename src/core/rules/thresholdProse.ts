// The prose of a runbook zone, as threshold-mismatch reads it: code, markup and link destinations
// blanked out, offsets unchanged; and the flat [start, end) span lists the zones are made of.
import type { RunbookDoc } from '../markdown/runbookModel.js';

/**
 * The union of flat [start, end) pairs, each start raised to `floor` at least: sorted pairs, empty
 * ones dropped, overlapping or touching ones merged. Sorts `pairs` in place.
 */
export function union(pairs: number[], floor: number): number[] {
  // An insertion sort: a section has a handful of zones.
  for (let i = 2; i < pairs.length; i += 2) {
    const start = pairs[i];
    const end = pairs[i + 1];
    let j = i - 2;
    for (; j >= 0 && pairs[j] > start; j -= 2) {
      pairs[j + 2] = pairs[j];
      pairs[j + 3] = pairs[j + 1];
    }
    pairs[j + 2] = start;
    pairs[j + 3] = end;
  }
  const out: number[] = [];
  for (let i = 0; i < pairs.length; i += 2) {
    const start = Math.max(pairs[i], floor);
    const end = pairs[i + 1];
    if (end <= start) continue;
    if (out.length > 0 && start <= out[out.length - 1]) out[out.length - 1] = Math.max(out[out.length - 1], end);
    else out.push(start, end);
  }
  return out;
}

/** Sorted, separate flat pairs without [holeStart, holeEnd): still sorted and separate. */
export function cut(spans: number[], holeStart: number, holeEnd: number): number[] {
  if (holeEnd <= holeStart) return spans;
  const out: number[] = [];
  for (let i = 0; i < spans.length; i += 2) {
    const start = spans[i];
    const end = spans[i + 1];
    if (holeEnd <= start || holeStart >= end) {
      out.push(start, end);
      continue;
    }
    if (holeStart > start) out.push(start, holeStart);
    if (holeEnd < end) out.push(holeEnd, end);
  }
  return out;
}

/**
 * The document's text with what is not prose blanked out, offsets unchanged: fenced code blocks,
 * HTML comments and tags, link destinations, blockquote markers, and code spans (a command's
 * wholly; in other code spans only the comparison symbols, so `rate(x[5m]) > 0.05` states nothing
 * while a quoted alert message still can). Built lazily, one zone at a time.
 */
export class ProseMask {
  private readonly text: string;
  /** Code spans outside headings, in document order. */
  private readonly spans: readonly CodeSpan[];
  /** Where inline commands start (their code spans are blanked wholly); worked out on first use. */
  private commandStarts?: Set<number>;

  constructor(private readonly doc: RunbookDoc) {
    this.text = doc.lines.text;
    const spans = doc.codeSpans;
    this.spans = spans.every((span, i) => i === 0 || span.start >= spans[i - 1].start) ? spans : [...spans].sort((a, b) => a.start - b.start);
  }

  slice(start: number, end: number): string {
    const zone = this.text.slice(start, end);
    // What to blank, as flat [from, to) pairs in the zone: wholly (but line breaks), or comparison symbols only.
    const wholly: number[] = [];
    const symbols: number[] = [];
    const blank = (from: number, to: number) => {
      if (to > from) wholly.push(Math.max(from, 0), Math.min(to, zone.length));
    };
    blankFencesAndHeadingCode(zone, blank);
    blankHtmlComments(zone, blank);
    // Each pattern's matches hold the string tested first: most zones have no tag, link or quote to scan for.
    if (zone.includes('<')) blankMatches(HTML_TAG, zone, blank);
    if (zone.includes('](')) blankMatches(LINK_DESTINATION, zone, blank);
    if (zone.includes('>')) blankMatches(BLOCKQUOTE_MARKER, zone, blank);
    const { spans } = this;
    for (let i = this.firstSpanEndingAfter(start); i < spans.length && spans[i].start < end; i++) {
      const { start: s, end: e } = spans[i];
      if (this.isCommand(s)) blank(s - start, e - start);
      else symbols.push(Math.max(s, start) - start, Math.min(e, end) - start);
    }
    return wholly.length === 0 && symbols.length === 0 ? zone : applyMask(zone, union(wholly, 0), union(symbols, 0));
  }

  private firstSpanEndingAfter(offset: number): number {
    let low = 0;
    let high = this.spans.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (this.spans[mid].end <= offset) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  private isCommand(spanStart: number): boolean {
    const { doc } = this;
    this.commandStarts ??= new Set(doc.commands.filter((c) => c.kind === 'inline').map((c) => doc.lines.offsetAt(c.range.start)));
    return this.commandStarts.has(spanStart);
  }
}

type CodeSpan = RunbookDoc['codeSpans'][number];

/**
 * The zone with `wholly` blanked (spaces, line breaks kept) and, elsewhere in `symbols`, the
 * comparison symbols; both sorted, separate flat pairs.
 */
function applyMask(zone: string, wholly: number[], symbols: number[]): string {
  for (let i = 0; i < wholly.length; i += 2) symbols = cut(symbols, wholly[i], wholly[i + 1]);
  let out = '';
  let done = 0;
  // The two lists in order: they no longer overlap.
  for (let i = 0, j = 0; i < wholly.length || j < symbols.length;) {
    const isWholly = j >= symbols.length || (i < wholly.length && wholly[i] < symbols[j]);
    const from = isWholly ? wholly[i] : symbols[j];
    const to = isWholly ? wholly[i + 1] : symbols[j + 1];
    const run = zone.slice(from, to);
    out += zone.slice(done, from) + (isWholly ? run.replace(/[^\r\n]/g, ' ') : run.replace(/[`<>=!≥≤]/g, ' '));
    done = to;
    if (isWholly) i += 2;
    else j += 2;
  }
  return out + zone.slice(done);
}

const HTML_TAG = /<\/?[A-Za-z][^<>\n]{0,200}>/g;
const LINK_DESTINATION = /\]\([^()\s]{0,2000}\)/g;
const BLOCKQUOTE_MARKER = /^[ \t]{0,12}(?:>[ \t]?){1,10}/gm;
const CODE_IN_LINE = /`[^`\n]*`/g;

/**
 * Blanks fenced code blocks (``` or ~~~, indented or in list items; an unclosed fence runs to the
 * end), and the code spans of headings, which the document model does not list.
 */
function blankFencesAndHeadingCode(zone: string, blank: (from: number, to: number) => void): void {
  if (!zone.includes('```') && !zone.includes('~~~')) {
    // No fence (most zones): only the lines with a backtick can hold a heading's code span.
    if (!zone.includes('#')) return;
    for (let tick = zone.indexOf('`'); tick >= 0;) {
      const lineStart = zone.lastIndexOf('\n', tick) + 1;
      const newline = zone.indexOf('\n', tick);
      blankHeadingCode(zone.slice(lineStart, newline < 0 ? zone.length : newline), lineStart, blank);
      tick = newline < 0 ? -1 : zone.indexOf('`', newline);
    }
    return;
  }
  let open: { char: string; length: number; start: number } | undefined;
  let lineStart = 0;
  while (lineStart <= zone.length) {
    const newline = zone.indexOf('\n', lineStart);
    const lineEnd = newline < 0 ? zone.length : newline;
    const line = zone.slice(lineStart, lineEnd);
    const fence = /^[ \t>]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)?(`{3,}|~{3,})(.*)$/.exec(line);
    if (open) {
      if (fence && fence[1][0] === open.char && fence[1].length >= open.length && fence[2].trim() === '') {
        blank(open.start, lineEnd);
        open = undefined;
      }
    } else if (fence && !(fence[1][0] === '`' && fence[2].includes('`'))) {
      open = { char: fence[1][0], length: fence[1].length, start: lineStart };
    } else {
      blankHeadingCode(line, lineStart, blank);
    }
    if (newline < 0) break;
    lineStart = newline + 1;
  }
  if (open) blank(open.start, zone.length);
}

function blankHeadingCode(line: string, lineStart: number, blank: (from: number, to: number) => void): void {
  if (!/^[ \t]{0,3}#{1,6}[ \t]/.test(line)) return;
  blankMatches(CODE_IN_LINE, line, (from, to) => blank(lineStart + from, lineStart + to));
}

/** Blanks every match of a global pattern that cannot match the empty string. */
function blankMatches(pattern: RegExp, text: string, blank: (from: number, to: number) => void): void {
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) blank(match.index, match.index + match[0].length);
}

function blankHtmlComments(zone: string, blank: (from: number, to: number) => void): void {
  let from = zone.indexOf('<!--');
  while (from >= 0) {
    const close = zone.indexOf('-->', from + 4);
    const end = close < 0 ? zone.length : close + 3;
    blank(from, end);
    from = close < 0 ? -1 : zone.indexOf('<!--', end);
  }
}
