// Generators (fast-check arbitraries) and shared checks for the property tests in test/property/.
// Everything here is deterministic given fast-check's seed: no Math.random, no clock.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Nodes, Root } from 'mdast';
import type { Command, RunbookDoc } from '../../src/core/api';
import { chunkBounds } from '../../src/core/markdown/chunks';

// ------------------------------------------------------------------------------------ running

/** Cases per property: PROPERTY_RUNS (CI sets 10000), 300 by default so a local run stays quick. */
export const PROPERTY_RUNS = positiveInteger('PROPERTY_RUNS', 300);

/**
 * fast-check parameters for every property. A failure report carries `seed` and `path`; to replay
 * it, set PROPERTY_SEED (and PROPERTY_PATH) in the environment.
 */
export function propertyParams<T>(extra: fc.Parameters<T> = {}): fc.Parameters<T> {
  // The failing assertion's message goes into the report itself (mocha --parallel drops an error's cause).
  const params: fc.Parameters<T> = { numRuns: PROPERTY_RUNS, includeErrorInReport: true, ...extra };
  if (process.env.PROPERTY_SEED) {
    params.seed = Number(process.env.PROPERTY_SEED);
    if (process.env.PROPERTY_PATH) params.path = process.env.PROPERTY_PATH;
  }
  return params;
}

function positiveInteger(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer, not ${JSON.stringify(raw)}`);
  return value;
}

// ------------------------------------------------------------------------------------ ranges

interface Pos { line: number; character: number }
interface Rng { start: Pos; end: Pos }

/** The document's lines as an LSP client sees them (`\r\n`, `\n` and a lone `\r` all end a line), and what ends each. */
export function documentLines(text: string): { lines: string[]; breaks: string[] } {
  const lines: string[] = [];
  const breaks: string[] = [];
  const re = /\r\n|\r|\n/g;
  let start = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    lines.push(text.slice(start, m.index));
    breaks.push(m[0]);
    start = m.index + m[0].length;
  }
  lines.push(text.slice(start));
  breaks.push('');
  return { lines, breaks };
}

function isPosition(value: unknown): value is Pos {
  return typeof value === 'object' && value !== null
    && typeof (value as Pos).line === 'number' && typeof (value as Pos).character === 'number';
}

function isRange(value: unknown): value is Rng {
  return typeof value === 'object' && value !== null && isPosition((value as Rng).start) && isPosition((value as Rng).end);
}

/** 0 ≤ line < lineCount, 0 ≤ character ≤ that line's length, start ≤ end. */
export function assertRangeInside(range: Rng, doc: { lines: string[]; breaks: string[] }, where: string): void {
  const { lines, breaks } = doc;
  for (const [name, pos] of [['start', range.start], ['end', range.end]] as const) {
    const inLine = pos.line >= 0 && pos.line < lines.length;
    let ok = Number.isInteger(pos.line) && Number.isInteger(pos.character) && inLine && pos.character >= 0 && pos.character <= lines[pos.line].length;
    if (!ok && inLine && KNOWN_BUGS.positionBetweenCrAndLf(pos, lines[pos.line], breaks[pos.line])) ok = true;
    if (!ok) {
      const lineLength = inLine ? lines[pos.line].length : 'no such line';
      assert.fail(`${where}: ${name} ${JSON.stringify(pos)} is outside the document (${lines.length} lines; that line's length: ${lineLength}); range ${JSON.stringify(range)}`);
    }
  }
  const ordered = range.start.line < range.end.line || (range.start.line === range.end.line && range.start.character <= range.end.character);
  if (!ordered) assert.fail(`${where}: start after end in ${JSON.stringify(range)}`);
}

/** Offsets the model keeps next to its ranges (`start`, `end`, `sectionEnd`, ...). */
const OFFSET_KEYS = new Set(['start', 'end', 'sectionEnd', 'contentStart', 'contentEnd', 'offset']);

/**
 * Every range anywhere in `value` (a parsed model, a diagnostic list...) lies inside the text, and
 * every numeric offset field lies in [0, text.length]. `skip` names keys not to descend into.
 */
export function assertAllRangesInside(value: unknown, text: string, where: string, skip: ReadonlySet<string> = new Set(['lines'])): number {
  const lines = documentLines(text);
  const seen = new Set<object>();
  let count = 0;
  const visit = (node: unknown, path: string) => {
    if (typeof node !== 'object' || node === null || seen.has(node)) return;
    seen.add(node);
    if (isRange(node)) {
      assertRangeInside(node, lines, `${where} ${path}`);
      count++;
      return;
    }
    if (node instanceof Map) {
      for (const [key, child] of node) visit(child, `${path}.get(${JSON.stringify(key)})`);
      return;
    }
    if (node instanceof Set) return;
    for (const [key, child] of Object.entries(node)) {
      if (skip.has(key)) continue;
      if (OFFSET_KEYS.has(key) && typeof child === 'number') {
        if (!(Number.isInteger(child) && child >= 0 && child <= text.length)) {
          assert.fail(`${where} ${path}.${key} = ${child} is not an offset in a text of ${text.length} characters`);
        }
        continue;
      }
      visit(child, Array.isArray(node) ? `${path}[${key}]` : `${path}.${key}`);
    }
  };
  visit(value, '');
  return count;
}

// ------------------------------------------------------------------------------------ small pieces

const pick = <T>(...values: T[]) => fc.constantFrom(...values);

/** An index into a list whose length is only known later: taken modulo (length + 1). */
const position = fc.nat({ max: 1_000_000 });

export const ALERT_WORDS = [
  'Kube', 'Pod', 'Crash', 'Looping', 'High', 'Api', 'Error', 'Rate', 'Latency', 'Disk', 'Space', 'Low', 'Etcd', 'Members',
  'Down', 'Node', 'Memory', 'Pressure', 'Target', 'Cert', 'Expiry', 'Backend', 'Service', 'Queue', 'Backlog', 'P95', 'Slo',
  'Burn', 'Fast', 'Job', 'Failed', 'Http', '5xx', 'Redis', 'Replication', 'Lag',
];

/** Alerts the property tests' rule files define (so sections are known, parts are checked...). */
export const KNOWN_ALERTS = ['KubePodCrashLooping', 'HighApiErrorRate', 'EtcdMembersDown', 'NodeDiskSpaceLow', 'TargetDown', 'LatencyP95Breaching'];

export const alertName: fc.Arbitrary<string> = fc.oneof(
  pick(...KNOWN_ALERTS),
  fc.array(pick(...ALERT_WORDS), { minLength: 1, maxLength: 4 }).map((words) => words.join('')),
);

