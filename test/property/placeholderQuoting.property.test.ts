// Property: a placeholder's value never escapes its quoting. For random values, finalCommand fills
// commands that put the value in every kind of spot (bare word, "...", '...', $VAR, ${VAR}, $(...),
// backquotes, here-documents, a console prompt, bash's $'...'); the filled command, run by a real
// shell, prints exactly the value. Values a terminal would act on (control characters) or that
// hide text (bidi and invisible characters) must be refused with UnrunnableCommandError instead.
//
// The commands are typed into two long-lived shells, as into a terminal: /bin/sh, and bash with
// history expansion on (an unprotected `!` shows). Starting a shell per case from this process
// would cost more than the commands; each case's commands end with a marker the shell prints, and
// a case whose marker does not come (a quote left open swallows it) fails and restarts the shell.
import assert from 'node:assert/strict';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import fc from 'fast-check';
import { resolveConfig } from '../../src/core/config';
import { WorkspaceIndex } from '../../src/core/index/workspaceIndex';
import { finalCommand, findUnsafeCharacters, runnableCommands, UnrunnableCommandError, type RunnableCommand } from '../../src/core/run';
import { KNOWN_BUGS, propertyParams } from '../helpers/arbitraries';

const BASH = ['/bin/bash', '/usr/bin/bash'].find((file) => existsSync(file));

interface Shape {
  name: string;
  markdown: string;
  /** The placeholder's name in the command. */
  placeholder: string;
  /** What the command prints for a value (default: the value). */
  prints?: (value: string) => string;
  /** Values the command must refuse (beyond control and hidden characters). */
  refuses?: (value: string) => boolean;
  bashOnly?: boolean;
  /** Values dash (/bin/sh here) itself garbles in this spot: checked with bash only. */
  dashBug?: (value: string) => boolean;
  /** Known bug (see KNOWN_BUGS in the helpers): values whose final command bash cannot run here; checked with /bin/sh only. */
  bashBug?: (value: string) => boolean;
}

/**
 * dash 0.5.12 drops the byte that follows a here-document line's start matching the start of the
 * delimiter (`E`, `EO`, `EOF`) when that byte is not ASCII: `Eé` comes out as `E` and half an é.
 * bash reads such lines right; no quoting can help (the line is the value itself).
 */
const dashHeredocBug = (value: string) => /^(?:E|EO|EOF)[^\u0000-\u007f]/u.test(value);

const block = (...lines: string[]) => ['```bash', ...lines, '```'].join('\n');
const SHAPES: Shape[] = [
  { name: 'inline, bare word', markdown: '`printf %s <v>`', placeholder: 'v' },
  { name: 'bare word', markdown: block('printf %s <v>'), placeholder: 'v' },
  { name: 'in "..."', markdown: block('printf %s "<v>"'), placeholder: 'v' },
  { name: "in '...'", markdown: block("printf '%s' '<v>'"), placeholder: 'v' },
  { name: 'glued to other text', markdown: block('printf %s x<v>"y"'), placeholder: 'v', prints: (v) => `x${v}y` },
  { name: '"$V"', markdown: block('printf %s "$V"'), placeholder: 'V' },
  { name: 'inline "${V}"', markdown: '`printf %s "${V}"`', placeholder: 'V' },
  { name: '"$(printf %s <v>)"', markdown: block('printf %s "$(printf %s <v>)"'), placeholder: 'v' },
  { name: '"$(printf %s "<v>")"', markdown: block('printf %s "$(printf %s "<v>")"'), placeholder: 'v', bashBug: KNOWN_BUGS.processSubstitutionBeforeBang },
  // In backquotes a ! is refused (bash's history expansion misreads the extra backslashes there).
  { name: '"`printf %s "<v>"`"', markdown: block('printf %s "`printf %s "<v>"`"'), placeholder: 'v', refuses: (v) => v.includes('!'), bashBug: KNOWN_BUGS.doubleQuoteInBackquotesInQuotes },
  { name: 'X=`printf %s <v>`', markdown: block('X=`printf %s <v>`', 'printf %s "$X"'), placeholder: 'v', refuses: (v) => v.includes('!') },
  // Here-documents (read by a builtin: no process per command); a value that is the delimiter line is refused.
  { name: '<<EOF', markdown: block('IFS= read -r X <<EOF', '<v>', 'EOF', 'printf %s "$X"'), placeholder: 'v', refuses: (v) => v === 'EOF', dashBug: dashHeredocBug },
  { name: "<<'EOF'", markdown: block("IFS= read -r X <<'EOF'", '<v>', 'EOF', 'printf %s "$X"'), placeholder: 'v', refuses: (v) => v === 'EOF', dashBug: dashHeredocBug },
  { name: 'console prompt', markdown: ['```console', '$ printf %s <v>', 'output line <v>', '```'].join('\n'), placeholder: 'v' },
  { name: "bash $'...'", markdown: block("printf %s $'<v>'"), placeholder: 'v', bashOnly: true },
];

