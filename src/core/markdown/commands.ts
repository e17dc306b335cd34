import type { Code, InlineCode } from 'mdast';
import { isSpaceAt, type LineIndex } from '../text.js';
import type { Command, Placeholder } from './runbookModel.js';
import type { Offsets } from './chunks.js';

/** Fence languages whose blocks are commands ('' is an untagged fence). */
export const COMMAND_LANGUAGES = new Set(['', 'bash', 'sh', 'shell', 'zsh', 'console', 'shell-session', 'fish', 'ksh', 'sql', 'psql', 'promql']);
const SHELL_LANGUAGES = new Set(['', 'bash', 'sh', 'shell', 'zsh', 'console', 'shell-session', 'fish', 'ksh']);

/** Variables the environment defines; `$HOME` is not a placeholder. */
const ENVIRONMENT = new Set([
  'HOME', 'PATH', 'USER', 'PWD', 'OLDPWD', 'SHELL', 'HOSTNAME', 'LANG', 'TERM', 'EDITOR', 'TMPDIR', 'UID', 'EUID',
  'PPID', 'RANDOM', 'SECONDS', 'LINENO', 'IFS', 'BASH_SOURCE', 'KUBECONFIG', 'LOGNAME', 'DISPLAY', 'PS1', 'REPLY',
]);

export function extractBlockCommand(node: Code, at: Offsets, lines: LineIndex): Command | undefined {
  const language = node.lang ? node.lang.toLowerCase() : '';
  const value = node.value;
  if (!COMMAND_LANGUAGES.has(language) || isBlank(value)) return undefined;
  const range = lines.rangeOf(at.start(node), at.end(node));
  // A fenced block starts at its fence; an indented one at its line's start (a blank, `>` or a list
  // marker), even when its first line of code is ``` or ~~~.
  const first = lines.text[at.start(node)];
  const fenced = first === '`' || first === '~';
  const firstLine = fenced ? range.start.line + 1 : range.start.line;
  const firstLength = valueLineEnd(value, 0, value.indexOf('\n'));
  const lastLine = firstLine + countOf(value, '\n');
  const textRange = {
    start: { line: firstLine, character: blockLineColumn(lines, firstLine, firstLength) },
    end: { line: lastLine, character: lines.lineLength(lastLine) },
  };
  const placeholders: Placeholder[] = [];
  const shell = SHELL_LANGUAGES.has(language);
  // Most blocks have no `<` and no `$`: no placeholder, no line to cut out.
  if (value.includes('<') || (shell && value.includes('$'))) {
    const defined = shell && value.includes('$') ? definedIn(value) : NONE;
    let line = firstLine;
    for (let from = 0; from <= value.length; line++) {
      const next = value.indexOf('\n', from);
      const valueLine = value.slice(from, valueLineEnd(value, from, next));
      from = next < 0 ? value.length + 1 : next + 1;
      if (shell && isComment(valueLine)) continue; // comments never need a value
      findPlaceholders(valueLine, shell, defined, line, blockLineColumn(lines, line, valueLine.length), placeholders);
    }
  }
  return { kind: 'block', language, text: value, range, textRange, placeholders: sorted(placeholders) };
}

