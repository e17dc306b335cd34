// The DocumentView over a positioned js-yaml tree (positionedYaml.ts). Such a tree has no
// anchors, aliases, tags or merge keys (those files take the yaml library's path), so reading
// it is plain traversal; the budget still counts visits, as YamlView's does.
import type { DocEntry, DocNode, DocumentView } from './documentView.js';
import type { PositionedNode } from './positionedYaml.js';
import { unmask, type TemplateMask } from './templateMask.js';
import { isSpaceAt } from '../text.js';

export class PositionedView implements DocumentView {
  private budget = Number.POSITIVE_INFINITY;

  constructor(
    readonly root: PositionedNode,
    /** The text parsed (with Helm templates masked, when `mask` is given): same offsets as the original. */
    private readonly text: string,
    private readonly original: string = text,
    private readonly mask?: TemplateMask,
  ) {}

  withBudget<T>(limit: number, read: () => T): { value: T; exhausted: boolean } {
    const saved = this.budget;
    this.budget = limit;
    try {
      const value = read();
      return { value, exhausted: this.budget < 0 };
    } finally {
      this.budget = saved;
    }
  }

  private node(node: unknown): PositionedNode | undefined {
    if (--this.budget < 0 || node === null || typeof node !== 'object') return undefined;
    return node as PositionedNode;
  }

  entries(node: unknown): Map<string, DocEntry> | undefined {
    const map = this.node(node);
    if (map?.kind !== 'mapping') return undefined;
    const out = new Map<string, DocEntry>();
    for (let i = 0; i + 1 < map.children.length; i += 2) {
      const key = String(map.children[i].value);
      if (!out.has(key)) out.set(key, { key, value: map.children[i + 1] });
    }
    return out;
  }

  items(node: unknown): DocNode[] | undefined {
    const seq = this.node(node);
    return seq?.kind === 'sequence' ? seq.children : undefined;
  }

  isScalar(node: unknown): boolean {
    return (node as PositionedNode | undefined)?.kind === 'scalar';
  }

  string(node: DocNode | undefined): string | undefined {
    const n = node as PositionedNode | undefined;
    if (!n) return undefined;
    if (n.kind === 'empty') return '';
    if (n.kind === 'scalar') {
      if (n.value === null || n.value === undefined) return '';
      if (typeof n.value === 'string') return this.mask ? unmask(n.value, n.start, n.end, this.original, this.mask) : n.value;
      return this.original.slice(n.start, n.end).trim() || String(n.value);
    }
    try {
      return JSON.stringify(n.value ?? dataOf(n));
    } catch {
      return this.original.slice(n.start, n.end).trim();
    }
  }


  valueSpan(node: DocNode): [number, number] {
    const n = node as PositionedNode;
    const text = this.text;
    let start = n.start;
    let end = this.contentEnd(n);
    while (start < end && isSpaceAt(text, start)) start++;
    if (n.kind === 'scalar') {
      const first = text[start];
      if ((first === '"' || first === "'") && end - start >= 2) {
        [start, end] = [start + 1, end - 1];
      } else if (first === '|' || first === '>') {
        const newline = text.indexOf('\n', start);
        start = newline < 0 || newline >= end ? end : newline + 1;
      }
    }
    while (start < end && isSpaceAt(text, start)) start++;
    while (end > start && isSpaceAt(text, end - 1)) end--;
    return [start, end];
  }

  /**
   * Where a node's text ends, as the yaml library has it: a block collection with the line of its
   * last value (js-yaml's end runs on over blank and comment lines), a plain scalar before a comment.
   */
  private contentEnd(n: PositionedNode): number {
    const text = this.text;
    if (n.kind === 'empty') return n.start; // `key:` and nothing: js-yaml's empty node runs on to what follows
    let start = n.start;
    while (start < n.end && isSpaceAt(text, start)) start++;
    const flow = text[start] === '{' || text[start] === '[';
    const last = n.children[n.children.length - 1];
    if ((n.kind === 'mapping' || n.kind === 'sequence') && last && !flow) {
      // The rest of the last value's line goes with it (a comment there, as the yaml library has it).
      let end = Math.max(start, this.contentEnd(last));
      while (end < text.length && text[end] !== '\n' && text[end] !== '\r') end++;
      while (end > start && isSpaceAt(text, end - 1)) end--;
      return end;
    }
    let end = n.end;
    while (end > start && isSpaceAt(text, end - 1)) end--;
    if (n.kind === 'scalar' && !'"\'|>'.includes(text[start])) {
      // Comments after a plain value belong to no node.
      const comment = text.slice(start, end).search(/\s#/);
      if (comment >= 0) end = start + comment;
    }
    return end;
  }
}

/** The data of a collection the scanner left without a value (ruleYamlScanner.ts), as js-yaml builds it. */
function dataOf(node: PositionedNode): unknown {
  if (node.kind === 'scalar' || node.kind === 'empty') return node.value ?? null;
  if (node.value !== undefined) return node.value;
  if (node.kind === 'sequence') return node.children.map(dataOf);
  const data: Record<string, unknown> = {};
  for (let i = 0; i + 1 < node.children.length; i += 2) data[String(node.children[i].value)] = dataOf(node.children[i + 1]);
  return data;
}