function wordsOf(name: string): string[] {
  return name.match(/[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+[a-z]*/g) ?? [name];
}

/** A name as runbooks write it: PascalCase, kebab-case, snake_case, spaced, lower, upper. */
export const styledAlertName: fc.Arbitrary<string> = fc.tuple(alertName, pick('pascal', 'kebab', 'snake', 'spaced', 'lower', 'upper', 'camel')).map(([name, style]) => {
  const words = wordsOf(name);
  switch (style) {
    case 'kebab': return words.map((w) => w.toLowerCase()).join('-');
    case 'snake': return words.map((w) => w.toLowerCase()).join('_');
    case 'spaced': return words.join(' ');
    case 'lower': return name.toLowerCase();
    case 'upper': return name.toUpperCase();
    case 'camel': return name[0].toLowerCase() + name.slice(1);
    default: return name;
  }
});

export const PART_ALIASES = [
  'Alert', 'Alert Description', 'Description', 'Meaning', 'Summary', 'Overview',
  'Triage', 'Investigation', 'Investigation Steps', 'Diagnosis', 'Immediate Actions', 'Initial Response', 'Troubleshooting',
  'Common causes', 'Common Causes & Fixes', 'Causes', 'Possible causes', 'Root causes', 'Common Issues',
  'Resolution', 'Resolution Steps', 'Resolution Actions', 'Mitigation', 'Remediation', 'Recovery Procedures',
];
const partAlias = fc.oneof(
  pick(...PART_ALIASES),
  pick(...PART_ALIASES).map((a) => a.toUpperCase()),
  pick(...PART_ALIASES).map((a) => a.toLowerCase()),
  pick('Severity', 'Name', 'Alert Name', 'Owner', 'Dashboard', 'Impact', 'Escalation', 'Notes'),
);

/** Characters that make parsers and position maths work: bidi, zero-width, astral, combining, odd spaces. */
export const TRICKY_CHARACTERS = [
  '\u202e', '\u202d', '\u2066', '\u2069', '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u00ad', '\u061c', '\u200e',
  '😀', '🔥', '𝔘', '\u{e0041}', 'e\u0301', '\u0300', '日本語', 'Ω', 'ß', 'İ', '\u00a0', '\u3000', '\u2028', '\u2029', '\u0085',
  '\t', '\u000b', '\f', '\\', '\u0000', '\ud800', '\udc00',
];
export const trickyCharacter = pick(...TRICKY_CHARACTERS);

const COMMAND_LINES = [
  'kubectl get pods -n <namespace>', 'kubectl -n $NAMESPACE logs ${POD} --tail=100', 'NS=monitoring', 'kubectl get pods -n "$NS"',
  '$ kubectl describe pod <pod-name>', '# comment with <placeholder>', 'helm rollback <release> <revision>', "psql -c 'SELECT 1'",
  "SELECT * FROM pg_stat_activity WHERE datname = '<db>';", 'sum(rate(http_requests_total{job="<job>"}[5m])) > 0.05',
  'cat <<EOF', 'EOF', "cat <<'END'", '  $NOT_EXPANDED <x>', 'END', "echo '$NOT_A_PLACEHOLDER'",
  'for POD in $(kubectl get pods -o name); do echo $POD; done', 'redis-cli -h <host> FLUSHALL', 'rm -rf /tmp/<dir>',
  'export TOKEN=<token>', 'curl -H "Authorization: Bearer $API_TOKEN" https://example.com/<path>', 'kubectl delete pod <pod> --force',
  'terraform apply', 'echo `date` $(hostname) \\', '  --continued <arg>', 'read -r ANSWER', 'printf %s "$ANSWER"',
  '```', '~~~', '# Not a heading', '## nor this', '**Triage**: not a label', '<!-- not a comment', '---', '| a | b |',
  'kubectl exec -it <pod> -- sh -c \'echo "$HOME"\'', 'journalctl -u ${UNIT} --since "1 hour ago"', '\ttabbed <tab>', '',
];
const commandLine = fc.oneof({ weight: 6, arbitrary: pick(...COMMAND_LINES) }, { weight: 1, arbitrary: fc.string({ maxLength: 20 }) });

const INLINE_CODE = [
  '`kubectl get pods -n <namespace>`', '`helm rollback <release> 1`', '`redis-cli -h $REDIS_HOST INFO replication`',
  '`sudo systemctl restart ${SERVICE}`', '``a ` b``', '`$ kubectl logs <pod-name>`', '`kubectl', '`HighApiErrorRate`',
  '`KubePodCrashLooping`', '` kubectl  get  nodes `', '`curl -s http://<host>:9090/-/healthy`', '`memory`', '```inline```',
  '`df -h`', '`kill -9 <pid>`', '`etcdctl endpoint health --cluster`',
];
const LINKS = [
  '[rule](../rules/alerts.yml)', '[here](#high-api-error-rate)', '[other](./other.md)', '[other](other.md#triage)',
  '[ext](https://example.com/a#b)', '<https://example.com/x>', '![img](img/a.png)', '[ref][r1]', '[bad](%zz.md#%E0%A4%A)',
  '[spaced](<with space.md>)', '[titled](a.md "title")', '[mail](mailto:a@example.com)', '[proto](//host/x)', '[](#)',
  '[x](#)', '[up](../../outside.md)', '[abs](/docs/x.md#kubepodcrashlooping)', '[q](x.md?plain=1#L3)', '[ unclosed](x.md',
];
const PROSE_WORDS = [
  'the', 'pod', 'restarts', 'check', 'logs', 'and', 'dashboards', 'see', 'page', 'on-call', 'is', 'down', 'if', 'then', 'rollback',
  '*emphasis*', '_under_', '**bold**', '~~strike~~', 'a|b', '\\*', '&amp;', '<br>', '<span>x</span>', 'http://example.com', '@user',
  '#hash', ':', '—', '...', '[x]', '[^1]', '![', '](', 'HighApiErrorRate', 'kube-pod-crash-looping',
];
const proseWord = fc.oneof(
  { weight: 8, arbitrary: pick(...PROSE_WORDS) },
  { weight: 2, arbitrary: pick(...INLINE_CODE) },
  { weight: 2, arbitrary: pick(...LINKS) },
  { weight: 1, arbitrary: styledAlertName },
  { weight: 1, arbitrary: trickyCharacter },
);
const prose = fc.array(proseWord, { minLength: 1, maxLength: 8 }).map((words) => words.join(' '));

// ------------------------------------------------------------------------------------ Markdown

/** Heading text: an alert name in one of the forms runbooks use, a part, or prose. */
const headingText: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: styledAlertName },
  { weight: 1, arbitrary: fc.tuple(fc.nat({ max: 12 }), styledAlertName, pick('. ', ') ', ' ', '.1 ', ' - ')).map(([n, name, sep]) => `${n}${sep}${name}`) },
  { weight: 1, arbitrary: fc.tuple(pick('Alert Name: "', 'Alert: ', 'Alert Name: ', 'Alert ', 'alertname='), alertName, pick('"', '', '"  ')).map(([a, b, c]) => a + b + c) },
  { weight: 1, arbitrary: fc.tuple(styledAlertName, pick('`', '**', '[', '🔥 ', '')).map(([name, wrap]) => (wrap === '[' ? `[${name}](#${name.toLowerCase()})` : wrap === '🔥 ' ? wrap + name : wrap + name + wrap)) },
  { weight: 1, arbitrary: fc.tuple(styledAlertName, pick(' (critical)', ' {#custom-id}', ' <a name="x"></a>', ' #', ' ##', ' \\#', ' :fire:', '  ')).map(([name, tail]) => name + tail) },
  { weight: 3, arbitrary: partAlias },
  { weight: 1, arbitrary: prose },
  { weight: 1, arbitrary: pick('', ' ', 'Deployment Rollback', 'Index', 'Alerts', 'Runbooks') },
);

