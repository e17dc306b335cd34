// Command extraction as it was before it was made cheaper (src/core/markdown/commands.ts at
// 53500f6: a regex per span and per line, slices, a generator and closures per call), kept as the
// reference the property test compares the fast one with. Not used by the extension.
import type { Code, InlineCode } from 'mdast';
import { matches, type LineIndex } from '../../src/core/text';
import type { Command, Placeholder } from '../../src/core/markdown/runbookModel';
import type { Offsets } from '../../src/core/markdown/chunks';

/** Fence languages whose blocks are commands ('' is an untagged fence). */
const COMMAND_LANGUAGES = new Set(['', 'bash', 'sh', 'shell', 'zsh', 'console', 'shell-session', 'fish', 'ksh', 'sql', 'psql', 'promql']);
const SHELL_LANGUAGES = new Set(['', 'bash', 'sh', 'shell', 'zsh', 'console', 'shell-session', 'fish', 'ksh']);

/** Variables the environment defines; `$HOME` is not a placeholder. */
const ENVIRONMENT = new Set([
  'HOME', 'PATH', 'USER', 'PWD', 'OLDPWD', 'SHELL', 'HOSTNAME', 'LANG', 'TERM', 'EDITOR', 'TMPDIR', 'UID', 'EUID',
  'PPID', 'RANDOM', 'SECONDS', 'LINENO', 'IFS', 'BASH_SOURCE', 'KUBECONFIG', 'LOGNAME', 'DISPLAY', 'PS1', 'REPLY',
]);

export function extractBlockCommand(node: Code, at: Offsets, lines: LineIndex): Command | undefined {
  const language = (node.lang ?? '').toLowerCase();
  if (!COMMAND_LANGUAGES.has(language) || node.value.trim() === '') return undefined;
  const range = lines.rangeOf(at.start(node), at.end(node));
  // A fenced block starts at its fence; an indented one at its line's start (a blank, `>` or a list
  // marker), even when its first line of code is ``` or ~~~.
  const first = lines.text[at.start(node)];
  const fenced = first === '`' || first === '~';
  const firstLine = fenced ? range.start.line + 1 : range.start.line;
  const valueLines = node.value.split(/\r?\n/);
  const lastLine = firstLine + valueLines.length - 1;
  const textRange = {
    start: { line: firstLine, character: columnOf(lines, firstLine, valueLines[0]) },
    end: { line: lastLine, character: lines.lineText(lastLine).length },
  };
  const placeholders: Placeholder[] = [];
  const shell = SHELL_LANGUAGES.has(language);
  const defined = shell ? definedVariables(node.value) : new Set<string>();
  valueLines.forEach((valueLine, i) => {
    const line = firstLine + i;
    if (shell && /^\s*#/.test(valueLine)) return; // comments never need a value
    findPlaceholders(valueLine, shell, defined, line, columnOf(lines, line, valueLine), placeholders);
  });
  return { kind: 'block', language, text: node.value, range, textRange, placeholders: placeholders.sort(byPosition) };
}

/** The first word of a code span, after a `$ ` prompt or `sudo`. */
const FIRST_WORD = /^(?:(?:\$|sudo)\s+)?(\S*)/;

export function extractInlineCommand(node: InlineCode, at: Offsets, lines: LineIndex, tools: ReadonlySet<string>): Command | undefined {
  const value = node.value.trim();
  const firstWord = FIRST_WORD.exec(value)![1];
  if (!tools.has(firstWord)) return undefined;
  const start = at.start(node);
  const end = at.end(node);
  const range = lines.rangeOf(start, end);
  const fence = lines.text.slice(start, end).match(/^`+/)?.[0].length ?? 1;
  const padded = /^`+ /.test(lines.text.slice(start, end)) && node.value !== lines.text.slice(start + fence, end - fence).replace(/\r?\n|\r/g, ' ') ? 1 : 0;
  const textRange = lines.rangeOf(start + fence + padded, Math.max(start + fence + padded, end - fence - padded));
  const placeholders: Placeholder[] = [];
  // A code span may run over several lines: placeholders are looked for line by line of the source.
  const defined = definedVariables(node.value);
  const source = lines.text.slice(lines.offsetAt(textRange.start), lines.offsetAt(textRange.end));
  source.split(/\r?\n|\r/).forEach((part, i) => {
    findPlaceholders(part, true, defined, textRange.start.line + i, i === 0 ? textRange.start.character : 0, placeholders);
  });
  return { kind: 'inline', language: 'bash', text: node.value, range, textRange, placeholders: placeholders.sort(byPosition) };
}

/** Where a (possibly de-indented) line of a code block starts on its document line. */
function columnOf(lines: LineIndex, line: number, valueLine: string): number {
  if (line >= lines.lineCount) return 0;
  return Math.max(0, lines.lineText(line).length - valueLine.length);
}

/** Names a shell block assigns (`NS=x`, `export NS=x`, `read NS`, `for NS in`). */
export function definedVariables(script: string): Set<string> {
  const names = new Set<string>();
  // Each pattern needs its `=`, `for` or `read`: most commands have none of them.
  if (script.includes('=')) for (const match of matches(ASSIGNMENT, script)) names.add(match[1]);
  if (script.includes('for')) for (const match of matches(FOR_LOOP, script)) names.add(match[1]);
  if (script.includes('read')) {
    for (const match of matches(READ, script)) {
      for (const name of match[1].split(/\s+/)) names.add(name);
    }
  }
  return names;
}

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
  const add = (name: string, token: string, index: number) => {
    out.push({ name, token, range: { start: { line, character: column + index }, end: { line, character: column + index + token.length } } });
  };
  if (lineText.includes('<')) for (const match of matches(ANGLE, lineText)) add(match[1], match[0], match.index);
  // `${NAME}` and `$NAME` need a `$`.
  if (!shell || !lineText.includes('$')) return;
  const quoted = singleQuotedSpans(lineText);
  const inQuotes = (index: number) => quoted.some(([s, e]) => index > s && index < e);
  for (const pattern of [BRACED, BARE]) {
    for (const match of matches(pattern, lineText)) {
      const name = match[1];
      if (defined.has(name) || ENVIRONMENT.has(name) || inQuotes(match.index)) continue;
      add(name, match[0], match.index);
    }
  }
}

function byPosition(a: Placeholder, b: Placeholder): number {
  return a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character;
}

/** [open, close] indexes of single-quoted strings, where the shell expands nothing. */
function singleQuotedSpans(lineText: string): [number, number][] {
  const spans: [number, number][] = [];
  let inDouble = false;
  let open = -1;
  for (let i = 0; i < lineText.length; i++) {
    const c = lineText[i];
    if (c === '\\' && open < 0) i++;
    else if (c === '"' && open < 0) inDouble = !inDouble;
    else if (c === "'" && !inDouble) {
      if (open < 0) open = i;
      else {
        spans.push([open, i]);
        open = -1;
      }
    }
  }
  if (open >= 0) spans.push([open, lineText.length]);
  return spans;
}
