// The core's data model. Positions and ranges are LSP's: 0-based line and UTF-16 character.
import type { Range } from 'vscode-languageserver-types';

export type { Range, Position } from 'vscode-languageserver-types';

/** Paths inside the core are workspace-relative and '/'-separated, e.g. `docs/RUNBOOK.md`. */
export type WorkspacePath = string;

// ---------------------------------------------------------------- alert rule files

export interface RuleFile {
  path: WorkspacePath;
  /** Every rule the file defines: alerting and recording (promtool counts both). */
  rules: AlertRule[];
  /** Alert names a promtool unit-test file refers to (`alertname:`); it defines none. */
  references: AlertReference[];
  /** YAML that could not be parsed; empty for a file that is not a rule file. */
  syntaxErrors: RuleSyntaxError[];
}

export interface AlertRule {
  kind: 'alert' | 'record';
  /** The alert (or record) name as written. */
  name: string;
  /** Range of the name's value (`KubePodCrashLooping` in `- alert: KubePodCrashLooping`). */
  nameRange: Range;
  /** Range of the whole rule mapping. */
  range: Range;
  group: string;
  expr?: string;
  for?: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  /** The `runbook_url` (or `runbook`) annotation, as written, trimmed. */
  runbookUrl?: string;
  runbookUrlRange?: Range;
}

export interface AlertReference {
  name: string;
  range: Range;
}

export interface RuleSyntaxError {
  message: string;
  range: Range;
}
