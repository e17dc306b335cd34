// The inline constructs the runbook model reads, with their offsets: code spans, inline links
// and images, and bold text that starts a line (labels). Everything else stays text. One pass
// per construct over a paragraph, each linear (code spans are matched through an index of
// backtick runs; link text is looked for within a bounded window), so no input is quadratic.
import type { InlineCode, Link, Image, PhrasingContent, Strong, Text } from 'mdast';

/** Maps an offset in the inline content to an offset in the whole text. */
export type ToSource = (contentOffset: number) => number;

interface Span {
  start: number;
  end: number;
}

interface Construct extends Span {
  node: InlineCode | Link | Image | Strong;
  /** Where the children of a link or strong lie (its text), to scan again for code spans. */
  inner?: Span;
}

/** How far a link's `]` may be from its `[`: CommonMark sets no limit, runbooks never need one. */
const MAX_LINK_TEXT = 1000;
const PUNCTUATION = /[!-/:-@[-`{-~]/;
const AUTOLINK_OR_TAG = /<(?:[a-zA-Z][a-zA-Z0-9+.-]{1,31}:[^\s<>]*|\/?[a-zA-Z][a-zA-Z0-9-]*(?:\s[^<>]*)?\/?|!--[\s\S]*?--)>/y;

/** What every construct read here starts with: a backtick, `<`, `[`, `**` or `__`. */
const CONSTRUCT_START = /[`<[*_]/;

/** The phrasing children of one inline content (a paragraph, a table cell). */
export function scanInline(content: string, toSource: ToSource): PhrasingContent[] {
  // Most paragraphs are plain words: nothing that can open a construct, one text node.
  if (!CONSTRUCT_START.test(content)) return content.length > 0 ? [text(content, 0, content.length)] : [];
  const codes = codeSpans(content, toSource);
  const opaque = opaqueSpans(content, codes);
  // Code spans come in order; HTML and autolinks (in most paragraphs none) are merged in.
  const protectedSpans: Span[] = opaque.length === 0 ? codes : [...codes, ...opaque].sort((a, b) => a.start - b.start);
  const links = inlineLinks(content, protectedSpans, toSource);
  const strongs = lineStartStrongs(content, protectedSpans, toSource);
  // One kind of construct alone is in order already (assemble sorts only a mix).
  const constructs = links.length + strongs.length === 0 ? codes : codes.length + strongs.length === 0 ? links : [...links, ...strongs, ...codes];
  return assemble(content, 0, content.length, constructs, toSource);
}

/** Builds children for [from, to): constructs nest by containment, the gaps become text. */
function assemble(content: string, from: number, to: number, constructs: Construct[], toSource: ToSource): PhrasingContent[] {
  const sorted = inOrderWithin(constructs, from, to) ? constructs : constructs.filter((c) => c.start >= from && c.end <= to).sort((a, b) => a.start - b.start || b.end - a.end);
  const out: PhrasingContent[] = [];
  let cursor = from;
  let i = 0;
  while (i < sorted.length) {
    const outer = sorted[i];
    if (outer.start < cursor) {
      i++; // overlaps one already placed: dropped
      continue;
    }
    if (outer.start > cursor) out.push(text(content, cursor, outer.start));
    const nested: Construct[] = [];
    for (i++; i < sorted.length && sorted[i].start < outer.end; i++) nested.push(sorted[i]);
    if (outer.inner && 'children' in outer.node) {
      (outer.node.children as PhrasingContent[]) = assemble(content, outer.inner.start, outer.inner.end, nested, toSource);
    }
    out.push(outer.node);
    cursor = outer.end;
  }
  if (cursor < to) out.push(text(content, cursor, to));
  return out;
}

/** Whether constructs are already as assemble keeps them: within [from, to), by start, none at the same start. */
function inOrderWithin(constructs: Construct[], from: number, to: number): boolean {
  for (let i = 0; i < constructs.length; i++) {
    const c = constructs[i];
    if (c.start < from || c.end > to || (i > 0 && constructs[i - 1].start >= c.start)) return false;
  }
  return true;
}

/** A text node has no position: nothing reads one (the model takes its offsets from the constructs). */
function text(content: string, start: number, end: number): Text {
  return { type: 'text', value: content.slice(start, end) };
}

function position(start: number, end: number, toSource: ToSource) {
  // Only offsets are read downstream; line and column are filled in as 0-based placeholders.
  return { start: { line: 1, column: 1, offset: toSource(start) }, end: { line: 1, column: 1, offset: toSource(end) } };
}

function isEscaped(content: string, at: number): boolean {
  let backslashes = 0;
  for (let i = at - 1; i >= 0 && content.charCodeAt(i) === 92; i--) backslashes++;
  return backslashes % 2 === 1;
}

/** Code spans, matched left to right as CommonMark does: an opening run closes at the next run of equal length. */
function codeSpans(content: string, toSource: ToSource): Construct[] {
  const runs: { start: number; length: number }[] = [];
  for (let i = content.indexOf('`'); i >= 0; i = content.indexOf('`', i)) {
    let j = i;
    while (content.charCodeAt(j) === 96) j++;
    runs.push({ start: i, length: j - i });
    i = j;
  }
  if (runs.length < 2) return [];
  // Positions of runs by length, with a cursor each: lookups only move forward.
  const byLength = new Map<number, { starts: number[]; next: number }>();
  for (const run of runs) {
    const entry = byLength.get(run.length) ?? { starts: [], next: 0 };
    entry.starts.push(run.start);
    byLength.set(run.length, entry);
  }
  const spans: Construct[] = [];
  let consumedTo = 0;
  for (const run of runs) {
    if (run.start < consumedTo) continue;
    let openStart = run.start;
    let length = run.length;
    if (isEscaped(content, openStart)) {
      openStart++;
      length--;
      if (length === 0) continue;
    }
    const closers = byLength.get(length);
    if (!closers) continue;
    while (closers.next < closers.starts.length && closers.starts[closers.next] <= openStart) closers.next++;
    const closeStart = closers.starts[closers.next];
    if (closeStart === undefined) continue;
    const end = closeStart + length;
    const node: InlineCode = { type: 'inlineCode', value: codeValue(content.slice(openStart + length, closeStart)), position: position(openStart, end, toSource) };
    spans.push({ start: openStart, end, node });
    consumedTo = end;
  }
  return spans;
}

/** A code span's value as CommonMark gives it: line endings as spaces, one padding space stripped. */
function codeValue(raw: string): string {
  const value = raw.replace(/\r?\n/g, ' ');
  if (value.length > 2 && value.startsWith(' ') && value.endsWith(' ') && value.trim() !== '') return value.slice(1, -1);
  return value;
}

/** Autolinks and inline HTML outside code spans: brackets and asterisks in them mean nothing. */
function opaqueSpans(content: string, codes: Construct[]): Span[] {
  const spans: Span[] = [];
  let codeIndex = 0;
  for (let i = content.indexOf('<'); i >= 0; i = content.indexOf('<', i + 1)) {
    while (codeIndex < codes.length && codes[codeIndex].end <= i) codeIndex++;
    if (codeIndex < codes.length && codes[codeIndex].start <= i) {
      i = codes[codeIndex].end - 1;
      continue;
    }
    AUTOLINK_OR_TAG.lastIndex = i;
    const match = AUTOLINK_OR_TAG.exec(content);
    if (match && match[0].length < 2000 && !isEscaped(content, i)) {
      spans.push({ start: i, end: i + match[0].length });
      i += match[0].length - 1;
    }
  }
  return spans;
}

/** Skips over a protected span at `i`, if one starts there; returns the next index to look at. */
function makeSkipper(spans: Span[], from = 0) {
  // Binary search for the first span that ends after `from`; from there the cursor only moves forward.
  let index = 0;
  let high = spans.length;
  while (index < high) {
    const mid = (index + high) >> 1;
    if (spans[mid].end <= from) index = mid + 1;
    else high = mid;
  }
  return (i: number): number => {
    while (index < spans.length && spans[index].end <= i) index++;
    return index < spans.length && spans[index].start <= i ? spans[index].end : i;
  };
}

/** `[text](destination "title")` and `![alt](…)`. */
function inlineLinks(content: string, protectedSpans: Span[], toSource: ToSource): Construct[] {
  const links: Construct[] = [];
  const skip = makeSkipper(protectedSpans);
  // From one `[` to the next (most paragraphs have none): a `[` inside a code span or HTML is skipped with it.
  for (let i = content.indexOf('['); i >= 0; ) {
    const skipped = skip(i);
    if (skipped !== i) {
      i = content.indexOf('[', skipped);
      continue;
    }
    const link = isEscaped(content, i) ? undefined : linkAt(content, i, protectedSpans, toSource);
    if (link) links.push(link);
    i = content.indexOf('[', link ? link.end : i + 1);
  }
  return links;
}

/** The link or image whose text opens with the `[` at `open`, if one does. */
function linkAt(content: string, open: number, protectedSpans: Span[], toSource: ToSource): Construct | undefined {
  const close = matchingBracket(content, open, protectedSpans);
  if (close < 0 || content.charCodeAt(close + 1) !== 40 /* ( */) return undefined;
  const destination = readDestination(content, close + 2);
  if (!destination) return undefined;
  const image = open > 0 && content.charCodeAt(open - 1) === 33 /* ! */ && !isEscaped(content, open - 1);
  const start = image ? open - 1 : open;
  const node: Link | Image = image
    ? { type: 'image', url: destination.url, alt: content.slice(open + 1, close), position: position(start, destination.end, toSource) }
    : { type: 'link', url: destination.url, children: [], position: position(start, destination.end, toSource) };
  return { start, end: destination.end, node, inner: image ? undefined : { start: open + 1, end: close } };
}

function matchingBracket(content: string, open: number, protectedSpans: Span[]): number {
  let depth = 0;
  const limit = Math.min(content.length, open + MAX_LINK_TEXT);
  const skip = makeSkipper(protectedSpans, open);
  // Only backslashes and brackets matter: jump from one to the next.
  const special = /[\\[\]]/g;
  for (let i = open; i < limit; ) {
    special.lastIndex = i;
    const found = special.exec(content);
    if (!found || found.index >= limit) return -1;
    const at = found.index;
    const skipped = skip(at);
    if (skipped !== at) {
      i = skipped;
      continue;
    }
    const c = content.charCodeAt(at);
    if (c === 91 /* [ */) depth++;
    else if (c === 93 /* ] */ && --depth === 0) return at;
    i = c === 92 /* \ */ ? at + 2 : at + 1;
  }
  return -1;
}

/** The destination and optional title after `](`; the offset after the closing `)`. */
function readDestination(content: string, from: number): { url: string; end: number } | undefined {
  let i = from;
  const skipSpace = () => {
    for (let c = content.charCodeAt(i); c === 32 || c === 9 || c === 10; c = content.charCodeAt(++i));
  };
  skipSpace();
  let url = '';
  if (content[i] === '<') {
    const close = content.indexOf('>', i);
    const newline = content.indexOf('\n', i);
    if (close < 0 || (newline >= 0 && newline < close)) return undefined;
    url = content.slice(i + 1, close);
    i = close + 1;
  } else {
    let depth = 0;
    const start = i;
    for (; i < content.length; i++) {
      const c = content.charCodeAt(i);
      if (c === 92 /* \ */ && PUNCTUATION.test(content[i + 1] ?? '')) i++;
      else if (c === 40 /* ( */) {
        if (++depth > 32) return undefined;
      } else if (c === 41 /* ) */) {
        if (depth === 0) break;
        depth--;
      } else if (c <= 32 || (c > 127 && /\s/.test(content[i]))) break; // control characters, space, Unicode white space
    }
    if (depth !== 0) return undefined;
    url = content.slice(start, i);
  }
  skipSpace();
  const quote = content[i];
  if (quote === '"' || quote === "'" || quote === '(') {
    const closeQuote = quote === '(' ? ')' : quote;
    let j = i + 1;
    for (; j < content.length && content[j] !== closeQuote; j++) if (content[j] === '\\') j++;
    if (j >= content.length) return undefined;
    i = j + 1;
    skipSpace();
  }
  if (content[i] !== ')') return undefined;
  return { url: unescapeUrl(url), end: i + 1 };
}

function unescapeUrl(url: string): string {
  if (!url.includes('\\') && !url.includes('&')) return url;
  return url.replace(/\\([!-/:-@[-`{-~])/g, '$1').replace(/&amp;/g, '&');
}

/** `**Label**` or `__Label__` at the start of a line (a label candidate); others stay text. */
function lineStartStrongs(content: string, protectedSpans: Span[], toSource: ToSource): Construct[] {
  const strongs: Construct[] = [];
  let skip: ((i: number) => number) | undefined;
  for (let lineStart = 0; lineStart < content.length; ) {
    const newline = content.indexOf('\n', lineStart);
    const lineEnd = newline < 0 ? content.length : newline;
    let open = lineStart;
    while (open < lineEnd && (content.charCodeAt(open) === 32 || content.charCodeAt(open) === 9)) open++;
    // `**` or `__` (most lines start with neither).
    const c = content.charCodeAt(open);
    const delimiter = (c === 42 || c === 95) && content.charCodeAt(open + 1) === c ? (c === 42 ? '**' : '__') : '';
    skip ??= delimiter ? makeSkipper(protectedSpans) : undefined;
    if (skip && delimiter && open + 2 < lineEnd && !/\s/.test(content[open + 2]) && skip(open) === open) {
      const close = closingDelimiter(content, delimiter, open + 2, lineEnd, skip);
      if (close > 0) {
        const node: Strong = { type: 'strong', children: [], position: position(open, close + 2, toSource) };
        strongs.push({ start: open, end: close + 2, node, inner: { start: open + 2, end: close } });
      }
    }
    lineStart = lineEnd + 1;
  }
  return strongs;
}

/** The closing `**` on the same line, outside code spans and HTML, after a non-space. */
function closingDelimiter(content: string, delimiter: string, from: number, lineEnd: number, skip: (i: number) => number): number {
  for (let i = content.indexOf(delimiter, from); i >= 0 && i < lineEnd; i = content.indexOf(delimiter, i + 1)) {
    const skipped = skip(i);
    if (skipped !== i) {
      i = skipped - 1;
      continue;
    }
    if (!/\s/.test(content[i - 1]) && !isEscaped(content, i)) {
      // `***` closes with its last two: the first belongs to the text.
      while (content[i + 2] === delimiter[0]) i++;
      return i;
    }
  }
  return -1;
}
