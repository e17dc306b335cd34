// A fast way to read well-formed YAML with positions: js-yaml builds the values (about ten times
// faster than the yaml library builds its documents) and reports where each node opens and
// closes, from which a tree of positioned nodes is rebuilt. Anything this path is not sure of
// (a YAML error, anchors, aliases, tags or merge keys, a tree that does not match the values)
// returns undefined, and the caller reads the file with the yaml library instead, which also
// reports errors precisely.
import { CORE_SCHEMA, loadAll } from 'js-yaml';
import { matches } from '../text.js';
import { scanRuleYaml } from './ruleYamlScanner.js';

export interface PositionedNode {
  kind: 'scalar' | 'mapping' | 'sequence' | 'empty';
  /** Offsets in the text; the start may include the white space before the node. */
  start: number;
  end: number;
  /** The data (js-yaml's); undefined for a collection read by ruleYamlScanner.ts until dataOf builds it. */
  value: unknown;
  /** Mapping: key, value, key, value…; sequence: items. */
  children: PositionedNode[];
}

/** Anchors (`&a`), aliases (`*a`) and tags (`!t`): a marker, then not a blank, `=` or `~`. */
const NODE_PROPERTY = /[&*!][^\s=~]/g;
/** What may come before a node property (else it is inside a scalar): white space, `[`, `{` or `,`. */
const BEFORE_PROPERTY = /[\s[{,]/;

/** Anchors, aliases or tags where a node can start, or a merge key (`<<`): left to the yaml library. */
function needsYamlLibrary(text: string): boolean {
  if (text.includes('<<')) return true;
  // The markers are rare (`*` and `!=` in expressions): find them, then look at what precedes.
  // (Skipping a match's second character is safe: a marker never precedes a property.)
  for (const match of matches(NODE_PROPERTY, text)) {
    if (match.index === 0 || BEFORE_PROPERTY.test(text[match.index - 1])) return true;
  }
  return false;
}

interface Frame {
  start: number;
  children: PositionedNode[];
}

interface ListenerState {
  position: number;
  kind: string | null;
  result: unknown;
}

/**
 * loadPositioned for a whole text (front matter), through the rule-file scanner first: in a
 * workspace scan it is warm from the rule files, where js-yaml, brought up for a few hundred small
 * texts, cost more than reading them. Its trees get each collection's value as js-yaml builds it
 * (dataOf); a scalar's start may differ by the blank before it. A property test compares the two.
 */
export function readPositioned(text: string): PositionedNode[] | undefined {
  if (needsYamlLibrary(text)) return undefined;
  const scanned = scanRuleYaml(text);
  if (!scanned) return loadPositioned(text);
  for (const doc of scanned) dataOf(doc);
  return scanned;
}

/**
 * A node's data as js-yaml builds it. A collection the rule-file scanner read has no value of its
 * own: it is built from the children, and kept on the node (and on the collections inside it).
 */
export function dataOf(node: PositionedNode): unknown {
  if (node.kind === 'scalar' || node.kind === 'empty') return node.value ?? null;
  if (node.value !== undefined) return node.value;
  if (node.kind === 'sequence') return (node.value = node.children.map(dataOf));
  const data: Record<string, unknown> = {};
  for (let i = 0; i + 1 < node.children.length; i += 2) {
    // As js-yaml stores a pair: an own property, even `__proto__` (which the scanner gives up on today).
    Object.defineProperty(data, String(node.children[i].value), { value: dataOf(node.children[i + 1]), enumerable: true, writable: true, configurable: true });
  }
  return (node.value = data);
}

/**
 * The documents of a well-formed YAML text as positioned trees, or undefined (see above); with
 * `from`, the start of a `---` line: the documents after it, which js-yaml reads as in the whole
 * text (each document on its own), at their offsets in the whole text.
 */
export function loadPositioned(whole: string, from = 0): PositionedNode[] | undefined {
  if (needsYamlLibrary(whole)) return undefined;
  const text = from > 0 ? whole.slice(from) : whole;
  const stack: Frame[] = [{ start: 0, children: [] }];
  const listener = (event: 'open' | 'close', state: ListenerState) => {
    if (event === 'open') {
      stack.push({ start: from + state.position, children: [] });
      return;
    }
    const frame = stack.pop();
    if (!frame || stack.length === 0) throw new Error('unbalanced node events');
    const kind = state.kind === 'scalar' || state.kind === 'mapping' || state.kind === 'sequence' ? state.kind : 'empty';
    const children = frame.children;
    // A mapping's last attempt at one more key can leave an empty node behind.
    if (kind === 'mapping' && children.length % 2 === 1 && children[children.length - 1].kind === 'empty') children.pop();
    const only = children.length === 1 ? children[0] : undefined;
    // A node read through another (a compact item, a retried property) is that other node.
    if (only && only.kind === kind && only.value === state.result) stack[stack.length - 1].children.push(only);
    else stack[stack.length - 1].children.push({ kind, start: frame.start, end: from + state.position, value: state.result, children });
  };
  try {
    const values: unknown[] = [];
    // The core schema (YAML 1.2, as the yaml library reads): no timestamps (a date stays a string), no merge keys.
    loadAll(text, (doc) => values.push(doc), { schema: CORE_SCHEMA, listener } as Parameters<typeof loadAll>[2]);
    const docs = stack.length === 1 ? stack[0].children : [];
    // One root per document; an empty document may leave none.
    if (docs.length !== values.length) return undefined;
    for (const doc of docs) if (!consistent(doc, 0)) return undefined;
    return docs;
  } catch {
    return undefined;
  }
}

/**
 * The text with everything before `from` (the start of a `---` line) made one comment line: the
 * yaml library reads the documents after it as in the whole text (each document on its own), at
 * the same offsets. (One comment, which it skips at once: blank lines it lexes space by space.)
 */
export function blankBefore(text: string, from: number): string {
  return from > 1 ? `#${' '.repeat(from - 2)}\n${text.slice(from)}` : text;
}

/** The rebuilt tree matches the values js-yaml built: same keys in order, same items. */
function consistent(node: PositionedNode, depth: number): boolean {
  if (depth > 200) return false;
  if (node.kind === 'mapping') {
    if (node.value === null || typeof node.value !== 'object' || Array.isArray(node.value)) return false;
    const keys = Object.keys(node.value);
    if (node.children.length !== 2 * keys.length) return false;
    for (let i = 0; i < keys.length; i++) {
      const key = node.children[2 * i];
      if (key.kind !== 'scalar' || String(key.value) !== keys[i]) return false;
    }
  } else if (node.kind === 'sequence') {
    if (!Array.isArray(node.value) || node.children.length !== node.value.length) return false;
  } else if (node.children.length > 0) {
    return false;
  }
  return node.children.every((child) => consistent(child, depth + 1));
}
