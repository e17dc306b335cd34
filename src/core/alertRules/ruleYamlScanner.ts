// A scanner for the YAML rule files are written in, faster than js-yaml on them: block mappings and
// sequences (a sequence may sit at its key's indentation), one-line plain and quoted scalars,
// literal and folded block scalars, comments, `---` between documents. It builds the positioned
// trees positionedYaml.ts builds with js-yaml, in one pass over the lines. Anything else (flow
// collections other than `[]` and `{}`, multi-line plain or quoted scalars, tabs, CR, anchors,
// aliases, tags, explicit keys, directives, duplicate keys, empty documents...) makes it give up:
// it returns undefined and the caller reads the text with js-yaml (or, with scanRuleYamlDocuments,
// the documents from the one it gave up on). It must never accept a text js-yaml or the yaml
// library rejects, nor read one differently: parseRuleFile's tests compare them.
import { CORE_SCHEMA, load } from 'js-yaml';
import type { PositionedNode } from './positionedYaml.js';

/** Thrown (never caught outside this file) where the text leaves the subset. */
const GIVE_UP = Symbol('outside the subset');

const CONTENT = 0;
const BLANK = 1;
const COMMENT = 2;

/** A scalar's children: none (one array for all, never changed). */
const NO_CHILDREN: PositionedNode[] = [];
/** Indicators a plain scalar may not start with; `-?:` may start one when a non-space follows. */
const NOT_PLAIN_START = ',[]{}#&*!|>\'"%@`';
/** Characters of the plain scalars read inside flow collections. */
const FLOW_PLAIN = /[\w./ -]/;

/** The documents of a text in the subset, as positioned trees; undefined for any other text. */
export function scanRuleYaml(text: string): PositionedNode[] | undefined {
  const scanned = scanRuleYamlDocuments(text);
  return scanned.rest === undefined ? scanned.docs : undefined;
}

/** The documents the scanner read, up to the first it gave up on. */
export interface ScannedDocuments {
  docs: PositionedNode[];
  /**
   * Where the documents it did not read start (the `---` line of the first, or 0), so that a parser
   * can read them on their own: undefined when it read the whole text.
   */
  rest: number | undefined;
}

/**
 * The documents of a text, read while they are in the subset: a file whose last document is
 * broken (or has anchors...) keeps the scanner for the others. Documents of a stream are read
 * independently (the subset has no directives), so a parser reads the rest alike on its own.
 */
export function scanRuleYamlDocuments(text: string): ScannedDocuments {
  if (text.includes('\t') || text.includes('\r')) return { docs: [], rest: 0 };
  const scanner = new Scanner(text);
  try {
    scanner.stream();
  } catch (error) {
    // Nesting deep enough to overflow the stack is left to js-yaml (and then the yaml library) too.
    if (error !== GIVE_UP && !(error instanceof RangeError)) throw error;
  }
  return { docs: scanner.docs, rest: scanner.rest };
}

/** A mapping's keys so far, to find a duplicate: its children (key, value...) while few, then a Set. */
class KeySet {
  private set?: Set<string>;

  constructor(private readonly children: PositionedNode[]) {}

  /** Adds the key; false when the mapping has it already, or for `__proto__` (js-yaml stores it its own way). */
  add(key: string): boolean {
    if (key === '__proto__') return false;
    const children = this.children;
    if (!this.set && children.length < 32) {
      for (let i = 0; i < children.length; i += 2) if (children[i].value === key) return false;
      return true;
    }
    if (!this.set) {
      this.set = new Set();
      for (let i = 0; i < children.length; i += 2) this.set.add(children[i].value as string);
    }
    if (this.set.has(key)) return false;
    this.set.add(key);
    return true;
  }
}

function giveUp(): never {
  throw GIVE_UP;
}

class Scanner {
  private readonly starts: Int32Array;
  private readonly ends: Int32Array;
  /** Leading spaces of each line. */
  private readonly indents: Int32Array;
  private readonly kinds: Uint8Array;
  private readonly count: number;
  /** The next line with content after the node read last. */
  private line = 0;
  /** Documents read whole so far. */
  readonly docs: PositionedNode[] = [];
  /** Where the document being read starts (its `---` line); undefined once all are read. */
  rest: number | undefined = 0;

