// Parsing a long runbook in pieces: the text is cut before each top-level ATX heading (never
// inside a fence or an HTML block), each piece parsed alone and its tree kept, so that a keystroke
// re-parses only the piece it falls in. A heading line ends every open block in CommonMark, so the
// pieces parse as the whole would.
import type { Nodes, Parents, Root } from 'mdast';
import type { MarkdownParser } from './markdownAst.js';

/** Trees of a document's pieces, by their text; owned by whoever parses that document again. */
export interface ChunkCache {
  trees: Map<string, { root: Root; base: number }>;
}

export function createChunkCache(): ChunkCache {
  return { trees: new Map() };
}

/** Parses the text piece by piece; the trees' offsets are offsets in the whole text. */
export function parseInChunks(text: string, parse: MarkdownParser, cache: ChunkCache = createChunkCache()): Root[] {
  const next = new Map<string, { root: Root; base: number }>();
  const roots: Root[] = [];
  for (const [start, end] of chunkBounds(text)) {
    const piece = text.slice(start, end);
    const cached = next.has(piece) ? undefined : cache.trees.get(piece);
    let root: Root;
    if (cached) {
      root = cached.root;
      if (cached.base !== start) shiftOffsets(root, start - cached.base);
    } else {
      root = parse(piece);
      shiftOffsets(root, start);
    }
    if (!next.has(piece)) next.set(piece, { root, base: start });
    roots.push(root);
  }
  cache.trees = next;
  return roots;
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const HTML_OPEN = /^ {0,3}<(pre|script|style|textarea)\b|^ {0,3}<!--/i;
const ATX = /^#{1,6}(?:[ \t]|$)/;
const MIN_CHUNK = 2048;

/** [start, end) offsets of the pieces: each starts at a heading line (but the first). */
export function chunkBounds(text: string): [number, number][] {
  const bounds: [number, number][] = [];
  let chunkStart = 0;
  let fence: string | undefined;
  let htmlEnd: RegExp | undefined;
  let offset = 0;
  let lineNo = 0;
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
    } else if (ATX.test(line) && lineNo > 0 && offset - chunkStart >= MIN_CHUNK) {
      bounds.push([chunkStart, offset]);
      chunkStart = offset;
    } else {
      const opening = FENCE.exec(line);
      const html = HTML_OPEN.exec(line);
      if (opening) fence = opening[1];
      else if (html) {
        const end = html[1] ? new RegExp(`</${html[1]}>`, 'i') : /-->/;
        if (!end.test(line.slice(html[0].length))) htmlEnd = end;
      }
    }
    offset = lineEnd;
    lineNo++;
  }
  bounds.push([chunkStart, text.length]);
  return bounds;
}

/** Moves every position in the tree by delta characters. */
function shiftOffsets(root: Root, delta: number): void {
  if (delta === 0) return;
  const stack: Nodes[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.position) {
      if (node.position.start.offset !== undefined) node.position.start.offset += delta;
      if (node.position.end.offset !== undefined) node.position.end.offset += delta;
    }
    if ('children' in node) stack.push(...((node as Parents).children as Nodes[]));
  }
}
