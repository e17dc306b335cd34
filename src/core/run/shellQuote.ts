// Quoting a value for a POSIX shell, in each of the three places a value can land in a command.

/** Words that mean the same quoted or not: no expansion, globbing, splitting or operators. */
const SAFE_WORD = /^[A-Za-z0-9_@%+:,./-]+$/;

/**
 * The value as one shell word: `my-pod_1.2` stays as it is; anything else is single-quoted, with
 * `'` written as `'\''` (close, escaped quote, reopen). The empty string is `''`.
 */
export function shellQuote(value: string): string {
  if (value === '') return "''";
  if (SAFE_WORD.test(value)) return value;
  return `'${escapeForSingleQuotes(value)}'`;
}

/**
 * The value for the inside of a "..." string: `\`, `"`, `$` and backquote are escaped. A `!` is
 * written as `"'!'"` (leave the double quotes, a single-quoted `!`, back in): an interactive bash
 * would take a bare `!` in double quotes as a history expansion, and `\!` keeps its backslash.
 */
export function escapeForDoubleQuotes(value: string): string {
  return value.replace(/[\\"$`]/g, '\\$&').replace(/!/g, `"'!'"`);
}

/** The value for the inside of a '...' string: nothing is special there but `'` itself. */
export function escapeForSingleQuotes(value: string): string {
  return value.replace(/'/g, `'\\''`);
}

/**
 * Text that goes inside a backquoted command substitution: the shell removes one level of `\`
 * before `\`, `$` and backquote there before it parses the command, so each needs one more.
 */
export function escapeForBackquotes(text: string): string {
  return text.replace(/[\\$`]/g, '\\$&');
}
