// Destructive commands: the client asks for confirmation before running anything that matches.
import { queryContexts } from './queryContext.js';
import { shellContexts } from './shellContext.js';

export type CommandMode = 'shell' | 'sql' | 'promql';

export interface DestructivePattern {
  name: string;
  /** A regular expression source, matched without case. */
  pattern: string;
}

/** The end of one simple command: flags after it belong to another command. */
const SAME_COMMAND = String.raw`[^;&|\n]*`;

export const DEFAULT_DESTRUCTIVE_PATTERNS: DestructivePattern[] = [
  { name: 'delete', pattern: String.raw`\bdelete\b` },
  { name: 'rollback', pattern: String.raw`\brollback\b|\brollout\s+undo\b` },
  { name: 'drop', pattern: String.raw`\bdrop\b` },
  { name: 'truncate', pattern: String.raw`\btruncate\b` },
  { name: 'flush', pattern: String.raw`\bflush(?:all|db)\b` },
  { name: 'scale', pattern: String.raw`\bscale\b` },
  { name: 'kill', pattern: String.raw`\b(?:kill|killall|pkill)\b` },
  // The verb, not `docker run --restart=always` or `.restartCount`.
  { name: 'restart', pattern: String.raw`(?<![-.])\brestart\b` },
  // rm with a recursive and a force flag, in any order or combination: -rf, -fr, -Rf, -r -f, --recursive --force.
  {
    name: 'rm -rf',
    pattern: String.raw`\brm\b(?=${SAME_COMMAND}\s-(?:-recursive\b|[a-z]*r))(?=${SAME_COMMAND}\s-(?:-force\b|[a-z]*f))`,
  },
  { name: 'terraform apply', pattern: String.raw`\bterraform\b${SAME_COMMAND}?\bapply\b` },
  { name: 'terraform destroy', pattern: String.raw`\bterraform\b${SAME_COMMAND}?\bdestroy\b` },
  { name: 'helm uninstall', pattern: String.raw`\bhelm\b${SAME_COMMAND}?\b(?:uninstall|delete|del)\b` },
  { name: '--force', pattern: String.raw`(?<![\w-])--force(?![\w-])` },
];

/**
 * Names of the patterns the command matches, in pattern order. Comments do not count (shell `#`,
 * SQL `--` and block comments). PromQL queries are read-only and never run, so they match nothing. A
 * pattern that is not a valid regular expression is skipped.
 */
export function destructiveMatches(
  text: string, patterns: readonly DestructivePattern[] = DEFAULT_DESTRUCTIVE_PATTERNS, mode: CommandMode = 'shell',
): string[] {
  if (mode === 'promql') return [];
  const code = withoutComments(text, mode);
  const names: string[] = [];
  for (const { name, pattern } of patterns) {
    const regex = compile(pattern);
    if (regex?.test(code) && !names.includes(name)) names.push(name);
  }
  return names;
}

function compile(pattern: string): RegExp | undefined {
  try {
    return new RegExp(pattern, 'i');
  } catch {
    return undefined;
  }
}

/** The text with every comment character blanked (line breaks kept). */
function withoutComments(text: string, mode: 'shell' | 'sql'): string {
  const isComment = mode === 'sql'
    ? queryContexts(text, 'sql').map((c) => c.kind === 'comment')
    : shellContexts(text).map((c) => c.kind === 'comment');
  let out = '';
  for (let i = 0; i < text.length; i++) out += isComment[i] && text[i] !== '\n' ? ' ' : text[i];
  return out;
}
