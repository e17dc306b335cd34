// Messages between the VS Code client and the language server beyond LSP itself.
// Plain method names and types: no vscode or server imports, so both sides can share them.

/** Server → client, after every check: how many alerts have a runbook. */
export const COVERAGE_NOTIFICATION = 'runbookLens/coverage';
export interface CoverageSummary {
  alerts: number;
  covered: number;
}

/** Client → server: the coverage report, per rule file. */
export const COVERAGE_REPORT_REQUEST = 'runbookLens/coverageReport';
export interface CoverageReport {
  ruleFiles: {
    uri: string;
    alerts: { name: string; line: number; covered: boolean; runbooks: { uri: string; line: number }[] }[];
  }[];
}

/** Client → server: the runnable command at a position (what a code lens or a command link runs). */
export const COMMAND_AT_REQUEST = 'runbookLens/commandAt';
export interface CommandAtParams {
  uri: string;
  position: { line: number; character: number };
}

/** The client command a code lens or link invokes, with arguments [uri, line, character]. */
export const RUN_COMMAND = 'runbookLens.run';
export const COPY_COMMAND = 'runbookLens.copy';
export const OPEN_QUERY_COMMAND = 'runbookLens.openQuery';
export const EXPLAIN_UNSAFE_COMMAND = 'runbookLens.explainUnsafe';

/** Settings under `runbookLens.*` that reach the server (initializationOptions and workspace/configuration). */
export interface ServerSettings {
  runbooks?: string[];
  rules?: string[];
  exclude?: string[];
  diagnostics?: Record<string, string>;
  /** Files larger than this many kilobytes are not parsed. */
  maxFileSizeKb?: number;
  /** Milliseconds to wait after a keystroke before checking (0: as soon as the edits stop arriving). */
  debounceMs?: number;
  /** Extra destructive-command patterns (regular expressions) on top of the defaults. */
  run?: { destructivePatterns?: string[] };
}
