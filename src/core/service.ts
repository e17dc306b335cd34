import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { CONFIG_FILE_NAMES, loadConfig, resolveConfig, ruleDocsUrl, type ConfigFile, type ConfigProblem, type ResolvedConfig, type SeverityName } from './config.js';
import type { Check, Finding } from './check.js';
import { ALL_CHECKS } from './rules/index.js';
import { nestingProblem } from './markdown/limitNesting.js';
import { WorkspaceIndex } from './index/workspaceIndex.js';
import type { Workspace } from './workspace.js';
import type { WorkspacePath } from './types.js';

const SEVERITY: Record<Exclude<SeverityName, 'off'>, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export const DIAGNOSTIC_SOURCE = 'runbook-lens';
/** Files larger than this are not parsed (a notice says so). */
export const DEFAULT_MAX_FILE_BYTES = 5 * 1024 * 1024;
const READ_CONCURRENCY = 8;

export interface RunbookLensOptions {
  /** The config file's path and text, when the workspace has one. */
  configFile?: { path: WorkspacePath; text: string };
  /** Settings that win over the config file (from the editor or the command line). */
  overrides?: ConfigFile;
}

/** The language service: one workspace index and the checks over it. Pure: no I/O of its own. */
export class RunbookLens {
  readonly config: ResolvedConfig;
  readonly index: WorkspaceIndex;
  readonly configPath?: WorkspacePath;
  /** The config file's text, for quick fixes that edit it. */
  readonly configText?: string;
  readonly configProblems: ConfigProblem[];

  constructor(options: RunbookLensOptions = {}, private readonly checks: readonly Check[] = ALL_CHECKS) {
    if (options.configFile) {
      const loaded = loadConfig(options.configFile.text, options.overrides);
      this.config = loaded.config;
      this.configProblems = loaded.problems;
      this.configPath = options.configFile.path;
      this.configText = options.configFile.text;
    } else {
      this.config = resolveConfig(options.overrides);
      this.configProblems = [];
    }
    this.index = new WorkspaceIndex(this.config);
  }

  /** Diagnostics of one file, with configured severities; `off` codes left out. */
  diagnosticsFor(path: WorkspacePath): Diagnostic[] {
    const doc = this.index.runbooks.get(path);
    const ruleFile = this.index.ruleFiles.get(path);
    const sections = doc ? this.index.sectionsOf(path) : [];
    const diagnostics: Diagnostic[] = [];
    for (const check of this.checks) {
      const severity = this.config.severities[check.code];
      if (severity === 'off') continue;
      let findings: Finding[];
      if (check.appliesTo === 'runbook' && doc) findings = check.check({ path, doc, sections, index: this.index, config: this.config });
      else if (check.appliesTo === 'rules' && ruleFile) findings = check.check({ path, ruleFile, index: this.index, config: this.config });
      else if (check.appliesTo === 'config' && path === this.configPath) findings = check.check({ path, problems: this.configProblems });
      else continue;
      // Most checks find nothing in most files: no link to build for them.
      if (findings.length === 0) continue;
      // Editors link the code to its page (LSP 3.16 codeDescription).
      const href = ruleDocsUrl(this.config.docsUrl, check.code);
      for (const finding of findings) {
        diagnostics.push({
          range: finding.range, severity: SEVERITY[severity], code: check.code, codeDescription: { href }, source: DIAGNOSTIC_SOURCE,
          message: finding.message, ...(finding.data ? { data: finding.data } : {}),
        });
      }
    }
    return diagnostics.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  }

  /** Every file that can have diagnostics: runbooks, rule files and the config file. */
  checkedFiles(): WorkspacePath[] {
    const files = new Set<WorkspacePath>([...this.index.runbooks.keys(), ...this.index.ruleFiles.keys()]);
    if (this.configPath) files.add(this.configPath);
    return [...files].sort();
  }

  allDiagnostics(): Map<WorkspacePath, Diagnostic[]> {
    return new Map(this.checkedFiles().map((file) => [file, this.diagnosticsFor(file)]));
  }
}

export interface LoadNotice {
  path: WorkspacePath;
  message: string;
}

export interface LoadOptions {
  overrides?: ConfigFile;
  /** A config file given explicitly (`--config`), instead of the one at the workspace root. */
  configFile?: RunbookLensOptions['configFile'];
  maxFileBytes?: number;
  onProgress?: (done: number, total: number) => void;
}

/** Reads a workspace's config file and every runbook and candidate rule file into a new service. */
export async function openWorkspace(workspace: Workspace, options: LoadOptions = {}): Promise<{ lens: RunbookLens; notices: LoadNotice[] }> {
  const paths = await workspace.list();
  const notices: LoadNotice[] = [];
  const configPath = options.configFile ? undefined : CONFIG_FILE_NAMES.find((name) => paths.includes(name));
  let configFile = options.configFile;
  if (configPath) {
    try {
      configFile = { path: configPath, text: await workspace.read(configPath) };
    } catch (error) {
      notices.push({ path: configPath, message: `cannot read the config file: ${(error as Error).message}` });
    }
  }
  const lens = new RunbookLens({ configFile, overrides: options.overrides });
  const maxBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const toRead = paths.filter((path) => {
    lens.index.addPath(path);
    return lens.index.kindOf(path) !== 'other';
  });
  // A few reads in flight at once: file I/O overlaps with parsing, which stays one file at a time.
  let done = 0;
  let next = 0;
  const worker = async () => {
    while (next < toRead.length) {
      const path = toRead[next++];
      const notice = await readInto(workspace, lens, path, maxBytes);
      if (notice) notices.push(notice);
      options.onProgress?.(++done, toRead.length);
    }
  };
  await Promise.all(Array.from({ length: Math.min(READ_CONCURRENCY, toRead.length) }, worker));
  notices.sort((a, b) => a.path.localeCompare(b.path));
  return { lens, notices };
}

/** Reads one file into the index; a file too large, binary or unreadable gives a notice instead. */
export async function readInto(workspace: Workspace, lens: RunbookLens, path: WorkspacePath, maxBytes: number): Promise<LoadNotice | undefined> {
  let text: string;
  try {
    const stat = await workspace.stat(path);
    if (!stat) return { path, message: 'file vanished while reading' };
    if (stat.size > maxBytes) return { path, message: `skipped: ${stat.size} bytes is more than the ${maxBytes}-byte limit` };
    text = await workspace.read(path);
  } catch (error) {
    return { path, message: `cannot read: ${(error as Error).message}` };
  }
  const unfit = unfitText(lens, path, text);
  if (unfit) return { path, message: `skipped: ${unfit}` };
  try {
    lens.index.setFile(path, text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
    return undefined;
  } catch (error) {
    // The parsers are built not to throw; if one does, the file is left out rather than the run lost.
    lens.index.removeFile(path);
    lens.index.addPath(path);
    return { path, message: `could not be parsed, left out: ${(error as Error).message}` };
  }
}

/** Why a text cannot be checked (binary, or nested past all reason), or undefined when it can. */
export function unfitText(lens: RunbookLens, path: WorkspacePath, text: string): string | undefined {
  if (text.slice(0, 8192).includes('\u0000')) return 'binary file';
  return lens.index.kindOf(path) === 'runbook' ? nestingProblem(text) : undefined;
}