const heading: fc.Arbitrary<string[]> = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(fc.integer({ min: 1, max: 6 }), pick('', '', '', ' ', '   '), pick(' ', ' ', '\t', '  ', ''), headingText).map(([depth, indent, gap, text]) => [`${indent}${'#'.repeat(depth)}${gap}${text}`]) },
  { weight: 1, arbitrary: fc.tuple(headingText, pick('===', '---', '=', '-', '  ---  ')).map(([text, under]) => [text, under]) },
  { weight: 1, arbitrary: pick(['#'], ['#######  seven'], ['#5 bolts'], ['\\# escaped']) },
);

const labelLine: fc.Arbitrary<string> = fc.tuple(
  partAlias,
  pick('**A**:', '**A:**', '__A__:', '**A** :', '**A**', '**A**：', '*A*:', '**A**:**', '***A***:'),
  pick('', ' ', '- ', '* ', '1. ', '> ', '  - ', '\t'),
  fc.oneof(pick('', ' ', '  '), prose.map((p) => ` ${p}`), alertName.map((n) => ` \`${n}\``), pick(' `kubectl get pods -n <ns>`', ' critical', ' `', ' ``')),
).map(([alias, template, prefix, rest]) => prefix + template.replace('A', alias) + rest);

const nameField: fc.Arbitrary<string> = fc.tuple(
  pick('**Name**: ', '**Alert**: ', '**Alert Name**: ', '**alertname**: ', '- **Name**: ', '**Name:** '),
  alertName,
  pick('`', '', '"'),
).map(([label, name, quote]) => `${label}${quote}${name}${quote}`);

const paragraph: fc.Arbitrary<string[]> = fc.array(fc.oneof(
  { weight: 3, arbitrary: prose },
  { weight: 2, arbitrary: labelLine },
  { weight: 1, arbitrary: nameField },
  { weight: 1, arbitrary: prose.map((p) => `${p}  `) }, // hard break
  { weight: 1, arbitrary: prose.map((p) => `${p}\\`) },
), { minLength: 1, maxLength: 4 });

const listItems: fc.Arbitrary<string[]> = fc.array(fc.tuple(
  pick('- ', '* ', '+ ', '1. ', '2) ', '10. ', '- [ ] ', '- [x] ', '  - ', '    - ', '\t- ', '-\t'),
  fc.oneof(prose, labelLine, nameField, pick(...INLINE_CODE)),
).map(([marker, text]) => marker + text), { minLength: 1, maxLength: 5 });

const FENCE_LANGUAGES = [
  '', 'bash', 'sh', 'shell', 'zsh', 'console', 'shell-session', 'sql', 'psql', 'promql', 'yaml', 'json', 'python', 'go', 'text',
  'BASH', 'Shell', 'bash title="x"', 'sh {.class}', 'fish', 'ksh', 'diff', 'bash`x', ' bash', 'c++',
];
const codeBlock: fc.Arbitrary<string[]> = fc.tuple(
  pick('```', '```', '~~~', '````', '~~~~'),
  pick(...FENCE_LANGUAGES),
  pick('', '', '', ' ', '  ', '   ', '- ', '> ', '1. '),
  fc.array(commandLine, { maxLength: 6 }),
  pick('close', 'close', 'close', 'close', 'open', 'short', 'longer', 'indented'),
).map(([fence, language, indent, body, end]) => {
  const inner = indent === '- ' || indent === '1. ' ? ' '.repeat(indent.length) : indent === '> ' ? '> ' : indent;
  const lines = [`${indent}${fence}${language}`, ...body.map((line) => inner + line)];
  if (end === 'close') lines.push(inner + fence);
  else if (end === 'short') lines.push(inner + fence.slice(0, -1));
  else if (end === 'longer') lines.push(inner + fence + fence[0]);
  else if (end === 'indented') lines.push(`    ${fence}`);
  return lines;
});

const indentedCode: fc.Arbitrary<string[]> = fc.array(commandLine.map((line) => `    ${line}`), { minLength: 1, maxLength: 3 });

const tableCell = fc.oneof(alertName.map((n) => `\`${n}\``), alertName, pick(...LINKS), pick('Critical', 'warning', '', ' ', 'RB-01', 'a \\| b', '`a|b`'), styledAlertName);
const table: fc.Arbitrary<string[]> = fc.tuple(
  fc.array(pick('Alert', 'Alert name', 'alerts', 'Runbook', 'Severity', 'Owner', ''), { minLength: 1, maxLength: 4 }),
  fc.array(fc.array(tableCell, { minLength: 0, maxLength: 5 }), { maxLength: 4 }),
  pick('|', ''),
  pick('---', ':---', ':---:', '-', '--'),
).map(([header, rows, edge, rule]) => {
  const row = (cells: string[]) => (edge ? `| ${cells.join(' | ')} |` : cells.join(' | '));
  return [row(header), row(header.map(() => rule)), ...rows.map(row)];
});

const FRONT_MATTER_LINES = [
  'alert: KubePodCrashLooping', 'alert: HighApiErrorRate', 'alerts: [TargetDown, EtcdMembersDown]', 'alerts:\n  - NodeDiskSpaceLow\n  - LatencyP95Breaching',
  'title: "Runbook"', 'cwd: ./ops', 'env:\n  NAMESPACE: prod\n  BAD-NAME: x\n  NUM: 3', 'alert:', 'alert: [unclosed', ': bad', 'alert: &a TargetDown',
  'other: *a', 'alert: 123', 'alerts: ~', 'alerts: [ , ]', '# a YAML comment', '  indented: badly', 'tags: [a, b]', 'alert: "  "', 'alerts: {a: b}',
  'alert: \tTargetDown', 'weight: 10',
];
const frontMatter: fc.Arbitrary<string[]> = fc.tuple(
  fc.oneof({ weight: 6, arbitrary: fc.constant('---') }, { weight: 1, arbitrary: pick('--- ', '+++', '----') }),
  fc.array(pick(...FRONT_MATTER_LINES), { minLength: 1, maxLength: 4 }),
  fc.oneof({ weight: 6, arbitrary: fc.constant('---') }, { weight: 1, arbitrary: pick('...', '--- ', '', '+++') }),
  fc.nat({ max: 9 }),
).map(([open, body, close, empty]) => {
  const lines = [open, ...(empty === 0 ? [] : body.flatMap((line) => line.split('\n')))];
  if (close) lines.push(close);
  return lines;
});

const HTML_BLOCKS: string[][] = [
  ['<!-- a comment -->'], ['<!--', '# not a heading', '', '**Triage**: hidden', '-->'], ['<!-- never closed'], ['<details>', '<summary>More</summary>', '', '**Triage**: x', '', '</details>'],
  ['<pre>', '# inside pre', '', '</pre>'], ['<div align="center">', '', '# after blank', '</div>'], ['<br/>'], ['<a name="anchor"></a>'],
  ['<script>', '', '# x', '</script>'], ['<style>', '', 'h1 {}', '', '</style>'], ['<textarea>', '', '# t', '</textarea>'],
];
/** HTML blocks of the rarer kinds: processing instructions, declarations, CDATA, the shortest comments. */
const RARE_HTML_BLOCKS: string[][] = [['<?php', '', '# in processing instruction', '', '?>'], ['<!DOCTYPE html>'], ['<![CDATA[', '', '# in cdata', ']]>'], ['<!-->'], ['<!--->'], ['<div>', '# right after']];
const htmlBlock = fc.oneof({ weight: 4, arbitrary: pick(...HTML_BLOCKS) }, { weight: 1, arbitrary: pick(...RARE_HTML_BLOCKS) });

