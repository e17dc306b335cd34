// "New Runbook for Alert…": the alerts that have no runbook, and where a new section for one can
// go. The section itself is the create-runbook quick fix's, prefilled from the rule; this offers
// the places that fix would choose between: the runbook beside the alert's siblings, or a new file.
import type { Position } from 'vscode-languageserver-types';
import { coverageOf, workspaceCoverage } from '../coverage.js';
import { alertKey } from '../names.js';
import type { RunbookLens } from '../service.js';
import type { AlertRule, WorkspacePath } from '../types.js';
import { dirName, joinPath } from '../workspace.js';
import { perAlertFileName } from './runbookFileNames.js';
import { fileText, filePerAlertFolder, sectionText } from './quickFixes/createRunbook.js';
import type { Place } from './positions.js';

export interface UncoveredAlert {
  rule: AlertRule;
  /** The first rule file that defines it without a runbook. */
  file: WorkspacePath;
  /** Other rule files that define it too: one section covers them all. */
  alsoIn: WorkspacePath[];
}

/** Alerts without a runbook (as the coverage report and the status bar count them), once per name, in rule-file order. */
export function alertsWithoutRunbook(lens: RunbookLens, coverage = workspaceCoverage(lens.index)): UncoveredAlert[] {
  const byKey = new Map<string, UncoveredAlert>();
  for (const alert of coverage) {
    if (alert.covered) continue;
    const seen = byKey.get(alertKey(alert.rule.name));
    if (!seen) byKey.set(alertKey(alert.rule.name), { rule: alert.rule, file: alert.file, alsoIn: [] });
    else if (seen.file !== alert.file && !seen.alsoIn.includes(alert.file)) seen.alsoIn.push(alert.file);
  }
  return [...byKey.values()];
}

export interface NewRunbookTarget {
  /** Append a section to an existing runbook, or create a file for the alert. */
  kind: 'append' | 'new-file';
  path: WorkspacePath;
  title: string;
  detail: string;
  /** Where `text` goes: the end of the runbook, or the start of the new file. */
  at: Position;
  text: string;
  /** Where the cursor goes, as an offset in `text`: the first part left to fill. */
  cursorOffset: number;
}

export type NewRunbookPlan =
  | { status: 'ok'; rule: AlertRule; file: WorkspacePath; targets: NewRunbookTarget[] }
  /** It has a runbook already: its sections (a runbook_url that resolves or leads outside adds none). */
  | { status: 'covered'; rule: AlertRule; file: WorkspacePath; sections: Place[] }
  | { status: 'unknown' };

/** At most this many runbooks to append to are offered. */
const MAX_APPEND_TARGETS = 3;

/**
 * Where a new runbook section for `alert` can go, the recommended place first. `ruleFile` picks
 * among rule files that define the same alert (default: the first).
 */
export function newRunbookPlan(lens: RunbookLens, alert: string, ruleFile?: WorkspacePath): NewRunbookPlan {
  const entries = lens.index.alertsByKey().get(alertKey(alert)) ?? [];
  const entry = entries.find((e) => e.file === ruleFile) ?? entries[0];
  if (!entry) return { status: 'unknown' };
  const { rule, file } = entry;
  const coverage = coverageOf(lens.index, rule, file);
  if (coverage.covered) {
    return { status: 'covered', rule, file, sections: coverage.sections.map((s) => ({ path: s.file, range: s.section.range })) };
  }
  const siblings = siblingRunbooks(lens, rule, file);
  const appends = siblings.headed.slice(0, MAX_APPEND_TARGETS).map((home) => appendTarget(lens, rule, home.path, home.alerts));
  if (appends.length === 0) {
    // No sibling has a runbook section: the runbook with the most sections is still a sensible place.
    const biggest = largestRunbook(lens);
    if (biggest) appends.push(appendTarget(lens, rule, biggest, []));
  }
  const created = newFileTarget(lens, rule, siblings.perAlertFolders[0]?.path, siblings.headed[0]?.path);
  // As the quick fix decides: beside the siblings' sections, unless they keep a file per alert.
  const perAlertFirst = siblings.headed.length === 0 || (siblings.perAlertFolders[0]?.alerts.length ?? 0) > siblings.headed[0].alerts.length;
  return { status: 'ok', rule, file, targets: perAlertFirst ? [created, ...appends] : [...appends, created] };
}

interface Home {
  path: WorkspacePath;
  /** The sibling alerts whose runbooks are there. */
  alerts: string[];
  sameGroup: number;
}

/**
 * Where the other alerts of the rule file have their runbooks: runbook files with heading sections
 * (most siblings of the same group first, then most siblings), and folders of one file per alert.
 */