/** The shape's command as the editor gets it; printf counts as a tool so that an inline `printf` is a command. */
function runnable(shape: Shape): RunnableCommand {
  const index = new WorkspaceIndex(resolveConfig({ commands: { tools: ['printf'] } }));
  index.setFile('r.md', shape.markdown);
  const [command, ...more] = runnableCommands(index, 'r.md');
  assert.ok(command && more.length === 0, `${shape.name}: expected one command`);
  assert.deepEqual(command.placeholders.map((p) => p.name), [shape.placeholder], `${shape.name}: placeholders`);
  return command;
}

const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
/** Bidi controls and zero-width characters, listed here independently of src/. */
const HIDDEN = /[\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/;
const mustRefuse = (value: string) => CONTROL.test(value) || HIDDEN.test(value) || findUnsafeCharacters(value).length > 0;

const FRAGMENTS = [
  "'", '"', '\\', '$', '`', '!', ';', '&', '|', '<', '>', '(', ')', '{', '}', '[', ']', '*', '?', '~', '#', '%', '^', '=', ',', ' ', '-', '--',
  '$(id)', '`id`', "'\\''", '${HOME}', '$HOME', '$1', '$@', '!!', '!$', '!-1', '\\n', 'EOF', 'E', 'a', 'é', '日本', '😀', '\u00a0', '%s', '\\0',
  '\n', '\t', '\r', '\u0001', '\u001b', '\u007f', '\u0085', '\u202e', '\u200b', '\ufeff', "$'", '"\'"', '\\\\', 'x=1', '-n', '\u2028',
  '>(', '<(', '${', '$((', '))', '^', '!?', ':s/a/b/', '#!', '{a,b}', '&&', '\\!',
];
/** A value: printable or not; lone UTF-16 halves are left out (no terminal can send them). */
const value = fc.oneof(
  fc.string({ maxLength: 24 }),
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.string({ unit: 'grapheme', maxLength: 8 }),
  fc.string({ unit: fc.constantFrom(...FRAGMENTS), maxLength: 8 }),
  fc.constantFrom('EOF', '', '!', '-', '-e', '--', '\\', "'", '"'),
).filter((v) => !/[\ud800-\udfff]/u.test(v));

/** Ends a case's output; no value that reaches a shell holds a control character. */
const DONE = '\u0001done\u0001';
const CASE_TIMEOUT_MS = 10_000;

/** A shell read from a pipe as from a keyboard: lines go in, what it prints (errors included) comes out. */
class Terminal {
  private child?: ChildProcessWithoutNullStreams;
  private output: Buffer[] = [];
  private waiting?: { resolve: (text: string) => void; reject: (error: Error) => void };

  constructor(private readonly file: string, private readonly args: string[], private readonly prelude: string) {}

  /** The values a script printed, each ended by a NUL. */
  async run(script: string): Promise<string[]> {
    const child = this.child ?? this.start();
    this.output = [];
    const text = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.stop();
        reject(new Error(`${this.file}: no end marker after ${CASE_TIMEOUT_MS} ms (a quote or here-document left open?); it printed ${JSON.stringify(this.printed())}`));
      }, CASE_TIMEOUT_MS);
      this.waiting = {
        resolve: (t) => { clearTimeout(timer); resolve(t); },
        reject: (e) => { clearTimeout(timer); reject(e); },
      };
      child.stdin.write(`${script}\nprintf '\\001done\\001'\n`);
    });
    return text.split('\0').slice(0, -1);
  }

  stop(): void {
    this.child?.kill('SIGKILL');
    this.child = undefined;
  }

  close(): void {
    this.child?.stdin.end();
    this.child = undefined;
  }

  private start(): ChildProcessWithoutNullStreams {
    const child = spawn(this.file, this.args, { stdio: ['pipe', 'pipe', 'pipe'] });
    child.stdout.on('data', (chunk: Buffer) => {
      this.output.push(chunk);
      const text = this.printed();
      const end = text.indexOf(DONE);
      if (end >= 0 && this.waiting) {
        const waiting = this.waiting;
        this.waiting = undefined;
        waiting.resolve(text.slice(0, end));
      }
    });
    child.stderr.on('data', (chunk: Buffer) => this.output.push(chunk));
    child.on('exit', (code, signal) => {
      if (this.child !== child) return; // stopped on purpose
      this.child = undefined;
      const waiting = this.waiting;
      this.waiting = undefined;
      waiting?.reject(new Error(`${this.file} exited (${code ?? signal}); it printed ${JSON.stringify(this.printed())}`));
    });
    child.stdin.on('error', () => undefined); // a shell that exited mid-case: reported by 'exit'
    // Errors go to the output, in order: a broken quote shows as a wrong value.
    child.stdin.write(`exec 2>&1\n${this.prelude}`);
    this.child = child;
    return child;
  }

  private printed(): string {
    return Buffer.concat(this.output).toString('utf8');
  }
}