const otherBlock: fc.Arbitrary<string[]> = fc.oneof(
  pick(['***'], ['---'], ['___'], ['- - -'], [''], ['[r1]: ./r1.md#triage'], ['[r2]: <with space.md> "t"'], ['[^1]: a footnote'], ['\\'], ['>'], ['-'], ['1.'], ['|'], ['```'], ['**'], ['`'], ['[]: x']),
  fc.array(fc.oneof(prose, labelLine, pick(...INLINE_CODE)), { minLength: 1, maxLength: 3 }).map((lines) => lines.map((line) => `> ${line}`)),
  fc.array(prose, { minLength: 1, maxLength: 2 }).map((lines) => lines.map((line) => `> > ${line}`)),
);

export const markdownBlock: fc.Arbitrary<string[]> = fc.oneof(
  { weight: 6, arbitrary: heading },
  { weight: 5, arbitrary: paragraph },
  { weight: 3, arbitrary: listItems },
  { weight: 3, arbitrary: codeBlock },
  { weight: 1, arbitrary: indentedCode },
  { weight: 2, arbitrary: table },
  { weight: 2, arbitrary: htmlBlock },
  { weight: 2, arbitrary: otherBlock },
);

type LineEnding = '\n' | '\r\n' | '\r';
const lineEndings: fc.Arbitrary<LineEnding[]> = fc.oneof(
  { weight: 10, arbitrary: fc.constant<LineEnding[]>(['\n']) },
  { weight: 3, arbitrary: fc.constant<LineEnding[]>(['\r\n']) },
  { weight: 1, arbitrary: fc.constant<LineEnding[]>(['\r']) },
  { weight: 1, arbitrary: fc.array(pick<LineEnding>('\n', '\n', '\r\n', '\r\n', '\r'), { minLength: 2, maxLength: 5 }) },
);

export interface MarkdownDocOptions {
  /** Most blocks in a document. */
  maxBlocks?: number;
  /** fast-check's size for the number of blocks ('small' keeps most documents under ten blocks). */
  size?: fc.SizeForArbitrary;
}

/**
 * A runbook-like Markdown document built from realistic pieces, then roughened: line endings
 * (LF, CRLF, CR or mixed), a BOM, tabs for indentation, tricky characters inserted anywhere.
 */
export function markdownDocument(options: MarkdownDocOptions = {}): fc.Arbitrary<string> {
  const maxBlocks = options.maxBlocks ?? 12;
  return fc.record({
    front: fc.oneof({ weight: 3, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: frontMatter }),
    blocks: fc.array(fc.tuple(markdownBlock, pick(1, 1, 1, 0, 2)), { maxLength: maxBlocks, size: options.size ?? 'small' }),
    endings: lineEndings,
    finalNewline: fc.boolean(),
    bomChance: fc.nat({ max: 31 }),
    tabs: fc.array(position, { maxLength: 3 }),
    sprinkles: fc.array(fc.tuple(position, trickyCharacter), { maxLength: 3 }),
  }).map(({ front, blocks, endings, finalNewline, bomChance, tabs, sprinkles }) => {
    const lines: string[] = front ? [...front] : [];
    for (const [block, blankLines] of blocks) {
      lines.push(...block.flatMap((line) => line.split('\n')));
      for (let i = 0; i < blankLines; i++) lines.push('');
    }
    // Tabs in place of leading spaces, on a few lines.
    for (const at of tabs) {
      if (lines.length === 0) break;
      const i = at % lines.length;
      lines[i] = lines[i].replace(/^ {2,4}/, '\t').replace(/^(#+) /, '$1\t');
    }
    let text = '';
    lines.forEach((line, i) => {
      text += line;
      if (i < lines.length - 1 || finalNewline) text += endings[i % endings.length];
    });
    for (const [at, character] of sprinkles) {
      const i = at % (text.length + 1);
      text = text.slice(0, i) + character + text.slice(i);
    }
    return bomChance === 0 ? `\ufeff${text}` : text;
  });
}

const MARKDOWN_ALPHABET = [
  '#', '#', '*', '_', '`', '`', '~', '-', '+', '>', '<', '[', ']', '(', ')', '!', '|', ':', '\n', '\n', '\n', '\r', ' ', ' ', ' ', '\t', '1', '.',
  '\\', '=', '{', '}', '"', "'", '$', 'a', 'A', 'T', 'r', 'i', 'e', '&', ';', '/', '^', '\u202e', '😀', '\ufeff', '\r\n', '---', '```', '<!--', '-->',
];

/** Strings of every kind: ASCII, any code point, graphemes, lone UTF-16 units, Markdown punctuation soup. */
export function randomText(maxLength: number, soup: readonly string[] = MARKDOWN_ALPHABET, size: fc.SizeForArbitrary = 'medium'): fc.Arbitrary<string> {
  return fc.oneof(
    fc.string({ maxLength, size }),
    fc.string({ unit: 'binary', maxLength, size }),
    fc.string({ unit: 'grapheme', maxLength, size }),
    fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength, size }),
    fc.string({ unit: pick(...soup), maxLength, size }),
  );
}

// ------------------------------------------------------------------------------------ edits and mutations

export interface Edit {
  at: number;
  remove: number;
  insert: string;
}

const EDIT_INSERTS = [
  '\n', '\n\n', '\r\n', '#', '## ', '# HighApiErrorRate\n', '```', '```bash\n', '~~~', '<!--', '-->', '- ', '> ', '---\n', '|', '**Triage**:', '`',
  '    ', '\t', '<pre>', '</pre>', '<?', '?>', '[r1]: x.md\n', '1. ', '===\n', 'a', ' ', '\\',
];

/** One keystroke-like change: delete up to a few characters at a spot, type something. */
export const edit: fc.Arbitrary<Edit> = fc.record({
  at: position,
  remove: fc.oneof(fc.constant(0), fc.nat({ max: 3 }), fc.nat({ max: 40 })),
  insert: fc.oneof({ weight: 3, arbitrary: pick(...EDIT_INSERTS) }, { weight: 1, arbitrary: fc.constant('') }, { weight: 1, arbitrary: randomText(8, undefined, 'small') }),
});

export function applyEdit(text: string, { at, remove, insert }: Edit): string {
  const start = at % (text.length + 1);
  return text.slice(0, start) + insert + text.slice(Math.min(text.length, start + remove));
}

export type Mutation =
  | { kind: 'delete-line' | 'duplicate-line' | 'truncate'; at: number }
  | { kind: 'swap-lines'; at: number; other: number }
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'flip'; at: number; to: string }
  | { kind: 'insert-line'; at: number; text: string };

