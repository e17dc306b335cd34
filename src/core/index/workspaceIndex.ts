import picomatch from 'picomatch';
import type { AlertRule, RuleFile, WorkspacePath } from '../types.js';
import type { ResolvedConfig } from '../config.js';
import { alertKey, partKey } from '../names.js';
import { createMarkdownParser, type MarkdownParser } from '../markdown/markdownAst.js';
import { parseRunbook } from '../markdown/parseRunbook.js';
import { createChunkCache, type ChunkCache } from '../markdown/chunks.js';
import type { RunbookDoc } from '../markdown/runbookModel.js';
import { resolveSections, type RunbookSection, type SectionContext } from '../markdown/sections.js';
import { parseRuleFile } from '../alertRules/parseRuleFile.js';
import { FileLookup } from './fileLookup.js';
import { prepareUrlPrefixes, resolveRunbookUrl, type RunbookUrlTarget, type UrlPrefix } from './runbookUrls.js';
import type { AlertCoverage } from '../coverage.js';

export type FileKind = 'runbook' | 'rules' | 'other';

export interface IndexedRule {
  rule: AlertRule;
  file: WorkspacePath;
}

export interface IndexedSection {
  section: RunbookSection;
  file: WorkspacePath;
}

/**
 * Everything the workspace holds, kept up to date one file at a time: a changed file is parsed
 * alone; what depends on the set of alerts (which headings are sections) is recomputed lazily.
 */
export class WorkspaceIndex {
  readonly files = new FileLookup();
  readonly runbooks = new Map<WorkspacePath, RunbookDoc>();
  readonly ruleFiles = new Map<WorkspacePath, RuleFile>();

  private readonly parseMarkdown: MarkdownParser = createMarkdownParser();
  /** Each known file's kind, matched once (the globs are fixed for the index's life; a scan asks three times a file). */
  private readonly kinds = new Map<WorkspacePath, FileKind>();
  private readonly isRunbookPath: (path: string) => boolean;
  private readonly isRulePath: (path: string) => boolean;
  private readonly commandTools: ReadonlySet<string>;
  private readonly sectionContext: SectionContext;
  private readonly urlPrefixes: readonly UrlPrefix[];
  /** Bumped whenever a rule file changes: section resolution depends on the alerts. */
  private rulesVersion = 0;
  private alertsCache?: { version: number; byKey: Map<string, IndexedRule[]> };
  /** Per runbook, the parse trees of its pieces: a keystroke re-parses one piece. */
  private readonly chunkCaches = new Map<WorkspacePath, ChunkCache>();
  private readonly sectionCache = new Map<WorkspacePath, { version: number; doc: RunbookDoc; sections: RunbookSection[] }>();
  /** Every section by alert key; runbooks changed since it was built are patched in on the next read. */
  private sectionsByKeyCache?: Map<string, IndexedSection[]>;
  private readonly keysByRunbook = new Map<WorkspacePath, string[]>();
  private readonly changedRunbooks = new Set<WorkspacePath>();
  /** Where each rule's runbook_url leads (three checks and the report ask); renewed when the set of files changes. */
  private urlTargets = new WeakMap<AlertRule, RunbookUrlTarget>();
  /** Each alert's coverage (missing-runbook and the report both ask); it reads the whole index, so any change empties it. */
  private coverage = new WeakMap<AlertRule, AlertCoverage>();

  constructor(readonly config: ResolvedConfig) {
    const excluded = picomatch(config.exclude, { dot: true });
    const runbook = picomatch(config.runbooks, { dot: true });
    const rules = picomatch(config.rules, { dot: true });
    this.isRunbookPath = (path) => runbook(path) && !excluded(path);
    this.isRulePath = (path) => rules(path) && !excluded(path);
    this.commandTools = new Set(config.commandTools);
    this.urlPrefixes = prepareUrlPrefixes(config.runbookUrls);
    const aliases = new Map<string, string>();
    for (const [part, list] of Object.entries(config.partAliases)) for (const alias of list) aliases.set(partKey(alias), part);
    this.sectionContext = {
      partAliases: aliases,
      knownAlert: (key) => this.alertsByKey().get(key)?.[0].rule.name,
    };
  }

  kindOf(path: WorkspacePath): FileKind {
    return this.kinds.get(path) ?? this.matchKind(path);
  }

  private matchKind(path: WorkspacePath): FileKind {
    if (this.isRunbookPath(path)) return 'runbook';
    if (this.isRulePath(path)) return 'rules';
    return 'other';
  }

  /** Records that a file exists without reading it (link targets, images, ...). */
  addPath(path: WorkspacePath): void {
    if (this.files.has(path)) return;
    this.files.add(path);
    this.kinds.set(path, this.matchKind(path));
    this.urlTargets = new WeakMap();
    this.coverage = new WeakMap();
  }

