// The exact text sent to the terminal for a command and the values of its placeholders. Every
// value is quoted for the spot it lands in, so that it stays one piece of data whatever it holds.
import { queryContexts, type QueryContext, type QueryLanguage } from './queryContext.js';
import type { RunnableCommand } from './runnable.js';
import { scriptOf } from './script.js';
import { shellContexts, type ShellContext } from './shellContext.js';
import { escapeForBackquotes, escapeForDoubleQuotes, escapeForSingleQuotes, shellQuote } from './shellQuote.js';
import { findUnsafeCharacters, formatCodePoint } from './unsafeCharacters.js';

export interface FinalCommandOptions {
  /** The command SQL is piped to (through a quoted here-document); default `psql`. */
  sqlClient?: string;
}

/** A command that cannot be turned into something safe to run. */
export class UnrunnableCommandError extends Error {
  override name = 'UnrunnableCommandError';
}

export const SECRET_MASK = '••••••';

const ANGLE = /<([A-Za-z][\w.-]*)>/g;
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f-\u009f]/;

/**
 * The command to send: `<name>` tokens replaced by their value quoted for that spot; `$NAME` and
 * `${NAME}` placeholders left as written, their values assigned before the command (`NAME='v'`),
 * so `"$NAME"` keeps working. SQL is piped to the SQL client; PromQL is returned as a query.
 * Throws UnrunnableCommandError for a command with hidden characters, a placeholder without a
 * value, or a value no quoting makes safe (see checkValue).
 */
export function finalCommand(command: RunnableCommand, values: Record<string, string>, options: FinalCommandOptions = {}): string {
  if (command.unsafe.length > 0) {
    throw new UnrunnableCommandError(`the command contains hidden characters (${command.unsafe.join('; ')}): it will not be run`);
  }
  const missing = command.placeholders.filter((p) => typeof values[p.name] !== 'string').map((p) => p.token);
  if (missing.length > 0) throw new UnrunnableCommandError(`no value for ${missing.join(', ')}`);
  for (const placeholder of command.placeholders) checkValue(placeholder.token, values[placeholder.name]);
  const angleValues = new Map(command.placeholders.filter((p) => p.token.startsWith('<')).map((p) => [p.name, values[p.name]]));
  if (command.mode === 'promql') return fillQuery(command.text, 'promql', angleValues);
  if (command.mode === 'sql') return sqlThroughClient(fillQuery(command.text, 'sql', angleValues), options.sqlClient ?? 'psql');
  const script = fillShell(scriptOf(command), angleValues);
  const assignments = command.placeholders
    .filter((p) => p.token.startsWith('$'))
    .map((p) => `${p.name}='${escapeForSingleQuotes(values[p.name])}'`);
  if (assignments.length === 0) return script;
  return command.kind === 'inline'
    ? assignments.map((assignment) => `${assignment}; `).join('') + script
    : [...assignments, script].join('\n');
}

/** The same command with the values of secret placeholders shown as ••••••: for logs and timelines. */
export function maskedCommand(command: RunnableCommand, values: Record<string, string>, options: FinalCommandOptions = {}): string {
  const masked = { ...values };
  for (const placeholder of command.placeholders) {
    if (placeholder.secret && typeof masked[placeholder.name] === 'string') masked[placeholder.name] = SECRET_MASK;
  }
  return finalCommand(command, masked, options);
}

/**
 * The text goes to an interactive terminal as keystrokes: there a control character acts whatever
 * the quoting (Ctrl+U erases the line, a line break presses Enter, a tab completes), and bash
 * expands `!` even inside single quotes on a continued line. Hidden characters would make the
 * confirmation show something else than what runs.
 */
function checkValue(token: string, value: string): void {
  if (CONTROL_CHARACTER.test(value)) {
    throw new UnrunnableCommandError(`the value of ${token} holds a control character (line break, tab, escape...), which a terminal would act on`);
  }
  const [hidden] = findUnsafeCharacters(value);
  if (hidden) throw new UnrunnableCommandError(`the value of ${token} holds a hidden character ${formatCodePoint(hidden.codePoint)} ${hidden.name}`);
}