/** What mutations insert: YAML and template syntax, Markdown syntax, bytes of every kind. */
const MUTATION_INSERTS = [
  '---', '---\n', '{{', '}}', '{{ .Values.x }}', '{{- end }}', '&a ', '*a', '<<: *a', '\t', '\t\t', '- ', ': ', '"', "'", '|', '>', '#', '```',
  '<!--', '**', '\r\n', '\r', '\ufeff', '\u202e', '\u200b', '[', ']', '{', '}', '%', '@', '!!str ', '? ', ',', '...\n', '  ', '\n  ',
];

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: pick('delete-line' as const, 'duplicate-line' as const, 'truncate' as const), at: position }),
  fc.record({ kind: fc.constant('swap-lines' as const), at: position, other: position }),
  fc.record({ kind: fc.constant('insert' as const), at: position, text: fc.oneof({ weight: 3, arbitrary: pick(...MUTATION_INSERTS) }, { weight: 1, arbitrary: randomText(6, undefined, 'small') }) }),
  fc.record({ kind: fc.constant('flip' as const), at: position, to: fc.oneof(pick(' ', '\t', ':', '-', '#', '"', "'", '{', '[', '\n', 'x', '*', '&', '|', '`'), fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })) }),
  fc.record({ kind: fc.constant('insert-line' as const), at: position, text: pick('---', '{{- if .Values.x }}', '{{- end }}', '  - alert: Inserted', 'groups:', '\t- bad', '&a x: 1', '*a', '# HighApiErrorRate', '```', '') }),
);

/** Applies one mutation; positions are taken modulo the text's current size. */
export function applyMutation(text: string, m: Mutation): string {
  const lines = text.split('\n');
  const line = (n: number) => n % lines.length;
  switch (m.kind) {
    case 'delete-line':
      lines.splice(line(m.at), 1);
      return lines.join('\n');
    case 'duplicate-line': {
      const i = line(m.at);
      lines.splice(i, 0, lines[i]);
      return lines.join('\n');
    }
    case 'swap-lines': {
      const [a, b] = [line(m.at), line(m.other)];
      [lines[a], lines[b]] = [lines[b], lines[a]];
      return lines.join('\n');
    }
    case 'insert-line':
      lines.splice(m.at % (lines.length + 1), 0, m.text);
      return lines.join('\n');
    case 'truncate':
      return text.slice(0, m.at % (text.length + 1));
    case 'insert': {
      const i = m.at % (text.length + 1);
      return text.slice(0, i) + m.text + text.slice(i);
    }
    case 'flip': {
      if (text.length === 0) return m.to;
      const i = m.at % text.length;
      return text.slice(0, i) + m.to + text.slice(i + 1);
    }
  }
}

// ------------------------------------------------------------------------------------ rule files

export interface ExpectedRule {
  kind: 'alert' | 'record';
  name: string;
  runbookUrl?: string;
}

interface RuleSpec {
  kind: 'alert' | 'record';
  /** The name as written (source) and as read back. */
  name: { source: string; value: string };
  url?: { source: string; value: string };
  urlKey: 'runbook_url' | 'runbook';
  annotations: 'block' | 'flow' | 'anchor' | 'alias' | 'merge';
  labels: 'none' | 'block' | 'flow' | 'anchor' | 'alias';
  expr: 'plain' | 'quoted' | 'literal' | 'folded' | 'multiline-plain';
  keyQuote: '' | '"' | "'";
  fieldOrder: number;
  forValue?: string;
  extra: string[];
  helmGuard: boolean;
}

interface GroupSpec {
  name: string;
  interval?: string;
  rules: RuleSpec[];
}

export type RuleFileShape = 'groups' | 'crd' | 'helm-crd' | 'list' | 'values-map' | 'namespace';

interface DocSpec {
  shape: RuleFileShape;
  groups: GroupSpec[];
}

interface RuleFileSpec {
  docs: DocSpec[];
  seqIndent: 0 | 2;
  indent: 2 | 4;
  leadingComment: boolean;
  explicitStart: boolean;
  crlf: boolean;
}

const plainName = fc.oneof(
  { weight: 6, arbitrary: alertName },
  { weight: 2, arbitrary: styledAlertName.filter((n) => /^[A-Za-z][\w-]*$/.test(n)) },
  { weight: 1, arbitrary: pick('true', '123', '0x1F', '1e3', '.inf', '2024-01-01', 'yes', 'No', 'on', 'Off', '0o17', '-1', '+12', '1_000', '3.14') },
  { weight: 1, arbitrary: fc.stringMatching(/^[a-z][a-z0-9_]{0,8}(:[a-z0-9_]{1,8}){0,3}$/).filter((n) => !/^null$/i.test(n)) },
);
const quotedName = fc.oneof(
  alertName,
  pick('null', '~', 'true', '123', 'High: Latency', 'a # not a comment', ' padded ', 'it\'s', 'say "hi"', '{{ not a template }}', '[x]', '*a', '&b', '日本語アラート', 'Emoji 🔥 Alert', 'Tab\tIn'),
);

/** A name as written in the file, and the name the parser must read back. */
const nameSpec: fc.Arbitrary<{ source: string; value: string }> = fc.oneof(
  { weight: 6, arbitrary: plainName.map((name) => ({ source: name, value: name })) },
  { weight: 1, arbitrary: quotedName.filter((n) => n.trim() !== '').map((name) => ({ source: JSON.stringify(name), value: name })) },
  { weight: 1, arbitrary: quotedName.filter((n) => n.trim() !== '' && !n.includes('\t')).map((name) => ({ source: `'${name.replace(/'/g, "''")}'`, value: name })) },
  { weight: 1, arbitrary: alertName.map((name) => ({ source: `${name} # trailing comment`, value: name })) },
);

const urlSpec: fc.Arbitrary<{ source: string; value: string }> = fc.oneof(
  pick(
    '../runbooks/api.md#highapierrorrate', 'https://runbooks.prometheus-operator.dev/runbooks/kubernetes/kubepodcrashlooping',
    'https://github.com/example/app/blob/main/docs/runbook.md#target-down', 'docs/x.md', 'https://wiki.example.com/Page#Anchor',
    'http://example.com/a?b=c&d=e#f', 'runbooks/TargetDown.md',
  ).map((url) => ({ source: url, value: url })),
  pick('https://example.com/a b', 'x.md#a: b', 'https://example.com/#x').map((url) => ({ source: JSON.stringify(url), value: url })),
  fc.constant({ source: '  spaced.md  ', value: 'spaced.md' }).map(({ value }) => ({ source: `"  ${value}  "`, value })),
);

const ruleSpec: fc.Arbitrary<RuleSpec> = fc.record({
  kind: fc.oneof({ weight: 4, arbitrary: fc.constant('alert' as const) }, { weight: 1, arbitrary: fc.constant('record' as const) }),
  name: nameSpec,
  url: fc.option(urlSpec, { freq: 3 }).map((u) => u ?? undefined),
  urlKey: fc.oneof({ weight: 4, arbitrary: fc.constant('runbook_url' as const) }, { weight: 1, arbitrary: fc.constant('runbook' as const) }),
  annotations: pick('block', 'block', 'flow', 'anchor', 'alias', 'merge'),
  labels: pick('none', 'block', 'flow', 'anchor', 'alias'),
  expr: pick('plain', 'quoted', 'literal', 'folded', 'multiline-plain'),
  keyQuote: pick('', '', '', '"', "'"),
  fieldOrder: fc.nat({ max: 5 }),
  forValue: fc.option(pick('5m', '1h', '0s', '"10m"', '30'), { nil: undefined }),
  extra: fc.uniqueArray(pick(
    'keep_firing_for: 5m', 'odd1: ~', 'odd2: !!str 123', 'odd3: 0x10', 'odd4: .nan', 'odd5: [a, {b: c}]', 'odd6: {}', 'odd7: ""', '"quoted key": v',
    '? complex key\n: complex value', 'odd8: >-\n  folded\n  text', 'odd9: \'single\'', 'odd10: "esc\\t\\u263A"', 'odd11: 2001-12-14t21:59:43.10-05:00',
  ), { maxLength: 2 }),
  helmGuard: fc.boolean(),
});

