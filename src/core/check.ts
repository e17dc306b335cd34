import type { Range } from 'vscode-languageserver-types';
import type { ConfigProblem, DiagnosticCode, ResolvedConfig } from './config.js';
import type { WorkspaceIndex } from './index/workspaceIndex.js';
import type { RunbookDoc } from './markdown/runbookModel.js';
import type { RunbookSection } from './markdown/sections.js';
import type { RuleFile, WorkspacePath } from './types.js';

/** A finding before its configured severity is applied. */
export interface Finding {
  range: Range;
  message: string;
  /** Facts a quick fix needs (the missing part, the alert, ...). */
  data?: Record<string, unknown>;
}

export interface RunbookCheckInput {
  path: WorkspacePath;
  doc: RunbookDoc;
  sections: RunbookSection[];
  index: WorkspaceIndex;
  config: ResolvedConfig;
}

export interface RuleFileCheckInput {
  path: WorkspacePath;
  ruleFile: RuleFile;
  index: WorkspaceIndex;
  config: ResolvedConfig;
}

export interface ConfigCheckInput {
  path: WorkspacePath;
  problems: ConfigProblem[];
}

/** One structure check: a file under src/core/rules/, documented in docs/rules/<code>.md. */
export type Check =
  | { code: DiagnosticCode; description: string; appliesTo: 'runbook'; check(input: RunbookCheckInput): Finding[] }
  | { code: DiagnosticCode; description: string; appliesTo: 'rules'; check(input: RuleFileCheckInput): Finding[] }
  | { code: DiagnosticCode; description: string; appliesTo: 'config'; check(input: ConfigCheckInput): Finding[] };
