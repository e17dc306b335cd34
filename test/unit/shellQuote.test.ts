// The quoting is proven by a real shell: every value, quoted for its spot, must come back unchanged
// from `printf %s`. /bin/sh (dash here) for POSIX; bash with history expansion on, as a terminal has it.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolveConfig } from '../../src/core/config';
import { WorkspaceIndex } from '../../src/core/index/workspaceIndex';
import {
  UnrunnableCommandError, escapeForDoubleQuotes, escapeForSingleQuotes, finalCommand, runnableCommands, shellQuote, type RunnableCommand,
} from '../../src/core/run';

const BASH = ['/bin/bash', '/usr/bin/bash'].find((path) => existsSync(path));
/** Turns on history expansion, so an unprotected `!` would show. */
const BASH_AS_TERMINAL = 'set -o history -H\n';

/** Runs one script and returns the values it printed, each followed by a NUL. */
function printed(script: string, shell = '/bin/sh'): string[] {
  const output = execFileSync(shell, ['-c', script], { encoding: 'utf8' });
  return output.split('\0').slice(0, -1);
}

/** One `printf` per value: the quoted values must print exactly the originals. */
function roundTrip(values: string[], quote: (value: string) => string, shell?: string, prelude = ''): void {
  const script = prelude + values.map((value) => `printf '%s\\0' ${quote(value)}`).join('\n');
  const out = printed(script, shell);
  values.forEach((value, i) => assert.equal(out[i], value, `value #${i} ${JSON.stringify(value)} quoted as ${quote(value)}`));
  assert.equal(out.length, values.length);
}

const FRAGMENTS = [
  "'", '"', '\\', '$', '`', '!', ';', '&', '&&', '|', '||', '<', '>', '(', ')', '{', '}', '[', ']', '*', '?', '~', '#', '%', '^', '=', ',',
  ' ', '  ', '-', '--', '-rf', '$(id)', '`id`', "'\\''", '${HOME}', '$HOME', '$1', '$@', '!!', '!$', '!-1', '\\n', '\\\\', 'EOF', 'a', 'pod-0',
  'é', '日本', '😀', 'Ω', '\u00A0', '%s', '%%', '\\0', '*.md',
];
const CONTROL = ['\n', '\t', '\r', '\x01', '\x1b', '\x7f'];

/** A few hundred awkward strings, the same every run (a seeded generator). */
function nastyStrings(count: number, withControl: boolean): string[] {
  let state = 0x2f6b1d3a;
  const random = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pieces = withControl ? [...FRAGMENTS, ...CONTROL] : FRAGMENTS;
  const values: string[] = [];
  for (let n = 0; n < count; n++) {
    const length = Math.floor(random() * 9);
    let value = '';
    for (let k = 0; k < length; k++) value += pieces[Math.floor(random() * pieces.length)];
    values.push(value);
  }
  return values;
}

const SAMPLES = [
  '', "it's", "'", "''", 'two words', 'a  b', '$(rm -rf /tmp/nope)', '`id`', 'a;b', 'a && b', 'a || b', 'line1\nline2', '\n',
  'tab\there', 'café 日本 😀', '$HOME', '${HOME}', '"quoted"', 'back\\slash', '\\', 'trailing\\', '-n', '*', '~', '#not-a-comment', 'a!b', '!!',
];

describe('shellQuote', function () {
  this.timeout(30_000); // each test starts a few shells
  it('leaves plain safe words alone and single-quotes the rest', () => {
    assert.equal(shellQuote('my-pod_1.2'), 'my-pod_1.2');
    assert.equal(shellQuote('10.0.0.1:8080/path'), '10.0.0.1:8080/path');
    assert.equal(shellQuote(''), "''");
    assert.equal(shellQuote("it's"), `'it'\\''s'`);
    assert.equal(shellQuote('two words'), "'two words'");
    assert.equal(shellQuote('$(id)'), "'$(id)'");
    assert.equal(shellQuote('`id`'), "'`id`'");
    assert.equal(shellQuote('a;b'), "'a;b'");
    assert.equal(shellQuote('a && b'), "'a && b'");
    assert.equal(shellQuote('a\nb'), "'a\nb'");
    assert.equal(shellQuote('café'), "'café'");
    assert.equal(shellQuote('A=b'), "'A=b'");
  });

  it('escapes for double and single quotes', () => {
    assert.equal(escapeForDoubleQuotes('a\\b"c$d`e'), 'a\\\\b\\"c\\$d\\`e');
    assert.equal(escapeForDoubleQuotes('hi!'), `hi"'!'"`);
    assert.equal(escapeForSingleQuotes("it's"), `it'\\''s`);
  });

  it('round-trips the samples through /bin/sh in each context', () => {
    roundTrip(SAMPLES, shellQuote);
    roundTrip(SAMPLES, (v) => `"${escapeForDoubleQuotes(v)}"`);
    roundTrip(SAMPLES, (v) => `'${escapeForSingleQuotes(v)}'`);
  });

  it('round-trips 400 generated nasty strings through /bin/sh, unquoted, in "..." and in \'...\'', () => {
    const values = nastyStrings(400, true);
    roundTrip(values, shellQuote);
    roundTrip(values, (v) => `"${escapeForDoubleQuotes(v)}"`);
    roundTrip(values, (v) => `'${escapeForSingleQuotes(v)}'`);
  });

  (BASH ? it : it.skip)('round-trips them through bash with history expansion on (no ! is expanded)', () => {
    const values = nastyStrings(400, false);
    roundTrip(values, shellQuote, BASH, BASH_AS_TERMINAL);
    roundTrip(values, (v) => `"${escapeForDoubleQuotes(v)}"`, BASH, BASH_AS_TERMINAL);
    roundTrip(values, (v) => `'${escapeForSingleQuotes(v)}'`, BASH, BASH_AS_TERMINAL);
  });
});