const groupSpec: fc.Arbitrary<GroupSpec> = fc.record({
  name: fc.oneof(pick('api', 'kubernetes-apps', 'etcd', 'node.rules', 'g'), fc.stringMatching(/^[a-z][a-z0-9._-]{0,10}$/)),
  interval: fc.option(pick('30s', '1m'), { nil: undefined }),
  rules: fc.array(ruleSpec, { maxLength: 3 }),
});

const docSpec: fc.Arbitrary<DocSpec> = fc.record({
  shape: pick<RuleFileShape>('groups', 'groups', 'crd', 'helm-crd', 'list', 'values-map', 'namespace'),
  groups: fc.array(groupSpec, { minLength: 1, maxLength: 2 }),
});

const ruleFileSpec: fc.Arbitrary<RuleFileSpec> = fc.record({
  docs: fc.array(docSpec, { minLength: 1, maxLength: 2 }),
  seqIndent: pick<0 | 2>(0, 2),
  indent: pick<2 | 4>(2, 2, 4),
  leadingComment: fc.boolean(),
  explicitStart: fc.boolean(),
  crlf: fc.nat({ max: 5 }).map((n) => n === 0),
});

/** A well-formed rule file and the rules it defines, in order. */
export interface GeneratedRuleFile {
  text: string;
  rules: ExpectedRule[];
  shapes: RuleFileShape[];
}

export const wellFormedRuleFile: fc.Arbitrary<GeneratedRuleFile> = ruleFileSpec.map(renderRuleFile);

function renderRuleFile(spec: RuleFileSpec): GeneratedRuleFile {
  const out: string[] = [];
  const rules: ExpectedRule[] = [];
  const ind = ' '.repeat(spec.indent);
  if (spec.leadingComment) out.push('# Generated rules', '');
  spec.docs.forEach((doc, d) => {
    if (d > 0 || spec.explicitStart) out.push('---');
    const helm = doc.shape === 'helm-crd';
    let groupsAt = '';
    switch (doc.shape) {
      case 'groups':
        out.push('groups:');
        break;
      case 'namespace':
        out.push('namespace: tenant-a', 'groups:');
        break;
      case 'crd':
      case 'helm-crd':
        if (helm) out.push('{{- /*', 'Generated; do not edit. groups: here is a comment', '*/ -}}', '{{- if .Values.defaultRules.create }}');
        out.push('apiVersion: monitoring.coreos.com/v1', 'kind: PrometheusRule', 'metadata:');
        if (helm) {
          out.push(`${ind}name: {{ printf "%s-%s" (include "x.fullname" .) "rules" | trunc 63 }}`, `${ind}labels:`, `${ind}${ind}app: {{ template "x.name" . }}`, `{{ include "x.labels" . | indent ${spec.indent * 2} }}`);
        } else {
          out.push(`${ind}name: rules`, `${ind}labels:`, `${ind}${ind}role: alert-rules`);
        }
        out.push('spec:', `${ind}groups:`);
        groupsAt = ind;
        break;
      case 'list':
        out.push('apiVersion: v1', 'kind: List', 'items:', `${ind}- apiVersion: monitoring.coreos.com/v1`, `${ind}  kind: PrometheusRule`, `${ind}  spec:`, `${ind}    groups:`);
        groupsAt = `${ind}    `;
        break;
      case 'values-map':
        out.push('additionalPrometheusRulesMap:', `${ind}rule-name:`, `${ind}${ind}groups:`);
        groupsAt = ind + ind;
        break;
    }
    renderGroups(doc.groups, groupsAt, spec, helm, out, rules, `d${d}`);
    if (helm) out.push('{{- end }}');
  });
  const shapes = spec.docs.map((d) => d.shape);
  const text = `${out.join('\n')}\n`;
  return { text: spec.crlf ? text.replace(/\n/g, '\r\n') : text, rules, shapes };
}

function renderGroups(groups: GroupSpec[], at: string, spec: RuleFileSpec, helm: boolean, out: string[], expected: ExpectedRule[], docId: string): void {
  const ind = ' '.repeat(spec.indent);
  const item = at + ' '.repeat(spec.seqIndent); // where `- name:` goes
  const inItem = `${item}  `;
  // Anchors are per document: the first rule that defines one names it, later rules may use it.
  let annotationsAnchor: { name: string; url?: string; key: RuleSpec['urlKey'] } | undefined;
  let labelsAnchor: string | undefined;
  let anchorCount = 0;
  for (const group of groups) {
    out.push(`${item}- name: ${group.name}`);
    if (group.interval) out.push(`${inItem}interval: ${group.interval}`);
    if (group.rules.length === 0) {
      out.push(`${inItem}rules: []`);
      continue;
    }
    out.push(`${inItem}rules:`);
    const ruleItem = inItem + ' '.repeat(spec.seqIndent);
    const field = `${ruleItem}  `;
    for (const rule of group.rules) {
      const q = rule.keyQuote;
      const key = (k: string) => `${q}${k}${q}`;
      if (helm && rule.helmGuard) out.push(`{{- if not (.Values.defaultRules.disabled.${rule.name.value.replace(/\W/g, '') || 'x'} | default false) }}`);
      const fields: string[][] = [];
      // expr
      const exprLines: Record<RuleSpec['expr'], string[]> = {
        plain: [`${key('expr')}: rate(errors_total[5m]) > 0.05`],
        quoted: [`${key('expr')}: "up{job=\\"api\\"} == 0"`],
        literal: [`${key('expr')}: |-`, `${ind}sum by (job) (`, `${ind}  rate(x[5m])`, `${ind})`],
        folded: [`${key('expr')}: >`, `${ind}absent(up)`, `${ind}or vector(1)`],
        'multiline-plain': [`${key('expr')}: up`, `${ind}== 0`],
      };
      fields.push(exprLines[rule.expr]);
      if (rule.forValue) fields.push([`${key('for')}: ${rule.forValue}`]);
      // labels
      switch (rule.labels) {
        case 'block': fields.push([`${key('labels')}:`, `${ind}severity: critical`, `${ind}team: "sre"`]); break;
        case 'flow': fields.push([`${key('labels')}: {severity: warning, priority: 1}`]); break;
        case 'anchor': {
          labelsAnchor = `lab${docId}_${anchorCount++}`;
          fields.push([`${key('labels')}: &${labelsAnchor}`, `${ind}severity: page`]);
          break;
        }
        case 'alias':
          if (labelsAnchor) fields.push([`${key('labels')}: *${labelsAnchor}`]);
          break;
      }
      // annotations
      let url: string | undefined;
      const urlLine = rule.url ? [`${ind}${rule.urlKey}: ${rule.url.source}`] : [];
      const summary = helm
        ? [`${ind}description: 'Pod {{\`{{\`}} $labels.pod {{\`}}\`}} is down.'`, `${ind}{{- if not (hasKey $a "summary") }}`, `${ind}summary: Target down.`, `${ind}{{- end }}`]
        : [`${ind}summary: "{{ $labels.instance }} is down"`, `${ind}description: Pod {{ $labels.pod }} restarted {{ printf "%.0f" $value }} times.`];
      const helmUrl = helm && rule.url && rule.url.source === rule.url.value && !rule.url.value.includes('#') && !rule.url.value.includes(':')
        ? { source: `{{ .Values.defaultRules.runbookUrl }}/${rule.url.value}`, value: `{{ .Values.defaultRules.runbookUrl }}/${rule.url.value}` }
        : undefined;
      const writtenUrl = helmUrl ?? rule.url;
      const ownUrlLines = writtenUrl ? [`${ind}${rule.urlKey}: ${writtenUrl.source}`] : urlLine;
      switch (rule.annotations) {
        case 'block':
          fields.push([`${key('annotations')}:`, ...summary, ...ownUrlLines]);
          url = writtenUrl?.value;
          break;
        case 'flow': {
          const parts = ['summary: "x"', ...(rule.url ? [`${rule.urlKey}: ${JSON.stringify(rule.url.value)}`] : [])];
          fields.push([`${key('annotations')}: {${parts.join(', ')}}`]);
          url = rule.url?.value;
          break;
        }
        case 'anchor': {
          const name = `ann${docId}_${anchorCount++}`;
          fields.push([`${key('annotations')}: &${name}`, ...summary, ...ownUrlLines]);
          url = writtenUrl?.value;
          annotationsAnchor = { name, url, key: rule.urlKey };
          break;
        }
        case 'alias':
          if (annotationsAnchor) {
            fields.push([`${key('annotations')}: *${annotationsAnchor.name}`]);
            url = annotationsAnchor.url;
          } else {
            fields.push([`${key('annotations')}:`, ...ownUrlLines]);
            url = writtenUrl?.value;
          }
          break;
        case 'merge':
          if (annotationsAnchor) {
            fields.push([`${key('annotations')}:`, `${ind}<<: *${annotationsAnchor.name}`, ...ownUrlLines]);
            // An explicit key wins over the merged one; runbook_url wins over runbook.
            url = mergedUrl(annotationsAnchor, writtenUrl?.value, rule.urlKey);
          } else {
            fields.push([`${key('annotations')}:`, ...ownUrlLines]);
            url = writtenUrl?.value;
          }
          break;
      }
      for (const extra of rule.extra) fields.push(extra.split('\n'));
      // The name first or somewhere later: rules are mappings, key order is free.
      const nameLine = [`${key(rule.kind)}: ${rule.name.source}`];
      fields.splice(Math.min(rule.fieldOrder, fields.length), 0, nameLine);
      fields.forEach((lines, i) => {
        lines.forEach((line, k) => {
          if (line.startsWith('{{')) out.push(line);
          else if (k === 0) out.push(`${i === 0 ? `${ruleItem}- ` : field}${line}`);
          else out.push(`${field}${line}`);
        });
      });
      if (helm && rule.helmGuard) out.push('{{- end }}');
      expected.push({ kind: rule.kind, name: rule.name.value, ...(url !== undefined ? { runbookUrl: url.trim() } : {}) });
    }
  }
}

