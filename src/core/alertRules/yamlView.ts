// A read-only view over one parsed YAML document: follows aliases, applies `<<` merge keys,
// reads scalars as strings (restoring masked Helm templates) and maps nodes to source offsets.
import { isAlias, isMap, isScalar, isSeq, Scalar, visit } from 'yaml';
import type { Alias, Document, Node } from 'yaml';
import { unmask, type TemplateMask } from './templateMask.js';
import type { DocumentView } from './documentView.js';

export interface Entry {
  key: string;
  value: Node | undefined;
}

/** Caps node visits, so that alias bombs (`[*a, *a, ...]` nested) stay linear. */
export interface Budget {
  left: number;
}

export class YamlView implements DocumentView {
  private readonly anchors = new Map<Alias, Node>();

  constructor(
    readonly doc: Document.Parsed,
    /** The text the document was parsed from (masked, for templates). */
    private readonly parsedText: string,
    /** The file's original text. */
    private readonly original: string,
    private readonly mask: TemplateMask | undefined,
    private readonly budget: Budget,
  ) {
    // One pass instead of Alias.resolve(), which walks the whole document on every call.
    const latest = new Map<string, Node>();
    visit(doc, {
      Node: (_key, node) => {
        if (isAlias(node)) {
          const target = latest.get(node.source);
          if (target) this.anchors.set(node, target);
        } else if (node.anchor) {
          latest.set(node.anchor, node);
        }
      },
    });
  }

  /**
   * Runs `read` with a budget of its own, so that an alias bomb in one rule leaves the rules
   * after it readable; says whether that budget ran out.
   */
  withBudget<T>(limit: number, read: () => T): { value: T; exhausted: boolean } {
    const saved = this.budget.left;
    this.budget.left = limit;
    try {
      const value = read();
      return { value, exhausted: this.budget.left < 0 };
    } finally {
      this.budget.left = saved;
    }
  }

  get root(): Node | undefined {
    return this.doc.contents ?? undefined;
  }

  isScalar(node: unknown): boolean {
    return isScalar(node);
  }

  /** The node itself, or what an alias points at; undefined once the budget is spent. */
  resolve(node: unknown): Node | undefined {
    if (--this.budget.left < 0) return undefined;
    let current = node;
    for (let hops = 0; isAlias(current) && hops < 16; hops++) current = this.anchors.get(current);
    if (isAlias(current) || current === null || current === undefined) return undefined;
    return current as Node;
  }

  /** Entries of a mapping, merge keys applied (explicit keys win, earlier merge sources win). */
  entries(node: unknown, depth = 0): Map<string, Entry> | undefined {
    const map = this.resolve(node);
    if (!isMap(map) || depth > 16) return undefined;
    const own = new Map<string, Entry>();
    const merged: Map<string, Entry>[] = [];
    for (const pair of map.items) {
      const key = isScalar(pair.key) ? pair.key.value : undefined;
      if (isMergeKey(key)) {
        const source = this.resolve(pair.value);
        const sources = isSeq(source) ? source.items : [source];
        for (const s of sources) {
          const entries = this.entries(s, depth + 1);
          if (entries) merged.push(entries);
        }
      } else if (key !== undefined && key !== null && !own.has(String(key))) {
        const value = this.resolve(pair.value);
        own.set(String(key), { key: String(key), value });
      }
    }
    for (const entries of merged) {
      for (const [key, entry] of entries) if (!own.has(key)) own.set(key, entry);
    }
    return own;
  }

  /** Items of a sequence (aliases resolved), or undefined if `node` is not a sequence. */
  items(node: unknown): Node[] | undefined {
    const seq = this.resolve(node);
    if (!isSeq(seq)) return undefined;
    const out: Node[] = [];
    for (const item of seq.items) {
      const resolved = this.resolve(item);
      if (resolved) out.push(resolved);
    }
    return out;
  }

  /**
   * A scalar as a string: strings as parsed (templates restored), other scalars as written in
   * the source, null as ''. Collections are stringified as JSON. Undefined for a missing node.
   */
  string(node: Node | undefined): string | undefined {
    if (!node) return undefined;
    const [start, end] = node.range ?? [0, 0];
    if (isScalar(node)) {
      const value: unknown = node.value;
      if (value === null || value === undefined) return '';
      if (typeof value === 'string') {
        return this.mask ? unmask(value, start, end, this.original, this.mask) : value;
      }
      return this.original.slice(start, end).trim() || String(value);
    }
    try {
      return JSON.stringify(node.toJS(this.doc, { maxAliasCount: 100 }));
    } catch {
      return this.original.slice(start, end).trim();
    }
  }


  /**
   * Offsets of a node's value as written: inside quotes, the content of a block scalar
   * (without its `|` header), whitespace trimmed.
   */
  valueSpan(node: Node): [number, number] {
    const text = this.parsedText;
    let [start, end] = node.range ?? [0, 0];
    if (isScalar(node)) {
      if (node.type === Scalar.QUOTE_DOUBLE || node.type === Scalar.QUOTE_SINGLE) {
        if (end - start >= 2) [start, end] = [start + 1, end - 1];
      } else if (node.type === Scalar.BLOCK_LITERAL || node.type === Scalar.BLOCK_FOLDED) {
        const newline = text.indexOf('\n', start);
        start = newline < 0 || newline >= end ? end : newline + 1;
      }
    }
    while (start < end && /\s/.test(text[start])) start++;
    while (end > start && /\s/.test(text[end - 1])) end--;
    return [start, end];
  }
}

function isMergeKey(key: unknown): boolean {
  return key === '<<' || (typeof key === 'symbol' && key.description === '<<');
}