export function extractInlineCommand(node: InlineCode, at: Offsets, lines: LineIndex, tools: ReadonlySet<string>): Command | undefined {
  if (!tools.has(firstWord(node.value))) return undefined;
  const text = lines.text;
  const start = at.start(node);
  const end = at.end(node);
  const range = lines.rangeOf(start, end);
  let ticks = 0;
  while (start + ticks < end && text.charCodeAt(start + ticks) === 96 /* ` */) ticks++;
  const fence = ticks || 1;
  // Padded (`` ` x ` ``): the parser dropped a space on each side, so its value differs from the source's.
  const padded = ticks > 0 && start + ticks < end && text.charCodeAt(start + ticks) === 32
    && node.value !== text.slice(start + fence, end - fence).replace(/\r?\n|\r/g, ' ') ? 1 : 0;
  const from = start + fence + padded;
  const to = Math.max(from, end - fence - padded);
  const placeholders: Placeholder[] = [];
  // The usual span lies on one line and [from, to) within it: columns by arithmetic, and the source
  // is one line (at most a \r of a CRLF before `end`, which no placeholder pattern can use).
  if (range.start.line === range.end.line && to <= end) {
    const line = range.start.line;
    const lineStart = start - range.start.character;
    const textRange = { start: { line, character: from - lineStart }, end: { line, character: to - lineStart } };
    if (mayHavePlaceholders(text, from, to)) {
      const defined = definedIn(node.value);
      findPlaceholders(text.slice(from, to), true, defined, line, from - lineStart, placeholders);
    }
    return { kind: 'inline', language: 'bash', text: node.value, range, textRange, placeholders: sorted(placeholders) };
  }
  const textRange = lines.rangeOf(from, to);
  // A code span may run over several lines: placeholders are looked for line by line of the source.
  const defined = definedIn(node.value);
  const source = text.slice(lines.offsetAt(textRange.start), lines.offsetAt(textRange.end));
  const parts = source.split(/\r?\n|\r/);
  for (let i = 0; i < parts.length; i++) {
    findPlaceholders(parts[i], true, defined, textRange.start.line + i, i === 0 ? textRange.start.character : 0, placeholders);
  }
  return { kind: 'inline', language: 'bash', text: node.value, range, textRange, placeholders: sorted(placeholders) };
}

/**
 * The first word of a code span's trimmed value, after a `$ ` prompt or `sudo`: what
 * `/^(?:(?:\$|sudo)\s+)?(\S*)/` takes, without a trimmed copy and a match array per span.
 */
function firstWord(value: string): string {
  let from = 0;
  while (from < value.length && isSpaceAt(value, from)) from++;
  let to = wordEnd(value, from);
  const prefix = (to - from === 1 && value.charCodeAt(from) === 36 /* $ */) || (to - from === 4 && value.startsWith('sudo', from));
  if (prefix && to < value.length) {
    let next = to;
    while (next < value.length && isSpaceAt(value, next)) next++;
    // Spaces only after the prefix: the trimmed value ends with it, and it is the word.
    if (next < value.length) {
      from = next;
      to = wordEnd(value, next);
    }
  }
  return value.slice(from, to);
}

function wordEnd(value: string, from: number): number {
  let i = from;
  while (i < value.length && !isSpaceAt(value, i)) i++;
  return i;
}

/** Whether text[from, to) has a `<` or a `$`, which every placeholder needs. */
function mayHavePlaceholders(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 60 /* < */ || c === 36 /* $ */) return true;
  }
  return false;
}

/** The end of a block's value line that starts at `from`: before its \r?\n, where `split(/\r?\n/)` cuts (a lone \r stays). */
function valueLineEnd(value: string, from: number, next: number): number {
  if (next < 0) return value.length;
  return next > from && value.charCodeAt(next - 1) === 13 ? next - 1 : next;
}

/** Where a (possibly de-indented) line of a code block, `valueLength` long, starts on its document line. */
export function blockLineColumn(lines: LineIndex, line: number, valueLength: number): number {
  return Math.max(0, lines.lineLength(line) - valueLength);
}

function countOf(text: string, character: string): number {
  let count = 0;
  for (let i = text.indexOf(character); i >= 0; i = text.indexOf(character, i + 1)) count++;
  return count;
}

/** Whether the text is empty or white space only (as `trim() === ''`). */
function isBlank(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (!isSpaceAt(text, i)) return false;
  return true;
}

/** A shell comment line (as `/^\s*#/`). */
function isComment(line: string): boolean {
  let i = 0;
  while (i < line.length && isSpaceAt(line, i)) i++;
  return line.charCodeAt(i) === 35 /* # */;
}

/** Names a shell block assigns (`NS=x`, `export NS=x`, `read NS`, `for NS in`). */
export function definedVariables(script: string): Set<string> {
  const names = new Set<string>();
  // Each pattern needs its `=`, `for` or `read`: most commands have none of them.
  if (script.includes('=')) for (let m = ASSIGNMENT.exec(script); m !== null; m = ASSIGNMENT.exec(script)) names.add(m[1]);
  if (script.includes('for')) for (let m = FOR_LOOP.exec(script); m !== null; m = FOR_LOOP.exec(script)) names.add(m[1]);
  if (script.includes('read')) {
    for (let m = READ.exec(script); m !== null; m = READ.exec(script)) {
      for (const name of m[1].split(/\s+/)) names.add(name);
    }
  }
  return names;
}