/** Own keys win over merged ones; of the two keys, runbook_url is read first. */
function mergedUrl(anchor: { url?: string; key: RuleSpec['urlKey'] }, own: string | undefined, ownKey: RuleSpec['urlKey']): string | undefined {
  if (own === undefined) return anchor.url;
  if (anchor.url === undefined || ownKey === anchor.key || ownKey === 'runbook_url') return own;
  return anchor.url;
}

const YAML_SOUP = [
  'groups:', '- name: g', 'rules:', '- alert: A', '- record: r', 'expr: up == 0', 'annotations:', 'runbook_url: x.md#a', 'labels:',
  'kind: PrometheusRule', 'spec:', '---', '...', '{{', '}}', '{{- if x }}', '{{- end }}', '&a', '*a', '<<: *a', '|', '>-', '"', "'", '\t',
  '  ', '    ', '\n', '\n', '\n', '\r\n', ': ', '- ', '#', '[', ']', '{', '}', ',', '?', '!!map', '%YAML 1.2', '@', '`', 'a', 'Z', '0',
];

/** Text that is nearly a rule file: lines of rule-file pieces at random indents. */
export const yamlSoup: fc.Arbitrary<string> = fc.array(
  fc.tuple(pick('', '  ', '    ', '      ', '\t', ' '), fc.array(pick(...YAML_SOUP), { minLength: 1, maxLength: 4 })).map(([indent, parts]) => indent + parts.join(' ')),
  { maxLength: 20 },
).map((lines) => lines.join('\n'));

export const YAML_ALPHABET = YAML_SOUP;

// ------------------------------------------------------------------------------------ known bugs

/**
 * Guards around bugs the properties found (see the report; numbers as there). Each lets one input
 * shape through one check only: the input still runs, must not throw, and everything else about it
 * is still checked. Remove a guard once its bug is fixed.
 */