describe('property: placeholder values never escape their quoting', function () {
  let commands: [Shape, RunnableCommand][];
  const sh = new Terminal('/bin/sh', [], '');
  const bash = BASH ? new Terminal(BASH, ['--norc', '--noprofile'], 'set -o history -H\n') : undefined;
  before(() => {
    commands = SHAPES.filter((shape) => bash || !shape.bashOnly).map((shape) => [shape, runnable(shape)]);
  });
  after(() => {
    sh.close();
    bash?.close();
  });

  it(`a filled command prints exactly the value through /bin/sh${BASH ? ' and bash (history expansion on)' : ''}, or is refused`, async () => {
    await fc.assert(fc.asyncProperty(value, async (v) => {
      const runs: { shape: Shape; script: string }[] = [];
      for (const [shape, command] of commands) {
        const refuse = mustRefuse(v) || (shape.refuses?.(v) ?? false);
        let script: string;
        try {
          script = finalCommand(command, { [shape.placeholder]: v });
        } catch (error) {
          assert.ok(error instanceof UnrunnableCommandError, `${shape.name}: threw ${String(error)}`);
          assert.ok(refuse, `${shape.name}: refused: ${error.message}`);
          continue;
        }
        assert.ok(!refuse, `${shape.name}: not refused: ${JSON.stringify(script)}`);
        runs.push({ shape, script });
      }
      const shRuns = runs.filter((run) => !run.shape.bashOnly && !(bash && run.shape.dashBug?.(v)));
      const bashRuns = runs.filter((run) => !run.shape.bashBug?.(v));
      const script = (list: typeof runs) => list.map((run) => `${run.script}\nprintf '\\0'`).join('\n');
      try {
        const [shOut, bashOut] = await Promise.all([sh.run(script(shRuns)), bash?.run(script(bashRuns))]);
        for (const [shell, list, out] of [['/bin/sh', shRuns, shOut], ['bash', bashRuns, bashOut]] as const) {
          if (!out) continue;
          list.forEach((run, i) => {
            const expected = run.shape.prints ? run.shape.prints(v) : v;
            assert.equal(out[i], expected, `${shell}, ${run.shape.name}: ${JSON.stringify(run.script)} printed ${JSON.stringify(out[i])}`);
          });
          assert.equal(out.length, list.length, `${shell} printed ${out.length} values for ${list.length} commands: ${JSON.stringify(out)}`);
        }
      } catch (error) {
        // A failed case may leave a quote open in a shell: the next case gets fresh ones.
        sh.stop();
        bash?.stop();
        throw error;
      }
    }), propertyParams());
  });
});