  constructor(private readonly text: string) {
    let count = 1;
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) count++;
    this.count = count;
    this.starts = new Int32Array(count);
    this.ends = new Int32Array(count);
    this.indents = new Int32Array(count);
    this.kinds = new Uint8Array(count);
    for (let l = 0, start = 0; l < count; l++) {
      const newline = text.indexOf('\n', start);
      const end = newline < 0 ? text.length : newline;
      let i = start;
      while (i < end && text.charCodeAt(i) === 32) i++;
      this.starts[l] = start;
      this.ends[l] = end;
      this.indents[l] = i - start;
      this.kinds[l] = i === end ? BLANK : text.charCodeAt(i) === 35 /* # */ ? COMMENT : CONTENT;
      start = end + 1;
    }
  }

  stream(): void {
    let l = this.nextContent(0);
    if (l < this.count && this.isDocumentStart(l)) l = this.nextContent(l + 1);
    while (l < this.count) {
      if (this.isDocumentStart(l)) giveUp(); // an empty document
      const root = this.block(l, this.indents[l]);
      l = this.line;
      if (l < this.count && !this.isDocumentStart(l)) giveUp(); // text after the document's top node
      this.docs.push(root);
      if (l >= this.count) break;
      this.rest = this.starts[l];
      l = this.nextContent(l + 1);
      if (l >= this.count) giveUp(); // a `---` that starts an empty document
    }
    if (this.docs.length === 0) giveUp();
    this.rest = undefined;
  }

  private nextContent(from: number): number {
    let l = from;
    while (l < this.count && this.kinds[l] !== CONTENT) l++;
    return l;
  }

  /** `---` alone at the start of a line (a comment may follow); `...` and directives give up. */
  private isDocumentStart(l: number): boolean {
    const start = this.starts[l];
    if (this.indents[l] !== 0) return false;
    const c = this.text.charCodeAt(start);
    if (c === 37 /* % */ || this.text.startsWith('...', start)) giveUp();
    if (!this.text.startsWith('---', start)) return false;
    // A marker only when a space or the line's end follows (`---#` and `---\uFEFF` are text to YAML,
    // though a JavaScript trim would drop the U+FEFF); then nothing but a comment.
    const end = this.ends[l];
    let i = start + 3;
    if (i < end && this.text.charCodeAt(i) !== 32) giveUp();
    while (i < end && this.text.charCodeAt(i) === 32) i++;
    return i === end || this.text.charCodeAt(i) === 35 /* # */ ? true : giveUp();
  }

  /** A block collection whose first line is `l`, starting at column `column`. */
  private block(l: number, column: number): PositionedNode {
    if (this.isDash(l, column)) return this.sequence(l, column);
    return this.mapping(l, column);
  }

  private isDash(l: number, column: number): boolean {
    const at = this.starts[l] + column;
    return this.text.charCodeAt(at) === 45 /* - */ && (at + 1 === this.ends[l] || this.text.charCodeAt(at + 1) === 32);
  }

  /** Where the next line of a collection at `column` continues it, or -1 where the collection ends. */
  private continues(column: number, dash: boolean): number {
    const next = this.line;
    if (next >= this.count || this.indents[next] < column || this.isDocumentStart(next)) return -1;
    if (this.indents[next] > column) giveUp();
    return this.isDash(next, column) === dash ? next : dash ? -1 : giveUp();
  }

  /** Collections get no `value` (PositionedView builds one when asked, which is rare). */
  private mapping(first: number, column: number): PositionedNode {
    const children: PositionedNode[] = [];
    const node: PositionedNode = { kind: 'mapping', start: this.starts[first] + column, end: 0, value: undefined, children };
    const keys = new KeySet(children);
    for (let l = first; l >= 0; l = this.continues(column, false)) {
      const key = this.key(l, this.starts[l] + (l === first ? column : this.indents[l]));
      if (!keys.add(key.value as string)) giveUp();
      const item = this.value(l, key.end + 1, column);
      children.push(key, item);
      node.end = item.end;
    }
    return node;
  }

  private sequence(first: number, column: number): PositionedNode {
    const children: PositionedNode[] = [];
    const node: PositionedNode = { kind: 'sequence', start: this.starts[first] + column, end: 0, value: undefined, children };
    for (let l = first; l >= 0; l = this.continues(column, true)) {
      let at = this.starts[l] + column + 1;
      while (this.text.charCodeAt(at) === 32) at++;
      let item: PositionedNode;
      if (at === this.ends[l] || this.text.charCodeAt(at) === 35 /* # */) {
        item = this.valueBelow(l, column, false) ?? giveUp(); // an empty item
      } else if (this.isDash(l, at - this.starts[l])) {
        giveUp(); // `- - x`
      } else if (this.keyEnd(l, at) >= 0) {
        item = this.mapping(l, at - this.starts[l]);
      } else {
        item = this.inline(l, at, column);
      }
      children.push(item);
      node.end = item.end;
    }
    return node;
  }

  /** The offset of the `:` that ends a key starting at `at`, or -1 when the line holds no key there. */
  private keyEnd(l: number, at: number): number {
    const text = this.text;
    const end = this.ends[l];
    const c = text.charCodeAt(at);
    let i = at;
    if (c === 34 /* " */ || c === 39 /* ' */) {
      for (i = at + 1; i < end && text.charCodeAt(i) !== c; i++);
      if (i >= end) return -1;
      i++;
    }
    for (; i < end; i++) {
      const d = text.charCodeAt(i);
      if (d === 58 /* : */ && (i + 1 === end || text.charCodeAt(i + 1) === 32)) return i;
      if (d === 35 /* # */ && text.charCodeAt(i - 1) === 32) return -1;
    }
    return -1;
  }

  private key(l: number, at: number): PositionedNode {
    const c = this.text.charCodeAt(at);
    if (c === 34 || c === 39) {
      const colon = this.keyEnd(l, at);
      const quoted = colon < 0 ? giveUp() : this.quoted(at, this.ends[l]);
      if (quoted.end !== colon || colon - at > 1000) giveUp();
      return quoted;
    }
    // A plain key's characters up to `: ` (or `:` at the line's end); any other character gives up.
    const colon = plainKeyEnd(this.text, at, this.ends[l]);
    // The yaml library rejects implicit keys over 1024 characters (js-yaml does not): left to them.
    if (colon < 0 || colon - at > 1000) giveUp();
    const key = this.text.slice(at, colon);
    if (typeof plainValue(key) !== 'string') giveUp(); // null, true...
    return { kind: 'scalar', start: at, end: colon, value: key, children: NO_CHILDREN };
  }

  /** The value after a key's `:` (at `at` on line `l`) of a mapping at `column`. */
  private value(l: number, at: number, column: number): PositionedNode {
    let i = at;
    while (this.text.charCodeAt(i) === 32) i++;
    if (i < this.ends[l] && this.text.charCodeAt(i) !== 35 /* # */) return this.inline(l, i, column);
    return this.valueBelow(l, column, true) ?? this.empty(at, l);
  }

  /** A collection on the lines after `l`: more indented, or a sequence at a mapping's own column. */
  private valueBelow(l: number, column: number, inMapping: boolean): PositionedNode | undefined {
    const next = this.nextContent(l + 1);
    if (next < this.count && !this.isDocumentStart(next)) {
      if (this.indents[next] > column) return this.block(next, this.indents[next]);
      if (inMapping && this.indents[next] === column && this.isDash(next, column)) return this.sequence(next, column);
    }
    return undefined;
  }

  private empty(at: number, l: number): PositionedNode {
    this.line = this.nextContent(l + 1);
    return { kind: 'empty', start: at, end: at, value: null, children: NO_CHILDREN };
  }

  /** A scalar that starts on the line (at `at`) of a key or item of a collection at `column`. */
  private inline(l: number, at: number, column: number): PositionedNode {
    const text = this.text;
    const end = this.ends[l];
    const c = text[at];
    let node: PositionedNode;
    if (c === '|' || c === '>') return this.blockScalar(l, at, column);
    if (c === '"' || c === "'") {
      node = this.quoted(at, end);
      this.expectLineEnd(node.end, end);
    } else if (c === '[' || c === '{') {
      node = this.flow(at, end);
      this.expectLineEnd(node.end, end);
    } else {
      if (!plainStart(text, at, end)) giveUp();
      // To a comment or the line's end; `: ` inside (or a `:` at the end) would make it a key.
      let stop = at;
      for (; stop < end; stop++) {
        const d = text.charCodeAt(stop);
        if (d === 35 /* # */ && text.charCodeAt(stop - 1) === 32) break;
        if (d === 58 /* : */ && (stop + 1 === end || text.charCodeAt(stop + 1) === 32)) giveUp();
      }
      while (stop > at && text.charCodeAt(stop - 1) === 32) stop--;
      node = { kind: 'scalar', start: at, end: stop, value: plainValue(text.slice(at, stop)), children: NO_CHILDREN };
    }
    this.line = this.nextContent(l + 1);
    // A more indented line would continue the scalar (or be an error): left to js-yaml.
    if (this.line < this.count && this.indents[this.line] > column) giveUp();
    return node;
  }

  /** A flow sequence or mapping of scalars on one line: `[a, "b"]`, `{team: x, tier: "1"}`. */
  private flow(at: number, end: number): PositionedNode {
    const text = this.text;
    const mapping = text[at] === '{';
    const close = mapping ? '}' : ']';
    const children: PositionedNode[] = [];
    const keys = new KeySet(children);
    let i = at + 1;
    const skipSpaces = () => {
      while (text.charCodeAt(i) === 32) i++;
    };
    skipSpaces();
    if (text[i] === close) return { kind: mapping ? 'mapping' : 'sequence', start: at, end: i + 1, value: undefined, children };
    for (;;) {
      const item = this.flowScalar(i, end);
      i = item.end;
      skipSpaces();
      if (mapping) {
        const key = item.value;
        if (typeof key !== 'string' || text[i] !== ':' || text[i + 1] !== ' ' || !keys.add(key)) giveUp();
        i += 2;
        skipSpaces();
        const entry = this.flowScalar(i, end);
        i = entry.end;
        skipSpaces();
        children.push(item, entry);
      } else {
        children.push(item);
      }
      if (text[i] === close) return { kind: mapping ? 'mapping' : 'sequence', start: at, end: i + 1, value: undefined, children };
      if (text[i] !== ',') giveUp();
      i++;
      skipSpaces();
    }
  }

  /** A quoted scalar, or a plain one of letters, digits, `_./-` and spaces, inside a flow collection. */
  private flowScalar(at: number, end: number): PositionedNode {
    const text = this.text;
    const c = text[at];
    if (c === '"' || c === "'") return this.quoted(at, end);
    if (!plainStart(text, at, end)) giveUp();
    let i = at;
    while (i < end && FLOW_PLAIN.test(text[i])) i++;
    while (i > at && text.charCodeAt(i - 1) === 32) i--;
    if (i === at) giveUp();
    return { kind: 'scalar', start: at, end: i, value: plainValue(text.slice(at, i)), children: NO_CHILDREN };
  }

  /** After a quoted scalar or a flow collection: only spaces, then the line's end or a comment. */
  private expectLineEnd(from: number, end: number): void {
    let i = from;
    while (i < end && this.text.charCodeAt(i) === 32) i++;
    if (i < end && !(this.text.charCodeAt(i) === 35 && i > from)) giveUp();
  }

  /** A quoted scalar closed on its own line; double quotes with the common escapes only. */
  private quoted(at: number, end: number): PositionedNode {
    const text = this.text;
    const quote = text[at];
    // Most have no escapes: the text up to the first quote is the value. (A first quote past the
    // line's end gives up below as well; indexOf looks past the line only then, once.)
    const close = text.indexOf(quote, at + 1);
    if (close < 0 || close >= end) giveUp();
    const first = text.slice(at + 1, close);
    if (quote === "'" ? text.charCodeAt(close + 1) !== 39 : !first.includes('\\')) {
      return { kind: 'scalar', start: at, end: close + 1, value: first, children: NO_CHILDREN };
    }
    let value = '';
    let i = at + 1;
    for (;;) {
      let next = i;
      while (next < end && text[next] !== quote && (quote === "'" || text[next] !== '\\')) next++;
      if (next >= end) giveUp();
      value += text.slice(i, next);
      if (quote === "'") {
        if (text[next + 1] !== "'") return { kind: 'scalar', start: at, end: next + 1, value, children: NO_CHILDREN };
        value += "'";
        i = next + 2;
      } else if (text[next] === '"') {
        return { kind: 'scalar', start: at, end: next + 1, value, children: NO_CHILDREN };
      } else {
        const [unescaped, length] = escape(text, next);
        value += unescaped;
        i = next + length;
      }
    }
  }

  /** `|` or `>`, with `-` or `+`; the content is the lines more indented than the collection. */
  private blockScalar(l: number, at: number, column: number): PositionedNode {
    const text = this.text;
    const folded = text[at] === '>';
    let i = at + 1;
    const chomp = text[i] === '-' || text[i] === '+' ? text[i++] : '';
    this.expectLineEnd(i, this.ends[l]); // `|2`, `|-x`... give up
    const lines: string[] = [];
    let indent = -1;
    let last = l; // the last line with content
    let line = l + 1;
    for (; line < this.count; line++) {
      const width = this.ends[line] - this.starts[line];
      if (this.kinds[line] === BLANK) {
        // A blank line of more spaces than the content's indentation is content (or an error).
        if (indent < 0 ? false : width > indent) giveUp();
        lines.push('');
        continue;
      }
      if (indent < 0) {
        if (this.indents[line] <= column) break;
        indent = this.indents[line];
        if (lines.some((_, k) => this.ends[l + 1 + k] - this.starts[l + 1 + k] > indent)) giveUp();
      }
      if (this.indents[line] < indent) break;
      if (folded && this.indents[line] > indent) giveUp(); // more-indented lines fold differently
      lines.push(text.slice(this.starts[line] + indent, this.ends[line]));
      last = line;
    }
    // A block scalar that runs to the end of a text without a final line break: left to js-yaml.
    if (indent < 0 || (line === this.count && !text.endsWith('\n'))) giveUp();
    const trailing = lines.length - (last - l);
    lines.length = last - l;
    let value = folded ? fold(lines) : lines.join('\n');
    if (chomp === '') value += '\n';
    else if (chomp === '+') value += '\n'.repeat(1 + trailing);
    this.line = this.nextContent(line);
    if (this.line < this.count && this.indents[this.line] > column) giveUp();
    return { kind: 'scalar', start: at, end: this.ends[last], value, children: NO_CHILDREN };
  }
}