  /**
   * Adds or replaces a file's text; returns how it was treated. `edited`: the text comes from an
   * editor, so the runbook's parsed pieces are kept for the next keystroke (a workspace scan keeps
   * none: thousands of parse trees would only cost memory).
   */
  setFile(path: WorkspacePath, text: string, options: { edited?: boolean } = {}): FileKind {
    this.addPath(path);
    this.coverage = new WeakMap();
    const kind = this.kindOf(path);
    if (kind === 'runbook') {
      let cache = this.chunkCaches.get(path);
      if (!cache && options.edited) this.chunkCaches.set(path, (cache = createChunkCache()));
      this.runbooks.set(path, parseRunbook(path, text, this.parseMarkdown, { commandTools: this.commandTools }, cache));
      this.sectionCache.delete(path);
      this.changedRunbooks.add(path);
    } else if (kind === 'rules') {
      const parsed = parseRuleFile(path, text);
      const had = this.ruleFiles.has(path);
      if (parsed) this.ruleFiles.set(path, parsed);
      else this.ruleFiles.delete(path);
      if (parsed || had) this.rulesChanged();
    }
    return kind;
  }

  removeFile(path: WorkspacePath): void {
    this.coverage = new WeakMap();
    if (this.files.has(path)) this.urlTargets = new WeakMap();
    this.files.delete(path);
    this.kinds.delete(path);
    this.chunkCaches.delete(path);
    if (this.runbooks.delete(path)) {
      this.sectionCache.delete(path);
      this.changedRunbooks.add(path);
    }
    if (this.ruleFiles.delete(path)) this.rulesChanged();
  }

  private rulesChanged(): void {
    this.rulesVersion++;
    this.sectionsByKeyCache = undefined;
  }

  /** Alert rules (not recording rules) by alertKey, in file order. */
  alertsByKey(): Map<string, IndexedRule[]> {
    if (this.alertsCache?.version === this.rulesVersion) return this.alertsCache.byKey;
    const byKey = new Map<string, IndexedRule[]>();
    for (const [file, ruleFile] of [...this.ruleFiles].sort(([a], [b]) => a.localeCompare(b))) {
      for (const rule of ruleFile.rules) {
        if (rule.kind !== 'alert') continue;
        const key = alertKey(rule.name);
        const list = byKey.get(key) ?? [];
        list.push({ rule, file });
        byKey.set(key, list);
      }
    }
    this.alertsCache = { version: this.rulesVersion, byKey };
    return byKey;
  }

  /** True when the workspace defines at least one alert (only then is `unknown-alert` meaningful). */
  hasAlertRules(): boolean {
    return this.alertsByKey().size > 0;
  }

  sectionsOf(path: WorkspacePath): RunbookSection[] {
    const doc = this.runbooks.get(path);
    if (!doc) return [];
    const cached = this.sectionCache.get(path);
    if (cached && cached.version === this.rulesVersion && cached.doc === doc) return cached.sections;
    const sections = resolveSections(doc, this.sectionContext);
    this.sectionCache.set(path, { version: this.rulesVersion, doc, sections });
    return sections;
  }

  /** Every section of every runbook by alertKey, files in path order. */
  sectionsByKey(): Map<string, IndexedSection[]> {
    if (!this.sectionsByKeyCache) return this.buildSectionsByKey();
    // A keystroke changes one runbook: patch its entries instead of regrouping every runbook.
    for (const file of this.changedRunbooks) {
      for (const key of this.keysByRunbook.get(file) ?? []) {
        const rest = (this.sectionsByKeyCache.get(key) ?? []).filter((entry) => entry.file !== file);
        if (rest.length > 0) this.sectionsByKeyCache.set(key, rest);
        else this.sectionsByKeyCache.delete(key);
      }
      this.addSections(this.sectionsByKeyCache, file, true);
    }
    this.changedRunbooks.clear();
    return this.sectionsByKeyCache;
  }

  private buildSectionsByKey(): Map<string, IndexedSection[]> {
    const byKey = new Map<string, IndexedSection[]>();
    this.keysByRunbook.clear();
    for (const file of [...this.runbooks.keys()].sort()) this.addSections(byKey, file, false);
    this.changedRunbooks.clear();
    this.sectionsByKeyCache = byKey;
    return byKey;
  }

  private addSections(byKey: Map<string, IndexedSection[]>, file: WorkspacePath, keepOrder: boolean): void {
    const keys: string[] = [];
    for (const section of this.sectionsOf(file)) {
      const list = byKey.get(section.key) ?? [];
      list.push({ section, file });
      // Files in path order (sections of one file stay in document order: the sort is stable).
      if (keepOrder) list.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
      byKey.set(section.key, list);
      keys.push(section.key);
    }
    if (keys.length > 0) this.keysByRunbook.set(file, keys);
    else this.keysByRunbook.delete(file);
  }

  resolveRunbookUrl(rule: AlertRule, ruleFile: WorkspacePath): RunbookUrlTarget | undefined {
    if (rule.runbookUrl === undefined) return undefined;
    let target = this.urlTargets.get(rule);
    if (!target) this.urlTargets.set(rule, (target = resolveRunbookUrl(rule.runbookUrl, ruleFile, this.urlPrefixes, this.files)));
    return target;
  }

  /** The memo of alert coverage for the index as it is now (see coverage.ts). */
  coverageMemo(): WeakMap<AlertRule, AlertCoverage> {
    return this.coverage;
  }

  /** Does a runbook document have this GitHub anchor? Files that are not parsed runbooks are not checked. */
  hasAnchor(file: WorkspacePath, anchor: string): boolean {
    const doc = this.runbooks.get(file);
    if (!doc) return true;
    // Anchors are mostly written as GitHub makes them (lowercase): the exact one is tried first.
    return doc.anchors.has(anchor) || doc.anchors.has(anchor.toLowerCase());
  }
}
