// What a shell actually runs for a command block.

/** Fences that show a terminal session: prompts, commands and their output. */
const SESSION_LANGUAGES = new Set(['console', 'shell-session']);
const PROMPT = /^[ \t]*\$ /;

/**
 * The script of a command: for a console session, only the command lines (`$ ` prompt removed,
 * with their `\` continuation lines), the output dropped; a session without any `$ ` prompt is
 * taken as plain commands. Any other command as written.
 */
export function scriptOf(command: { language: string; text: string }): string {
  if (!SESSION_LANGUAGES.has(command.language)) return command.text;
  const lines = command.text.split(/\r?\n/);
  if (!lines.some((line) => PROMPT.test(line))) return command.text;
  const kept: string[] = [];
  let continued = false;
  for (const line of lines) {
    if (continued) kept.push(line);
    else if (PROMPT.test(line)) kept.push(line.replace(PROMPT, ''));
    else continue;
    continued = /(^|[^\\])(\\\\)*\\$/.test(line);
  }
  return kept.join('\n');
}
