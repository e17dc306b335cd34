// The commands of a runbook as the editor runs them: what to ask for, what to confirm, what to refuse.
import type { Range, WorkspacePath } from '../types.js';
import type { WorkspaceIndex } from '../index/workspaceIndex.js';
import type { Command, RunbookDoc } from '../markdown/runbookModel.js';
import type { RunbookSection } from '../markdown/sections.js';
import { positionInCommand } from './commandPosition.js';
import { DEFAULT_DESTRUCTIVE_PATTERNS, destructiveMatches, type CommandMode, type DestructivePattern } from './danger.js';
import { scriptOf } from './script.js';
import { findUnsafeCharacters, formatCodePoint } from './unsafeCharacters.js';

export interface RunnablePlaceholder {
  name: string;
  /** How it is first written: `<pod-name>`, `${NAMESPACE}`, `$NAMESPACE`. */
  token: string;
  /** Ask without echoing, and mask in logs. */
  secret: boolean;
}

export interface RunnableCommand {
  path: WorkspacePath;
  /** The whole fence or code span. */
  range: Range;
  /** The command text alone. */
  textRange: Range;
  kind: 'block' | 'inline';
  language: string;
  /** As written in the runbook. */
  text: string;
  mode: CommandMode;
  /** Unique by name, in order of first use. */
  placeholders: RunnablePlaceholder[];
  /** Names of the destructive patterns the command matches: run only after a confirmation. */
  danger: string[];
  /** Hidden or bidirectional characters ("U+202E RIGHT-TO-LEFT OVERRIDE at line 3"); any → never run. */
  unsafe: string[];
  /** The alert of the runbook section the command is in. */
  alert?: string;
  /** Inline: its first words; block: `bash · 3 lines`. */
  title: string;
  /** From the runbook's front matter `cwd:` and `env:` (string values only). */
  cwd?: string;
  env?: Record<string, string>;
}

export interface RunnableOptions {
  /** Replaces the default destructive patterns. */
  destructivePatterns?: readonly DestructivePattern[];
}

const SECRET_NAME = /TOKEN|PASSWORD|PASSWD|SECRET|KEY|CREDENTIAL/i;
const TITLE_LENGTH = 40;

export function runnableCommands(index: WorkspaceIndex, path: WorkspacePath, options: RunnableOptions = {}): RunnableCommand[] {
  const doc = index.runbooks.get(path);
  if (!doc) return [];
  const sections = index.sectionsOf(path);
  const patterns = options.destructivePatterns ?? DEFAULT_DESTRUCTIVE_PATTERNS;
  const settings = frontMatterSettings(doc.frontMatter?.data ?? {});
  return doc.commands.map((command) => {
    const mode = modeOf(command.language);
    const script = scriptOf(command);
    return {
      path, range: command.range, textRange: command.textRange, kind: command.kind, language: command.language, text: command.text,
      mode,
      placeholders: uniquePlaceholders(command, script),
      danger: destructiveMatches(script, patterns, mode),
      unsafe: findUnsafeCharacters(command.text).map((found) => {
        const line = positionInCommand(doc.lines, command, found.offset).line + 1;
        return `${formatCodePoint(found.codePoint)} ${found.name} at line ${line}`;
      }),
      alert: enclosingAlert(doc, sections, command),
      title: command.kind === 'inline' ? firstWords(command.text, TITLE_LENGTH) : blockTitle(command),
      ...settings,
    };
  });
}

export function modeOf(language: string): CommandMode {
  if (language === 'sql' || language === 'psql') return 'sql';
  if (language === 'promql') return 'promql';
  return 'shell';
}

/** Placeholders the script uses (a console session's output lines ask for nothing), once each. */
function uniquePlaceholders(command: Command, script: string): RunnablePlaceholder[] {
  const seen = new Map<string, RunnablePlaceholder>();
  for (const { name, token } of command.placeholders) {
    if (seen.has(name) || !script.includes(token)) continue;
    seen.set(name, { name, token, secret: SECRET_NAME.test(name) });
  }
  return [...seen.values()];
}

/** The innermost section holding the command. */
function enclosingAlert(doc: RunbookDoc, sections: RunbookSection[], command: Command): string | undefined {
  const offset = doc.lines.offsetAt(command.range.start);
  let best: RunbookSection | undefined;
  for (const section of sections) {
    if (offset >= section.start && offset < section.end && (!best || section.start >= best.start)) best = section;
  }
  return best?.alert;
}

/** The leading whole words that fit in `max` characters, with … when cut. */
export function firstWords(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  let cut = flat.lastIndexOf(' ', max - 1);
  if (cut <= 0) cut = max - 1;
  return `${flat.slice(0, cut).trimEnd()}…`;
}

function blockTitle(command: Command): string {
  const count = command.text.split(/\r?\n/).length;
  return `${command.language || 'shell'} · ${count} ${count === 1 ? 'line' : 'lines'}`;
}

const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

function frontMatterSettings(data: Record<string, unknown>): { cwd?: string; env?: Record<string, string> } {
  const settings: { cwd?: string; env?: Record<string, string> } = {};
  if (typeof data.cwd === 'string' && data.cwd.trim() !== '') settings.cwd = data.cwd.trim();
  if (data.env && typeof data.env === 'object' && !Array.isArray(data.env)) {
    const env = Object.entries(data.env).filter(([key, value]) => VARIABLE_NAME.test(key) && typeof value === 'string');
    if (env.length > 0) settings.env = Object.fromEntries(env) as Record<string, string>;
  }
  return settings;
}