/** `<name>` tokens of a shell script replaced, line by line (a token never spans lines). */
function fillShell(script: string, values: ReadonlyMap<string, string>): string {
  const contexts = shellContexts(script);
  let lineStart = 0;
  return script.split('\n').map((line) => {
    const start = lineStart;
    lineStart += line.length + 1;
    let heredoc: ShellContext['heredoc'];
    const filled = line.replace(ANGLE, (token, name: string, index: number) => {
      const value = values.get(name);
      const context = contexts[start + index];
      if (value === undefined || !context) return token;
      heredoc ??= context.heredoc;
      return quotedFor(context, value) ?? token;
    });
    // A value must not write the line that ends the here-document: what follows would run as commands.
    if (heredoc) {
      const { delimiter, stripTabs } = heredoc;
      if (filled.split('\n').some((l) => (stripTabs ? l.replace(/^\t+/, '') : l).replace(/\r$/, '') === delimiter)) {
        throw new UnrunnableCommandError(`a value would end the here-document (${delimiter}) early`);
      }
    }
    return filled;
  }).join('\n');
}

/** The value written so that the shell reads it back unchanged at a spot; undefined in a comment. */
function quotedFor(context: ShellContext, value: string): string | undefined {
  if (context.kind === 'comment') return undefined; // never runs
  if (context.backquotes > 0 && value.includes('!')) {
    // bash's history expansion misreads the extra backslashes backquotes need, whatever the quoting.
    throw new UnrunnableCommandError('a value with ! cannot go safely inside `...` (an interactive bash would expand it): write $(...) in the runbook');
  }
  let text: string;
  switch (context.kind) {
    case 'unquoted': text = shellQuote(value); break;
    // Inside backquotes, \" may lose its backslash before parsing: leave the quotes for a quoted word instead.
    case 'double': text = context.backquotes > 0 ? `"${shellQuote(value)}"` : escapeForDoubleQuotes(value); break;
    case 'single': text = escapeForSingleQuotes(value); break;
    case 'ansi': text = `'${shellQuote(value)}$'`; break;
    case 'heredoc': text = value.replace(/[\\$`]/g, '\\$&'); break;
    case 'heredoc-literal': text = value; break;
  }
  for (let level = 0; level < context.backquotes; level++) text = escapeForBackquotes(text);
  return text;
}

function fillQuery(text: string, language: QueryLanguage, values: ReadonlyMap<string, string>): string {
  const contexts = queryContexts(text, language);
  return text.replace(ANGLE, (token, name: string, index: number) => {
    const value = values.get(name);
    return value === undefined ? token : escapedFor(contexts[index], value, language) ?? token;
  });
}

/** The value for a spot of a query: as typed in code, escaped inside a literal, untouched in a comment. */
function escapedFor(context: QueryContext, value: string, language: QueryLanguage): string | undefined {
  if (context.kind === 'comment') return undefined;
  if (context.kind === 'code') return value;
  const { quote } = context;
  if (language === 'sql') return value.split(quote).join(quote + quote);
  if (quote === '`') {
    if (value.includes('`')) throw new UnrunnableCommandError('a PromQL raw string (`...`) cannot hold a backquote');
    return value;
  }
  return value.replace(/\\/g, '\\\\').split(quote).join(`\\${quote}`);
}

/** SQL to the client on its standard input, through a here-document whose delimiter the SQL does not contain. */
function sqlThroughClient(sql: string, client: string): string {
  let delimiter = 'RUNBOOK_SQL';
  for (let n = 1; sql.includes(delimiter); n++) delimiter = `RUNBOOK_SQL_${n}`;
  return `${client} <<'${delimiter}'\n${sql}\n${delimiter}`;
}