export const KNOWN_BUGS = {
  /** 1. LineIndex.positionAt: an offset between the CR and the LF of a line break becomes the character after the line's end. */
  positionBetweenCrAndLf: (pos: Pos, line: string, lineBreak: string) => lineBreak === '\r\n' && pos.character === line.length + 1,
  /** 2. A fence opened on a list-item or quote marker line (`1. ```bash`): the command's text and placeholders are placed one line early. */
  fenceAfterMarker: (doc: RunbookDoc, command: Command) => command.kind === 'block'
    && /^[ \t]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+|>[ \t]?)+(?:`{3,}|~{3,})/.test(doc.lines.lineText(command.range.start.line)),
  /** 3. An inline command wrapped over two lines: its placeholders are placed as if all on its first line (past the line's end). */
  inlineCommandOverLines: (command: Command) => command.kind === 'inline' && /[\r\n]/.test(command.text),
  /** 4. A tab in a code block whose fence is indented or in a list/quote: micromark expands it to spaces, so columns drift. */
  tabInIndentedFence: (doc: RunbookDoc, command: Command) => command.kind === 'block'
    && !/^(?:`{3,}|~{3,})/.test(doc.lines.lineText(command.range.start.line))
    && linesOf(doc, command).some((line) => line.includes('\t')),
  /** 5. A lone CR inside a code block: the command's lines are split on \r?\n, the document's on a lone CR too. */
  crInsideBlockCommand: (command: Command) => command.kind === 'block' && /\r(?!\n)/.test(command.text),
  /** 6. An indented code block whose first line looks like a fence (`    ~~~`): its lines are shifted by one. */
  indentedCodeOpensWithFence: (command: Command) => command.kind === 'block' && /^(?:`{3,}|~{3,})/.test(command.text),
  /** 7. A text starting with U+FEFF: micromark drops the BOM, so every offset in the model is one short. */
  bomShiftsOffsets: (text: string) => text.charCodeAt(0) === 0xfeff,
  /**
   * 8. The chunker cuts inside a fenced code block, an HTML block or the front matter (the whole parse's nodes tell),
   * because it lost track of it: it cut at the block's opening line and skipped it (8a), it does not follow `<?`, `<!X`,
   * `<![CDATA[`, `<div>` before a heading line, or ends `<!-->`/`<!--->` late (8b), splits lines on \n only (a lone CR, 8c, below),
   * reads front matter differently (`---` right after `---`, `--- ` with a blank, `...` closing, 8d), takes ```` ```a`b ````
   * for a fence (8e), or a list item's fence lines for fences at the margin (8f).
   */
  cutInsideBlock: (text: string, root: Root) => {
    const blocks: [number, number][] = [];
    const stack: Nodes[] = [root];
    while (stack.length > 0) {
      const node = stack.pop()!;
      if ((node.type === 'code' || node.type === 'html' || node.type === 'yaml') && node.position) {
        blocks.push([node.position.start.offset ?? 0, node.position.end.offset ?? 0]);
      }
      if ('children' in node) stack.push(...(node.children as Nodes[]));
    }
    return chunkBounds(text).slice(1).some(([cut]) => blocks.some(([start, end]) => start < cut && cut < end));
  },
  /** 8c. A lone CR line ending: the chunker splits lines on \n only, so after one it misreads blank lines, indentation, fences and HTML blocks. */
  loneCarriageReturn: (text: string) => /\r(?!\n)/.test(text),
  /** 9. The chunker cuts before a `---` line (a horizontal rule after a blank line): remark-frontmatter then reads the piece's start as front matter, or (see 12) loses its lists. */
  cutAtDashes: (text: string) => chunkBounds(text).slice(1).some(([start]) => text.startsWith('---', start)),
  /** 10. A fence left open in a list item or quote right before a cut: in the piece it runs to the piece's end (blank lines included); whole, it ends with its item. */
  containerFenceOpenAtCut: (text: string) => chunkBounds(text).slice(0, -1).some(([start, end]) => {
    let open: string | undefined;
    for (const line of text.slice(start, end).split('\n')) {
      const fence = /^(?:[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+|[ \t]*>[ \t]?|[ \t]+)+(`{3,}|~{3,})/.exec(line) ?? /^(`{3,}|~{3,})/.exec(line);
      if (!fence) continue;
      if (!open) open = fence[1];
      else if (fence[1][0] === open[0] && fence[1].length >= open.length) open = undefined;
    }
    return open !== undefined;
  }),
  /** 11. A line of Unicode spaces only (NBSP, U+3000): the chunker's trim() takes it for a blank line and cuts after it; CommonMark does not (a lazy continuation line). */
  unicodeSpaceLineBeforeCut: (text: string) => chunkBounds(text).slice(1).some(([cut]) => {
    const previous = text.slice(text.lastIndexOf('\n', cut - 2) + 1, cut).replace(/\r?\n$/, '');
    return previous !== '' && previous.trim() === '' && !/^[ \t]*$/.test(previous);
  }),
  /**
   * 15. Link reference definitions (`[r1]: ./x.md`, footnotes `[^1]: ...`) do not reach other pieces: `[text][r1]`,
   * `[r1]` or `[^1]` in another piece stays literal text there (a heading `## [Alert][r1]` loses its name and anchor,
   * an index-table cell its alert).
   */
  referenceAcrossPieces: (text: string) => {
    const pieces = chunkBounds(text).map(([start, end]) => text.slice(start, end));
    if (pieces.length < 2) return false;
    return pieces.some((piece, i) => [...piece.matchAll(/^ {0,3}\[((?:[^\]\\\n]|\\.)+)\]:/gm)].some(([, label]) => {
      const use = `[${label.trim().toLowerCase()}]`;
      return pieces.some((other, k) => k !== i && other.toLowerCase().replace(/\s+/g, ' ').includes(use));
    }));
  },
  /** 7b. A U+FEFF at the start of a piece the chunker cuts: dropped there too (`\uFEFF# x` becomes a heading, offsets shift). */
  bomStartsPiece: (text: string) => chunkBounds(text).some(([start]) => text.charCodeAt(start) === 0xfeff),
  /** 12 (upstream micromark-extension-frontmatter): a text opening with `---` that is not front matter loses all its lists and quotes. */
  dashesOpenWithoutFrontMatter: (text: string, whole: RunbookDoc) => /^---/.test(text) && !whole.frontMatter,
  /**
   * 13. A value with `<(` or `>(` before a `!`, in "..." inside "$(...)": the `!` is written `"'!'"`, but bash's history
   * expansion (interactive terminals) takes the `(` for a process substitution, loses track of the quotes and fails with
   * `!': event not found`: the command does not run.
   */
  processSubstitutionBeforeBang: (value: string) => /[<>]\([^]*!/.test(value),
  /**
   * 14. A value with a `"`, in "..." inside backquotes inside "..." (```` "`cmd "<v>"`" ````): it is written `""'…'""`, but
   * bash pairs the `"` inside the single quotes with the outer ones: `"{a,b}` is brace-expanded into two words (`"a`
   * `"b`), `${"<(` is a syntax error. dash reads it right.
   */
  doubleQuoteInBackquotesInQuotes: (value: string) => value.includes('"'),
};

function linesOf(doc: RunbookDoc, command: Command): string[] {
  const { start, end } = command.range;
  return Array.from({ length: end.line - start.line + 1 }, (_, i) => doc.lines.lineText(start.line + i));
}

/** Commands whose placeholder and text positions a guarded bug misplaces. */
function misplacedCommand(doc: RunbookDoc, command: Command): boolean {
  return KNOWN_BUGS.fenceAfterMarker(doc, command) || KNOWN_BUGS.inlineCommandOverLines(command) || KNOWN_BUGS.tabInIndentedFence(doc, command)
    || KNOWN_BUGS.crInsideBlockCommand(command) || KNOWN_BUGS.indentedCodeOpensWithFence(command);
}

/** The model with what guarded bugs misplace left out; undefined when nothing in it can be checked (bug 7). */
export function rangeCheckedModel(doc: RunbookDoc): RunbookDoc | undefined {
  if (KNOWN_BUGS.bomShiftsOffsets(doc.lines.text)) return undefined;
  return { ...doc, commands: doc.commands.map((c) => (misplacedCommand(doc, c) ? { ...c, placeholders: [], textRange: c.range } : c)) };
}

/** The diagnostics with those guarded bugs misplace left out (unsafe-command positions come from the command's lines). */
export function rangeCheckedDiagnostics<D extends { code?: unknown }>(doc: RunbookDoc, diagnostics: D[]): D[] {
  if (KNOWN_BUGS.bomShiftsOffsets(doc.lines.text)) return [];
  const blockMisplaced = doc.commands.some((c) => c.kind === 'block' && misplacedCommand(doc, c));
  return diagnostics.filter((d) => !(d.code === 'unsafe-command' && blockMisplaced));
}

/** Parsing in pieces may differ from parsing whole (`whole`, parsed from the tree `root`) for this text because of a guarded bug. */
export function piecesMayDiffer(text: string, whole: RunbookDoc, root: Root): boolean {
  return KNOWN_BUGS.bomShiftsOffsets(text) || KNOWN_BUGS.bomStartsPiece(text) || KNOWN_BUGS.cutInsideBlock(text, root) || KNOWN_BUGS.loneCarriageReturn(text)
    || KNOWN_BUGS.cutAtDashes(text)
    || KNOWN_BUGS.containerFenceOpenAtCut(text) || KNOWN_BUGS.unicodeSpaceLineBeforeCut(text) || KNOWN_BUGS.referenceAcrossPieces(text)
    || KNOWN_BUGS.dashesOpenWithoutFrontMatter(text, whole);
}

/** What a parse in pieces and a parse whole must agree on: the model without its line index, anchors by name. */
export function comparableModel(doc: RunbookDoc) {
  const { lines: _lines, anchors, ...rest } = doc;
  return { ...rest, anchors: [...anchors.keys()] };
}
