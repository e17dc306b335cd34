// The DocumentView over a positioned js-yaml tree (positionedYaml.ts). Such a tree has no
// anchors, aliases, tags or merge keys (those files take the yaml library's path), so reading
// it is plain traversal; the budget still counts visits, as YamlView's does.
import type { DocEntry, DocNode, DocumentView } from './documentView.js';
import type { PositionedNode } from './positionedYaml.js';

export class PositionedView implements DocumentView {
  private budget = Number.POSITIVE_INFINITY;

  constructor(
    readonly root: PositionedNode,
    private readonly text: string,
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
      if (typeof n.value === 'string') return n.value;
      return this.text.slice(n.start, n.end).trim() || String(n.value);
    }
    try {
      return JSON.stringify(n.value);
    } catch {
      return this.text.slice(n.start, n.end).trim();
    }
  }

  stringMap(node: DocNode | undefined): { values: Record<string, string>; nodes: Map<string, DocNode> } {
    const values: Record<string, string> = {};
    const nodes = new Map<string, DocNode>();
    for (const [key, entry] of this.entries(node) ?? []) {
      values[key] = this.string(entry.value) ?? '';
      if (entry.value) nodes.set(key, entry.value);
    }
    return { values, nodes };
  }

  valueSpan(node: DocNode): [number, number] {
    const n = node as PositionedNode;
    const text = this.text;
    let start = n.start;
    let end = n.end;
    while (start < end && /\s/.test(text[start])) start++;
    while (end > start && /\s/.test(text[end - 1])) end--;
    if (n.kind === 'mapping' || n.kind === 'sequence') end = withoutTrailingComments(text, start, end);
    if (n.kind === 'scalar') {
      const first = text[start];
      if ((first === '"' || first === "'") && end - start >= 2) {
        const close = text.lastIndexOf(first, end - 1);
        if (close > start) [start, end] = [start + 1, close];
      } else if (first === '|' || first === '>') {
        const newline = text.indexOf('\n', start);
        start = newline < 0 || newline >= end ? end : newline + 1;
      } else {
        // Comments after a value belong to no node.
        const comment = text.slice(start, end).search(/\s#/);
        if (comment >= 0) end = start + comment;
      }
    }
    while (start < end && /\s/.test(text[start])) start++;
    while (end > start && /\s/.test(text[end - 1])) end--;
    return [start, end];
  }
}

/** A collection's span ends with its last value: comment lines after it (js-yaml's end includes them) are cut. */
function withoutTrailingComments(text: string, start: number, end: number): number {
  for (;;) {
    const lineStart = text.lastIndexOf('\n', end - 1) + 1;
    if (lineStart <= start || !/^[ \t]*#/.test(text.slice(lineStart, end))) return end;
    end = lineStart;
    while (end > start && /\s/.test(text[end - 1])) end--;
  }
}