const SIMPLE_ESCAPES: Record<string, string> = { '\\': '\\', '"': '"', '/': '/', n: '\n', t: '\t' };

/** The character a double-quoted escape at `at` stands for, and its length; others give up. */
function escape(text: string, at: number): [string, number] {
  const c = text[at + 1];
  if (c in SIMPLE_ESCAPES) return [SIMPLE_ESCAPES[c], 2];
  if (c === 'u' && /^[0-9A-Fa-f]{4}$/.test(text.slice(at + 2, at + 6))) {
    const code = parseInt(text.slice(at + 2, at + 6), 16);
    if (code < 0xd800 || code > 0xdfff) return [String.fromCharCode(code), 6];
  }
  return giveUp();
}

/** Folded lines: a single line break is a space, each blank line a line break. */
function fold(lines: string[]): string {
  let value = '';
  let blanks = 0;
  let started = false;
  for (const line of lines) {
    if (line === '') {
      blanks++;
      continue;
    }
    if (started) value += blanks > 0 ? '\n'.repeat(blanks) : ' ';
    else value += '\n'.repeat(blanks);
    value += line;
    blanks = 0;
    started = true;
  }
  return value;
}

/**
 * Where the `:` after a plain key starting at `at` is, or -1: the key is `[A-Za-z_][\w./-]*` (others,
 * and keys js-yaml would not read as strings, give up), and the `:` ends the line or a space follows.
 */
