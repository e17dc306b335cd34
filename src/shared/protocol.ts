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

/** Client → server: the alerts without a runbook (what "New Runbook for Alert…" offers). */
export const ALERTS_WITHOUT_RUNBOOK_REQUEST = 'runbookLens/alertsWithoutRunbook';
export interface AlertSummary {
  name: string;
  /** The rule file (the first, when several define the alert) and the 0-based line of its name. */
  uri: string;
  line: number;
  group: string;
  severity?: string;
  summary?: string;
  /** Other rule files that define the same alert. */
  alsoIn: string[];
}
export interface AlertsWithoutRunbook {
  alerts: AlertSummary[];
  /** How many alert rules the workspace has in all, as the status bar counts them (0: none at all). */
  total: number;
}

/** Client → server: where a new runbook section for one alert can go, the recommended place first. */
export const NEW_RUNBOOK_TARGETS_REQUEST = 'runbookLens/newRunbookTargets';
export interface NewRunbookTargetsParams {
  alert: string;
  /** The rule file, when several define the alert. */
  uri?: string;
}
export interface NewRunbookTarget {
  /** `append`: insert `text` at `at` in an existing runbook; `new-file`: create `uri` with `text` (never over an existing file). */
  kind: 'append' | 'new-file';
  uri: string;
  title: string;
  detail: string;
  at: { line: number; character: number };
  text: string;
  /** Where the cursor goes once applied, as an offset in `text`: the first part left to fill. */
  cursorOffset: number;
}
export interface NewRunbookTargets {
  /** `covered`: the alert has a runbook already; `unknown`: no rule defines it. */
  status: 'ok' | 'covered' | 'unknown';
  alert?: AlertSummary;
  /** For a covered alert: its runbook sections. */
  runbooks: { uri: string; line: number }[];
  targets: NewRunbookTarget[];
}

/** Client → server: the rules behind the runbook section at a position; null outside every alert section. */
export const SECTION_RULES_REQUEST = 'runbookLens/sectionRules';
export interface SectionRulesParams {
  uri: string;
  position: { line: number; character: number };
}
export interface SectionRules {
  alert: string;
  /** Empty when no rule defines the alert. */
  rules: { name: string; uri: string; range: { start: { line: number; character: number }; end: { line: number; character: number } }; group: string; severity?: string }[];
}

/** The client command a code lens or link invokes, with arguments [uri, line, character]. */
export const RUN_COMMAND = 'runbookLens.run';
export const COPY_COMMAND = 'runbookLens.copy';
export const OPEN_QUERY_COMMAND = 'runbookLens.openQuery';
export const EXPLAIN_UNSAFE_COMMAND = 'runbookLens.explainUnsafe';
/** Client commands: "New Runbook for Alert…" takes optional [alert name, { ruleUri?, target? }]. */
export const NEW_RUNBOOK_COMMAND = 'runbookLens.newRunbookForAlert';
export const OPEN_RULE_FOR_SECTION_COMMAND = 'runbookLens.openRuleForSection';

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
