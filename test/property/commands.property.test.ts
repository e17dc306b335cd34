// Command extraction (commands.ts) gives exactly what the straight reference gives
// (helpers/referenceCommands.ts): same kind, language, text, ranges and placeholders, for every code
// block and code span of the shared corpus and seeds (and of the benchmark's generated workspace,
// when one is in the temp folder), and of generated Markdown full of placeholders, quotes, padded
// and multi-backtick spans, tabs and every line ending.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import type { Nodes } from 'mdast';
import { DEFAULT_COMMAND_TOOLS } from '../../src/core/config';
import * as fast from '../../src/core/markdown/commands';
import type { Offsets } from '../../src/core/markdown/chunks';
import type { Placeholder } from '../../src/core/markdown/runbookModel';
import { limitNesting } from '../../src/core/markdown/limitNesting';
import { createMarkdownParser } from '../../src/core/markdown/markdownAst';
import { LineIndex } from '../../src/core/text';
import { markdownDocument, propertyParams } from '../helpers/arbitraries';
import { CORPUS, SHARED } from '../helpers/paths';
import * as reference from '../helpers/referenceCommands';

const parse = createMarkdownParser();
const DEFAULT_TOOLS: ReadonlySet<string> = new Set(DEFAULT_COMMAND_TOOLS);
/** Every code span a command: the whole of extractInlineCommand runs on each. */
class AnyWord extends Set<string> {
  override has(): boolean {
    return true;
  }
}
const ANY_WORD = new AnyWord();
const at: Offsets = {
  start: (node) => node.position?.start.offset ?? 0,
  end: (node) => node.position?.end.offset ?? node.position?.start.offset ?? 0,
};

/** Compares the two on every code node of the text; returns how many commands were compared. */
function assertSameCommands(text: string, where: string): number {
  const lines = new LineIndex(text);
  const stack: Nodes[] = [parse(limitNesting(text), lines)];
  let compared = 0;
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'code') {
      const expected = reference.extractBlockCommand(node, at, lines);
      assert.deepEqual(fast.extractBlockCommand(node, at, lines), expected, `${where}: block at ${at.start(node)}`);
      if (expected) compared++;
    } else if (node.type === 'inlineCode') {
      for (const tools of [DEFAULT_TOOLS, ANY_WORD]) {
        const expected = reference.extractInlineCommand(node, at, lines, tools);
        assert.deepEqual(fast.extractInlineCommand(node, at, lines, tools), expected, `${where}: code span at ${at.start(node)}`);
        if (expected) compared++;
      }
    } else if ('children' in node) {
      stack.push(...(node.children as Nodes[]));
    }
  }
  return compared;
}

function markdownFiles(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) markdownFiles(file, out);
    else if (entry.name.endsWith('.md')) out.push(file);
  }
  return out;
}

/** The benchmark's generated workspaces (scripts/bench/lib/workspace.mjs), if any were made here. */
function benchWorkspaces(): string[] {
  const root = path.join(tmpdir(), 'runbook-lens-bench');
  if (!existsSync(root)) return [];
  return readdirSync(root).map((name) => path.join(root, name, 'workspace')).filter((dir) => existsSync(dir));
}

const pick = <T>(...values: T[]) => fc.constantFrom(...values);

/** Command text with what placeholders hinge on: `<x>`, `$X`, `${X}`, quotes, escapes, assignments, comments. */
const commandPiece = fc.oneof(
  pick('kubectl', 'get', 'pods', '-n', '<namespace>', '<pod-name>', '<a.b>', '<1x>', '<>', '$NS', '${POD}', '$HOME', '${HOME}', '\\$ESC',
    '$$', '$1', '${X', '$X{', "'$Q'", "'<q>'", '"$D"', "\"'$E'\"", "'", '"', '\\', '\\\'', 'NS=x', 'export POD=a', 'read -r A B',
    'for I in 1 2; do echo $I; done', '# $NOT <not>', '#', 'sudo', '$', '|', ';', '&&', '\t', '  ', 'é', '😀', '\u00a0', '\u3000', '`'),
  fc.string({ unit: pick('$', '{', '}', '<', '>', "'", '"', '\\', 'A', 'x', '_', '1', ' ', '\t', '#', '-', '.'), maxLength: 8 }),
);
const commandText = fc.array(commandPiece, { minLength: 1, maxLength: 8 }).map((pieces) => pieces.join(' '));
const ending = pick('\n', '\r\n', '\r');

/** A code span: one to three backticks, maybe padded, maybe over two lines, maybe a `$ ` prompt or sudo. */
const codeSpan = fc.record({
  ticks: pick('`', '`', '``', '```'),
  pad: pick('', '', ' ', '  ', '\t'),
  prompt: pick('', '', '$ ', 'sudo ', '$\t', '$  sudo '),
  first: pick('kubectl', 'helm', 'curl', 'echo', 'grep', 'KubePodCrashLooping', ''),
  rest: commandText,
  broken: fc.option(fc.tuple(fc.nat({ max: 30 }), ending), { freq: 3 }),
}).map(({ ticks, pad, prompt, first, rest, broken }) => {
  let inner = `${prompt}${first} ${rest}`;
  if (broken) {
    const i = broken[0] % (inner.length + 1);
    inner = inner.slice(0, i) + broken[1] + inner.slice(i);
  }
  return `${ticks}${pad}${inner}${pad}${ticks}`;
});

