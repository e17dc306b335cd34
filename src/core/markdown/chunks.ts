// Parsing a long runbook in pieces: the text is cut before an ATX heading, or before a line that
// starts at the left margin after a blank line and continues no list or block quote (never inside
// a fence or an HTML block). Such a line ends every open block in CommonMark, so the pieces parse
// as the whole would. Each piece's tree is kept, so a keystroke re-parses only its own piece.
import type { Nodes, Root } from 'mdast';
import type { MarkdownParser } from './markdownAst.js';
import type { ChunkModel } from './parseRunbook.js';

/**
 * Trees of a document's pieces, by their text, and what the runbook parser read from each tree;
 * owned by whoever parses that document again.
 */
export interface ChunkCache {
  trees: Map<string, Root>;
  models: Map<Root, ChunkModel>;
}

/** A piece's tree; its offsets count from `base`, where the piece starts in the whole text. */
export interface Chunk {
  root: Root;
  base: number;
}

/** Where the nodes of one piece's tree lie in the whole text. */
export interface Offsets {
  start(node: Nodes): number;
  end(node: Nodes): number;
}

export function createChunkCache(): ChunkCache {
  return { trees: new Map(), models: new Map() };
}

/** Parses the text piece by piece, reusing the trees of pieces whose text is unchanged. */
export function parseInChunks(text: string, parse: MarkdownParser, cache: ChunkCache = createChunkCache()): Chunk[] {
  const next = new Map<string, Root>();
  const chunks: Chunk[] = [];
  for (const [start, end] of chunkBounds(text)) {
    const piece = text.slice(start, end);
    const root = next.get(piece) ?? cache.trees.get(piece) ?? parse(piece);
    next.set(piece, root);
    chunks.push({ root, base: start });
  }
  cache.trees = next;
  return chunks;
}

/** A fence opening; a backtick fence's info string holds no backtick (else the line is text). */
const FENCE = /^ {0,3}(?:(`{3,})[^`]*$|(~{3,}))/;
/** A fence after list or quote markers, or indented past a top-level fence's 3 spaces. */
const NESTED_FENCE = /^(?:[ \t]*(?:>|[-*+]|\d{1,9}[.)]))+[ \t]*(?:`{3,}|~{3,})|^(?: {4,}|\t)[ \t]*(?:`{3,}|~{3,})/;
const HTML_OPEN = /^ {0,3}<(pre|script|style|textarea)\b|^ {0,3}<!--/i;
const ATX = /^#{1,6}(?:[ \t]|$)/;
/** A line at the margin that continues no container: not blank, indented, quoted or a list item. */
const FRESH_BLOCK = /^(?![ \t>]|[-*+](?:[ \t]|$)|\d{1,9}[.)](?:[ \t]|$)|$)/;
/** Pieces cut at a fresh block are at least this long (a micromark call has a fixed cost too). */
const MIN_CHUNK = 512;

/** [start, end) offsets of the pieces. */
export function chunkBounds(text: string): [number, number][] {
  const bounds: [number, number][] = [];
  let chunkStart = 0;
  let fence: string | undefined;
  let htmlEnd: RegExp | undefined;
  let offset = 0;
  let lineNo = 0;
  let previousBlank = false;
  let nestedFenceSeen = false;
  const frontMatter = /^---\r?\n[\s\S]*?\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/.exec(text);
  if (frontMatter) {
    offset = frontMatter[0].length;
    lineNo = 1;
  }
  while (offset < text.length) {
    const newline = text.indexOf('\n', offset);
    const lineEnd = newline < 0 ? text.length : newline + 1;
    const line = text.slice(offset, lineEnd).replace(/\r?\n$/, '');
    if (fence) {
      if (new RegExp(`^ {0,3}${fence[0] === '`' ? '`' : '~'}{${fence.length},}\\s*$`).test(line)) fence = undefined;
    } else if (htmlEnd) {
      if (htmlEnd.test(line)) htmlEnd = undefined;
    } else {
      const cut = ATX.test(line) || (previousBlank && FRESH_BLOCK.test(line) && offset - chunkStart >= MIN_CHUNK);
      if (cut && !nestedFenceSeen && lineNo > 0 && offset > chunkStart) {
        // Headings always cut: then an edit shifts the cuts after it at most up to the next heading.
        bounds.push([chunkStart, offset]);
        chunkStart = offset;
      }
      // A fence inside a list or quote ends where its container does, which this line scanner
      // cannot follow: from there on, the rest of the text is one piece.
      if ((line.includes('```') || line.includes('~~~')) && NESTED_FENCE.test(line)) nestedFenceSeen = true;
      const opening = FENCE.exec(line);
      const html = HTML_OPEN.exec(line);
      if (opening) fence = opening[1] ?? opening[2];
      else if (html) {
        const end = html[1] ? new RegExp(`</${html[1]}>`, 'i') : /-->/;
        if (!end.test(line.slice(html[0].length))) htmlEnd = end;
      }
    }
    previousBlank = !fence && !htmlEnd && line.trim() === '';
    offset = lineEnd;
    lineNo++;
  }
  bounds.push([chunkStart, text.length]);
  return bounds;
}