describe('final commands run by a shell print the values unchanged', function () {
  this.timeout(30_000);
  function command(markdown: string): RunnableCommand {
    // printf counts as a tool here, so that an inline `printf ...` is a command.
    const index = new WorkspaceIndex(resolveConfig({ commands: { tools: ['printf'] } }));
    index.setFile('r.md', markdown);
    const [found] = runnableCommands(index, 'r.md');
    return found;
  }
  const block = (...lines: string[]) => ['```bash', ...lines, '```'].join('\n');
  const values = nastyStrings(300, false);

  const cases: [string, RunnableCommand, (v: string) => Record<string, string>, string[]?][] = [
    ['`printf %s <pod>` (unquoted)', command('`printf %s <pod>`'), (v) => ({ pod: v })],
    ['printf %s "<pod>" (double-quoted)', command(block('printf %s "<pod>"')), (v) => ({ pod: v })],
    ["printf %s '<pod>' (single-quoted)", command(block("printf %s '<pod>'")), (v) => ({ pod: v })],
    ['printf %s "$NS" (block assignment)', command(block('printf %s "$NS"')), (v) => ({ NS: v })],
    ['`printf %s "${NS}"` (inline assignment)', command('`printf %s "${NS}"`'), (v) => ({ NS: v })],
    ['printf %s "$(printf %s <pod>)" (command substitution in quotes)', command(block('printf %s "$(printf %s <pod>)"')), (v) => ({ pod: v })],
    // A ! inside backquotes is refused (see below).
    ['printf %s "`printf %s "<pod>"`" (backquotes in quotes)', command(block('printf %s "`printf %s "<pod>"`"')), (v) => ({ pod: v }),
      values.filter((v) => !v.includes('!'))],
    ['printf %s <pod> after $((1<<2)) (a shift, not a here-document)', command(block(': $((1<<2))', 'printf %s <pod>')), (v) => ({ pod: v })],
    // Without ! values: bash's own history expansion takes the pattern's ) for the end of $(...).
    ['"$(case x in x) printf %s <pod>;; esac)" (a case pattern\'s ")")', command(block('printf %s "$(case x in x) printf %s <pod>;; esac)"')),
      (v) => ({ pod: v }), values.filter((v) => !v.includes('!'))],
    ['cat <<EOF with <pod> (here-document)', command(block('cat <<EOF', '<pod>', 'EOF')), (v) => ({ pod: v })],
  ];

  for (const [name, runnable, valuesFor, tried = values] of cases) {
    it(`${name}: ${tried.length} nasty values through /bin/sh${BASH ? ' and bash' : ''}`, () => {
      assert.equal(runnable.placeholders.length, 1, name);
      const scripts = tried.map((value) => finalCommand(runnable, valuesFor(value)));
      const expected = tried.map((value) => (name.startsWith('cat <<EOF') ? `${value}\n` : value));
      // All in one run, each output followed by a NUL: a broken quote would garble what follows.
      const batch = scripts.map((script) => `${script}\nprintf '\\0'`).join('\n');
      for (const [shell, prelude] of [['/bin/sh', ''], ...(BASH ? [[BASH, BASH_AS_TERMINAL]] : [])]) {
        const out = printed(prelude + batch, shell);
        const wrong = expected.findIndex((value, i) => out[i] !== value);
        assert.equal(wrong, -1, wrong < 0 ? '' : `${shell}: ${JSON.stringify(tried[wrong])} → ${scripts[wrong]} printed ${JSON.stringify(out[wrong])}`);
        assert.equal(out.length, tried.length);
      }
    });
  }

  it(`SQL reaches its client unchanged through the here-document: ${values.length} nasty values`, () => {
    const runnable = command(['```sql', "SELECT '<v>' AS v, <v> AS raw; -- RUNBOOK_SQL", '```'].join('\n'));
    const scripts = values.map((value) => finalCommand(runnable, { v: value }, { sqlClient: 'cat' }));
    const out = printed(scripts.map((script) => `${script}\nprintf '\\0'`).join('\n'));
    assert.deepEqual(out, values.map((value) => `SELECT '${value.split("'").join("''")}' AS v, ${value} AS raw; -- RUNBOOK_SQL\n`));
  });

  it('refuses a ! inside backquotes, where bash\'s history expansion misreads the quoting', () => {
    assert.throws(() => finalCommand(command(block('echo `printf %s <pod>`')), { pod: 'a!b' }), UnrunnableCommandError);
  });

  (BASH ? it : it.skip)("bash's $'...' strings", () => {
    const runnable = command(block("printf %s $'<<pod>>'"));
    const out = printed(BASH_AS_TERMINAL + values.map((value) => `${finalCommand(runnable, { pod: value })}\nprintf '\\0'`).join('\n'), BASH);
    assert.deepEqual(out, values.map((value) => `<${value}>`));
  });
});