/** No names: shared, never changed. */
const NONE: ReadonlySet<string> = new Set();

/** definedVariables, without a new set for the many scripts that define nothing. */
function definedIn(script: string): ReadonlySet<string> {
  return script.includes('=') || script.includes('for') || script.includes('read') ? definedVariables(script) : NONE;
}

// Global regexes, run in exec loops to the end (which leaves lastIndex at 0); none matches ''.
const ASSIGNMENT = /(?:^|[\s;&|(])(?:export\s+|local\s+|readonly\s+|declare\s+(?:-\w+\s+)*)?([A-Za-z_]\w*)=/g;
const FOR_LOOP = /\bfor\s+([A-Za-z_]\w*)\s+in\b/g;
const READ = /\bread\s+(?:-\w+\s+(?:\S+\s+)?)*([A-Za-z_]\w*(?:\s+[A-Za-z_]\w*)*)/g;

const ANGLE = /<([A-Za-z][\w.-]*)>/g;
const BRACED = /\$\{([A-Za-z_]\w*)\}/g;
const BARE = /(?<![\\$\w])\$([A-Za-z_]\w*)(?![\w{])/g;

/**
 * Placeholders on one line: `<pod-name>` anywhere; in shell, `${NAME}` and `$NAME` that the block
 * does not define and the environment does not provide, outside single quotes.
 */
export function findPlaceholders(
  lineText: string, shell: boolean, defined: ReadonlySet<string>, line: number, column: number, out: Placeholder[],
): void {
  if (lineText.includes('<')) {
    for (let m = ANGLE.exec(lineText); m !== null; m = ANGLE.exec(lineText)) out.push(placeholder(m[1], m[0], line, column + m.index));
  }
  // `${NAME}` and `$NAME` need a `$`.
  if (!shell || !lineText.includes('$')) return;
  const quoted = lineText.includes("'") ? singleQuotedSpans(lineText) : undefined;
  findVariables(BRACED, lineText, defined, quoted, line, column, out);
  findVariables(BARE, lineText, defined, quoted, line, column, out);
}

function findVariables(
  pattern: RegExp, lineText: string, defined: ReadonlySet<string>, quoted: number[] | undefined, line: number, column: number, out: Placeholder[],
): void {
  for (let m = pattern.exec(lineText); m !== null; m = pattern.exec(lineText)) {
    const name = m[1];
    if (defined.has(name) || ENVIRONMENT.has(name) || (quoted !== undefined && inSpans(quoted, m.index))) continue;
    out.push(placeholder(name, m[0], line, column + m.index));
  }
}

function placeholder(name: string, token: string, line: number, character: number): Placeholder {
  return { name, token, range: { start: { line, character }, end: { line, character: character + token.length } } };
}

function sorted(placeholders: Placeholder[]): Placeholder[] {
  return placeholders.length > 1 ? placeholders.sort(byPosition) : placeholders;
}

function byPosition(a: Placeholder, b: Placeholder): number {
  return a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character;
}

/** Whether an index lies strictly inside one of the spans (flat [open, close, open, close...]). */
function inSpans(spans: number[], index: number): boolean {
  for (let i = 0; i < spans.length; i += 2) if (index > spans[i] && index < spans[i + 1]) return true;
  return false;
}

/** Open and close indexes of single-quoted strings, where the shell expands nothing, flat. */
function singleQuotedSpans(lineText: string): number[] {
  const spans: number[] = [];
  let inDouble = false;
  let open = -1;
  for (let i = 0; i < lineText.length; i++) {
    const c = lineText.charCodeAt(i);
    if (c === 92 /* \ */ && open < 0) i++;
    else if (c === 34 /* " */ && open < 0) inDouble = !inDouble;
    else if (c === 39 /* ' */ && !inDouble) {
      if (open < 0) open = i;
      else {
        spans.push(open, i);
        open = -1;
      }
    }
  }
  if (open >= 0) spans.push(open, lineText.length);
  return spans;
}
