// The DocumentView over a positioned js-yaml tree (positionedYaml.ts). Such a tree has no
// anchors, aliases, tags or merge keys (those files take the yaml library's path), so reading
// it is plain traversal; the budget still counts visits, as YamlView's does.
import type { DocEntries, DocEntry, DocNode, DocumentView } from './documentView.js';
import { dataOf, type PositionedNode } from './positionedYaml.js';
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

  entries(node: unknown): DocEntries | undefined {
    const map = this.node(node);
    return map?.kind === 'mapping' ? new NodeEntries(map.children) : undefined;
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
      return JSON.stringify(dataOf(n));
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
      for (let i = start + 1; i < end; i++) {
        if (text.charCodeAt(i) === 35 /* # */ && isSpaceAt(text, i - 1)) {
          end = i - 1;
          break;
        }
      }
    }
    return end;
  }
}

/**
 * A mapping's entries, looked up in its children (key, value...): rules look up a few keys of
 * small mappings, which a Map per mapping made slower. The trees have no duplicate keys (the
 * scanner gives up on them; js-yaml's trees are checked against its values, which have none).
 */
class NodeEntries implements DocEntries {
  constructor(private readonly children: PositionedNode[]) {}

  get(key: string): DocEntry | undefined {
    const i = this.indexOf(key);
    return i < 0 ? undefined : { key, value: this.children[i + 1] };
  }

  has(key: string): boolean {
    return this.indexOf(key) >= 0;
  }

  private indexOf(key: string): number {
    const children = this.children;
    for (let i = 0; i + 1 < children.length; i += 2) if (keyOf(children[i]) === key) return i;
    return -1;
  }

  values(): DocEntry[] {
    const children = this.children;
    const out: DocEntry[] = [];
    for (let i = 0; i + 1 < children.length; i += 2) out.push({ key: keyOf(children[i]), value: children[i + 1] });
    return out;
  }
}

function keyOf(node: PositionedNode): string {
  return typeof node.value === 'string' ? node.value : String(node.value);
}
