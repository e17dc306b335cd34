// Running runbook commands: what the editor runs, how values are quoted, what needs confirming.
export { runnableCommands, modeOf } from './runnable.js';
export type { RunnableCommand, RunnablePlaceholder, RunnableOptions } from './runnable.js';
export { finalCommand, maskedCommand, UnrunnableCommandError, SECRET_MASK } from './finalCommand.js';
export type { FinalCommandOptions } from './finalCommand.js';
export { DEFAULT_DESTRUCTIVE_PATTERNS, destructiveMatches } from './danger.js';
export type { CommandMode, DestructivePattern } from './danger.js';
export { findUnsafeCharacters, formatCodePoint } from './unsafeCharacters.js';
export type { UnsafeCharacter } from './unsafeCharacters.js';
export { shellQuote, escapeForDoubleQuotes, escapeForSingleQuotes } from './shellQuote.js';
export { scriptOf } from './script.js';