function siblingRunbooks(lens: RunbookLens, rule: AlertRule, ruleFile: WorkspacePath): { headed: Home[]; perAlertFolders: Home[] } {
  const headed = new Map<WorkspacePath, Home>();
  const folders = new Map<WorkspacePath, Home>();
  const count = (homes: Map<WorkspacePath, Home>, path: WorkspacePath, sibling: AlertRule) => {
    const home = homes.get(path) ?? { path, alerts: [], sameGroup: 0 };
    if (home.alerts.includes(sibling.name)) return;
    home.alerts.push(sibling.name);
    if (sibling.group === rule.group) home.sameGroup++;
    homes.set(path, home);
  };
  for (const sibling of lens.index.ruleFiles.get(ruleFile)?.rules ?? []) {
    if (sibling.kind !== 'alert' || alertKey(sibling.name) === alertKey(rule.name)) continue;
    for (const entry of lens.index.sectionsByKey().get(alertKey(sibling.name)) ?? []) {
      const perAlert = entry.section.source === 'file' || entry.section.source === 'front-matter';
      if (perAlert) count(folders, dirName(entry.file), sibling);
      else if (entry.section.heading) count(headed, entry.file, sibling);
    }
  }
  const order = (a: Home, b: Home) => b.sameGroup - a.sameGroup || b.alerts.length - a.alerts.length || a.path.localeCompare(b.path);
  return { headed: [...headed.values()].sort(order), perAlertFolders: [...folders.values()].sort(order) };
}

/** The runbook with the most heading sections, if any has one. */
function largestRunbook(lens: RunbookLens): WorkspacePath | undefined {
  let best: { path: WorkspacePath; sections: number } | undefined;
  for (const path of [...lens.index.runbooks.keys()].sort()) {
    const sections = lens.index.sectionsOf(path).filter((s) => s.heading && s.source !== 'file' && s.source !== 'front-matter').length;
    if (sections > 0 && (!best || sections > best.sections)) best = { path, sections };
  }
  return best?.path;
}

function appendTarget(lens: RunbookLens, rule: AlertRule, path: WorkspacePath, siblings: string[]): NewRunbookTarget {
  const doc = lens.index.runbooks.get(path)!;
  const sections = lens.index.sectionsOf(path).filter((s) => s.heading);
  const separator = doc.lines.text.length === 0 ? '' : doc.lines.text.endsWith('\n') ? '\n' : '\n\n';
  const text = separator + sectionText(lens, rule, sections);
  const named = siblings.slice(0, 3).join(', ') + (siblings.length > 3 ? ` and ${siblings.length - 3} more` : '');
  return {
    kind: 'append',
    path,
    title: `Append to ${path}`,
    detail: siblings.length > 0 ? `beside the runbooks of ${named}` : `the runbook with the most sections (${sections.length})`,
    at: doc.lines.positionAt(doc.lines.text.length),
    text,
    cursorOffset: firstPartToFill(text),
  };
}

function newFileTarget(lens: RunbookLens, rule: AlertRule, siblingFolder?: WorkspacePath, siblingRunbook?: WorkspacePath): NewRunbookTarget {
  const folder = newFileFolder(lens, siblingFolder, siblingRunbook);
  const base = perAlertFileName(lens, folder, rule.name);
  let path = joinPath(folder, `${base}.md`);
  // Never over an existing file: number the name instead.
  for (let n = 2; lens.index.files.has(path); n++) path = joinPath(folder, `${base}-${n}.md`);
  const text = fileText(lens, rule);
  return {
    kind: 'new-file',
    path,
    title: `New file ${path}`,
    detail: `one file for ${rule.name}, with front matter "alert: ${rule.name}"`,
    at: { line: 0, character: 0 },
    text,
    cursorOffset: firstPartToFill(text),
  };
}

/**
 * The folder for a new per-alert file: the siblings' one, else the workspace's folder of per-alert
 * files, else `runbooks/` (as the quick fix), else beside the siblings' runbook or another one; the
 * first whose files are runbooks by the configuration (a file the `runbooks` globs leave out would
 * never be checked).
 */
function newFileFolder(lens: RunbookLens, siblingFolder?: WorkspacePath, siblingRunbook?: WorkspacePath): WorkspacePath {
  const beside = [siblingRunbook, largestRunbook(lens), ...lens.index.runbooks.keys()].filter((p): p is WorkspacePath => p !== undefined).map(dirName);
  const candidates = [siblingFolder, filePerAlertFolder(lens), 'runbooks', ...beside].filter((c): c is WorkspacePath => c !== undefined);
  return candidates.find((folder) => lens.index.kindOf(joinPath(folder, 'new-runbook.md')) === 'runbook') ?? candidates[0];
}

/** The end of the first empty list item (`1. ` or `- `) the prefilled section leaves to fill, else the end. */
function firstPartToFill(text: string): number {
  const blank = /^(?:1\.|-) $/m.exec(text);
  return blank ? blank.index + blank[0].length : text.length;
}