const codeBlock = fc.record({
  fence: pick('```', '~~~', '````'),
  language: pick('', 'bash', 'sh', 'console', 'sql', 'promql', 'yaml', 'Shell'),
  body: fc.array(commandText, { maxLength: 5 }),
}).map(({ fence, language, body }) => [`${fence}${language}`, ...body, fence].join('\n'));

const container = pick('', '', '- ', '1. ', '> ', '  - ', '\t', '    ');

/** A snippet of paragraphs, list items and quotes holding code spans, and code blocks, with one line ending throughout or mixed. */
const snippet = fc.record({
  blocks: fc.array(fc.tuple(container, fc.oneof(
    fc.array(fc.oneof(codeSpan, pick('Run', 'then', 'or', '`', '\\`', 'é😀')), { minLength: 1, maxLength: 4 }).map((words) => words.join(' ')),
    codeBlock,
  )), { minLength: 1, maxLength: 4 }),
  endings: fc.array(ending, { minLength: 1, maxLength: 3 }),
}).map(({ blocks, endings }) => {
  const lines = blocks.flatMap(([prefix, block]) => [...block.split('\n').map((line, i) => (i === 0 ? prefix : prefix.replace(/[-\d.]/g, ' ')) + line), '']);
  return lines.map((line, i) => line + endings[i % endings.length]).join('');
});

describe('property: commands as the reference extraction finds them', () => {
  it('on every code block and code span of the shared corpus and seeds', () => {
    const files = [...markdownFiles(CORPUS), ...readdirSync(path.join(SHARED, 'seeds')).map((name) => path.join(SHARED, 'seeds', name))];
    let compared = 0;
    for (const file of files) compared += assertSameCommands(readFileSync(file, 'utf8'), file);
    assert.ok(compared > 1000, `only ${compared} commands compared`);
  });

  it('on the benchmark workspace, when one was generated', function () {
    const workspaces = benchWorkspaces();
    if (workspaces.length === 0) this.skip();
    for (const dir of workspaces) for (const file of markdownFiles(dir)) assertSameCommands(readFileSync(file, 'utf8'), file);
  });

  it('on snippets of code spans and blocks with placeholders, quotes, padding and line endings', () => {
    fc.assert(fc.property(snippet, (text) => {
      assertSameCommands(text, 'snippet');
    }), propertyParams({ numRuns: Math.max(1000, propertyParams().numRuns ?? 0) }));
  });

  it('on the parser tests\' general documents', () => {
    fc.assert(fc.property(markdownDocument({ maxBlocks: 10 }), (text) => {
      assertSameCommands(text, 'document');
    }), propertyParams());
  });

  it('on code nodes made by hand: values with \\r, positions anywhere in the text', () => {
    const value = fc.array(fc.oneof(commandText, ending, pick('`', ' ', '#')), { maxLength: 6 }).map((parts) => parts.join(''));
    fc.assert(fc.property(snippet, value, pick(null, '', 'bash', 'sql', 'yaml'), fc.nat(), fc.nat(), (text, nodeValue, lang, a, b) => {
      const lines = new LineIndex(text);
      const [start, end] = [a % (text.length + 1), b % (text.length + 1)].sort((x, y) => x - y);
      const position = { start: { line: 1, column: 1, offset: start }, end: { line: 1, column: 1, offset: end } };
      const block: Nodes = { type: 'code', lang, value: nodeValue, position };
      assert.deepEqual(fast.extractBlockCommand(block, at, lines), reference.extractBlockCommand(block, at, lines));
      const span: Nodes = { type: 'inlineCode', value: nodeValue, position };
      assert.deepEqual(fast.extractInlineCommand(span, at, lines, ANY_WORD), reference.extractInlineCommand(span, at, lines, ANY_WORD));
    }), propertyParams({ numRuns: Math.max(1000, propertyParams().numRuns ?? 0) }));
  });

  it('findPlaceholders and definedVariables on single lines', () => {
    fc.assert(fc.property(commandText, fc.boolean(), fc.array(pick('NS', 'POD', 'A', 'X', 'Q')), fc.nat({ max: 5 }), fc.nat({ max: 80 }), (line, shell, names, row, column) => {
      assert.deepEqual(fast.definedVariables(line), reference.definedVariables(line));
      const defined = new Set(names);
      const expected: Placeholder[] = [];
      const found: Placeholder[] = [];
      reference.findPlaceholders(line, shell, defined, row, column, expected);
      fast.findPlaceholders(line, shell, defined, row, column, found);
      assert.deepEqual(found, expected);
    }), propertyParams({ numRuns: Math.max(1000, propertyParams().numRuns ?? 0) }));
  });
});