function plainKeyEnd(text: string, at: number, end: number): number {
  for (let i = at; i < end; i++) {
    const c = text.charCodeAt(i);
    const lower = c | 0x20;
    if ((lower >= 97 && lower <= 122) || c === 95) continue; // a-z, A-Z, _
    if (i > at && ((c >= 48 && c <= 57) || c === 46 || c === 47 || c === 45)) continue; // 0-9 . / -
    return c === 58 && i > at && (i + 1 === end || text.charCodeAt(i + 1) === 32) ? i : -1;
  }
  return -1;
}

function plainStart(text: string, at: number, end: number): boolean {
  const c = text[at];
  if (c === '-' || c === '?' || c === ':') return at + 1 < end && text.charCodeAt(at + 1) !== 32;
  return !NOT_PLAIN_START.includes(c);
}

const NULL = /^(?:~|null|Null|NULL)$/;
const BOOL = /^(?:true|True|TRUE|false|False|FALSE)$/;
/** Wider than js-yaml's integers and floats: what it matches, js-yaml itself reads. */
const NUMBER_LIKE = /^[-+]?(?:[0-9][0-9_]*(?:\.[0-9_]*)?(?:[eE][-+]?[0-9]+)?|\.[0-9_]+(?:[eE][-+]?[0-9]+)?|0[bxo][0-9a-fA-F_]+|\.(?:inf|Inf|INF|nan|NaN|NAN))$/;

/** A plain scalar's value in js-yaml's core schema: null, a boolean, a number or the string. */
function plainValue(text: string): unknown {
  // Nulls start with `~nN`, booleans with `tTfF`, numbers with `-+.` or a digit: most strings need no test.
  const c = text.charCodeAt(0);
  const lower = c | 0x20;
  if (c === 126 || lower === 110 || lower === 116 || lower === 102) {
    const length = text.length;
    if (length !== 1 && length !== 4 && length !== 5) return text; // `name`, `team`...: not `~`, `null`, `true`, `false`
    if (NULL.test(text)) return null;
    if (BOOL.test(text)) return c === 116 || c === 84; // t, T
    return text;
  }
  if (!(c === 45 || c === 43 || c === 46 || (c >= 48 && c <= 57)) || !NUMBER_LIKE.test(text)) return text;
  try {
    return load(text, { schema: CORE_SCHEMA });
  } catch {
    return giveUp();
  }
}
