// The language server: the core behind LSP, for VS Code and any other editor.
import {
  DidChangeWatchedFilesNotification, FileChangeType, TextDocuments, TextDocumentSyncKind,
  type CodeAction, type Connection, type InitializeParams, type InitializeResult, type Location, type WorkspaceEdit,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { DEFAULT_MAX_FILE_BYTES, unfitText, workspaceCoverage, type ConfigFile, type DiagnosticCode, type SeverityName } from '../core/api.js';
import { definition, references } from '../core/features/navigation.js';
import { hover } from '../core/features/hover.js';
import { completion } from '../core/features/completion.js';
import { documentLinks, documentSymbols, foldingRanges } from '../core/features/outline.js';
import { quickFixes, type CoreEdit } from '../core/features/quickFixes/index.js';
import type { Place } from '../core/features/positions.js';
import { dependents, factsOf, sameFacts } from '../core/impact.js';
import {
  ALERTS_WITHOUT_RUNBOOK_REQUEST, COMMAND_AT_REQUEST, COVERAGE_NOTIFICATION, COVERAGE_REPORT_REQUEST, NEW_RUNBOOK_TARGETS_REQUEST, SECTION_RULES_REQUEST,
  type CommandAtParams, type CoverageReport, type CoverageSummary, type NewRunbookTargetsParams, type SectionRulesParams, type ServerSettings,
} from '../shared/protocol.js';
import { DEFAULT_DESTRUCTIVE_PATTERNS, runnableCommands } from '../core/run/index.js';
import { contains } from '../core/features/positions.js';
import { codeLenses, commandLinks } from './codeLenses.js';
import { alertsWithoutRunbookIn, newRunbookTargetsIn, sectionRulesIn } from './commandRequests.js';
import { DiagnosticScheduler } from './diagnosticScheduler.js';
import { FolderState } from './folderState.js';

interface Located {
  state: FolderState;
  path: string;
}

export class RunbookLensServer {
  private readonly documents = new TextDocuments(TextDocument);
  private folders: FolderState[] = [];
  /** Files outside every workspace folder: checked alone, keyed by their absolute path. */
  private loose = this.newFolder('file:///');
  private settings: ServerSettings = {};
  private folderUris: string[] = [];
  private lastCoverage = '';
  /** Coverage may have changed since it was last counted. */
  private coverageStale = true;
  private supportsDocumentChanges = false;
  private readonly scheduler: DiagnosticScheduler;

  constructor(private readonly connection: Connection) {
    this.scheduler = new DiagnosticScheduler(
      (uri) => this.diagnosticsOf(uri),
      (uri, diagnostics) => void connection.sendDiagnostics({ uri, diagnostics }),
      () => this.sendCoverage(),
    );
  }

  listen(): void {
    const { connection, documents } = this;
    connection.onInitialize((params) => this.initialize(params));
    connection.onInitialized(() => this.background('initialize', this.initialized()));
    connection.onShutdown(() => this.scheduler.dispose());
    documents.onDidChangeContent((event) => this.safely('didChange', () => this.applyText(event.document.uri, event.document.getText()), undefined));
    documents.onDidClose((event) => this.background('didClose', this.fromDisk(event.document.uri, FileChangeType.Changed)));
    connection.onDidChangeWatchedFiles((params) => {
      for (const change of params.changes) this.background('didChangeWatchedFiles', this.fromDisk(change.uri, change.type));
    });
    connection.onDidChangeConfiguration((params) => this.background('didChangeConfiguration', this.configurationChanged(params.settings)));
    connection.onDefinition((p) => this.safely('definition', () => this.places(p.textDocument.uri, (s, path) => definition(s.lens.index, path, p.position)), []));
    connection.onReferences((p) => this.safely('references', () => this.places(p.textDocument.uri, (s, path) => references(s.lens.index, path, p.position, p.context.includeDeclaration)), []));
    connection.onHover((p) => this.safely('hover', () => this.with(p.textDocument.uri, (s, path) => hover(s.lens.index, path, p.position)), null));
    connection.onCompletion((p) => this.safely('completion', () => this.with(p.textDocument.uri, (s, path) => completion(s.lens.index, s.lens.config, path, p.position)) ?? [], []));
    connection.onDocumentSymbol((p) => this.safely('documentSymbol', () => this.with(p.textDocument.uri, (s, path) => documentSymbols(s.lens.index, path)) ?? [], []));
    connection.onFoldingRanges((p) => this.safely('foldingRange', () => this.with(p.textDocument.uri, (s, path) => foldingRanges(s.lens.index, path)) ?? [], []));
    connection.onDocumentLinks((p) => this.safely('documentLink', () => this.with(p.textDocument.uri, (s, path) => [
      ...documentLinks(s.lens.index, path).map((link) => ({
        range: link.range,
        target: `${s.uriOf(link.target.path)}#L${link.target.range.start.line + 1}`,
        tooltip: link.tooltip,
      })),
      ...commandLinks(this.runnable(s, path), p.textDocument.uri),
    ]) ?? [], []));
    connection.onCodeAction((p) => this.safely('codeAction', () => this.with(p.textDocument.uri, (s, path) =>
      quickFixes(s.lens, path, p.context.diagnostics).map((fix): CodeAction => ({
        title: fix.title, kind: 'quickfix', diagnostics: [fix.diagnostic], isPreferred: fix.isPreferred, edit: this.toWorkspaceEdit(s, fix.edit),
      }))) ?? [], []));
    connection.onCodeLens((p) => this.safely('codeLens', () => this.with(p.textDocument.uri, (s, path) => codeLenses(this.runnable(s, path), p.textDocument.uri)) ?? [], []));
    connection.onRequest(COMMAND_AT_REQUEST, (p: CommandAtParams) => this.safely('commandAt', () => this.with(p.uri, (s, path) =>
      this.runnable(s, path).find((c) => contains(c.range, p.position)) ?? null) ?? null, null));
    connection.onRequest(COVERAGE_REPORT_REQUEST, () => this.safely('coverageReport', () => this.coverageReport(), { ruleFiles: [] }));
    connection.onRequest(ALERTS_WITHOUT_RUNBOOK_REQUEST, () => this.safely('alertsWithoutRunbook', () => alertsWithoutRunbookIn(this.folders), { alerts: [], total: 0 }));
    connection.onRequest(NEW_RUNBOOK_TARGETS_REQUEST, (p: NewRunbookTargetsParams) => this.safely('newRunbookTargets', () => newRunbookTargetsIn(this.folders, p), { status: 'unknown', runbooks: [], targets: [] }));
    connection.onRequest(SECTION_RULES_REQUEST, (p: SectionRulesParams) => this.safely('sectionRules', () => this.with(p.uri, (s, path) => sectionRulesIn(s, path, p.position)) ?? null, null));
    documents.listen(connection);
    connection.listen();
  }

  private initialize(params: InitializeParams): InitializeResult {
    this.settings = (params.initializationOptions?.settings ?? {}) as ServerSettings;
    this.supportsDocumentChanges = params.capabilities.workspace?.workspaceEdit?.documentChanges === true;
    this.folderUris = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    this.applySettings();
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        definitionProvider: true,
        referencesProvider: true,
        hoverProvider: true,
        completionProvider: { triggerCharacters: ['`', '#', ' ', '*', '['] },
        documentSymbolProvider: true,
        foldingRangeProvider: true,
        documentLinkProvider: { resolveProvider: false },
        codeActionProvider: { codeActionKinds: ['quickfix'] },
        codeLensProvider: { resolveProvider: false },
      },
      serverInfo: { name: 'runbook-lens-server' },
    };
  }

  private async initialized(): Promise<void> {
    await this.connection.client.register(DidChangeWatchedFilesNotification.type, {
      watchers: [{ globPattern: '**/*.{md,markdown,yml,yaml,rules}' }, { globPattern: '**/*' , kind: 1 | 4 }],
    }).catch(() => undefined);
    await Promise.all(this.folders.map((folder) => this.reload(folder, true)));
  }

  private applySettings(): void {
    this.scheduler.delayMs = Math.max(0, this.settings.debounceMs ?? 0);
    this.folders = this.folderUris.map((uri) => this.newFolder(uri));
    this.loose = this.newFolder('file:///');
  }

  private newFolder(uri: string): FolderState {
    const settings = this.settings ?? {};
    const overrides: ConfigFile = {};
    if (settings.runbooks?.length) overrides.runbooks = settings.runbooks;
    if (settings.rules?.length) overrides.rules = settings.rules;
    if (settings.exclude?.length) overrides.exclude = settings.exclude;
    if (settings.diagnostics && Object.keys(settings.diagnostics).length > 0) {
      overrides.diagnostics = settings.diagnostics as Partial<Record<DiagnosticCode, SeverityName>>;
    }
    const maxBytes = settings.maxFileSizeKb ? settings.maxFileSizeKb * 1024 : DEFAULT_MAX_FILE_BYTES;
    return new FolderState(uri, overrides, maxBytes);
  }

  private async configurationChanged(settings: unknown): Promise<void> {
    const fromPush = (settings as { runbookLens?: ServerSettings } | null)?.runbookLens;
    const pulled = fromPush ?? (await this.connection.workspace.getConfiguration('runbookLens').catch(() => undefined));
    if (!pulled) return;
    this.settings = pulled as ServerSettings;
    const stale = this.scheduler.publishedUris();
    this.applySettings();
    await Promise.all(this.folders.map((folder) => this.reload(folder, false)));
    this.recheck(stale);
  }

  /** Scans a folder anew (at start, or when its config or the settings change), then re-checks it. */
  private async reload(folder: FolderState, withProgress: boolean): Promise<void> {
    const progress = withProgress ? await this.connection.window.createWorkDoneProgress() : undefined;
    progress?.begin('Runbook Lens', 0, 'Indexing runbooks and alert rules…', false);
    const configDoc = this.documents.all().find((doc) => {
      const path = folder.pathOf(doc.uri);
      return path !== undefined && folder.isConfigFile(path);
    });
    const configFile = configDoc ? { path: folder.pathOf(configDoc.uri)!, text: configDoc.getText() } : undefined;
    const previous = folder.lens.checkedFiles().map((path) => folder.uriOf(path));
    await folder.load((done, total) => progress?.report(Math.round((done / total) * 100), `${done}/${total} files`), configFile);
    for (const doc of this.documents.all()) {
      const path = folder.pathOf(doc.uri);
      if (path !== undefined && !folder.isConfigFile(path)) this.indexText(folder, path, doc.uri, doc.getText());
    }
    for (const notice of folder.notices) this.connection.console.warn(`${notice.path}: ${notice.message}`);
    progress?.done();
    this.recheck([...previous, ...folder.lens.checkedFiles().map((path) => folder.uriOf(path))]);
  }

  private locate(uri: string): Located | undefined {
    for (const state of this.folders) {
      const path = state.pathOf(uri);
      if (path !== undefined) return { state, path };
    }
    const parsed = URI.parse(uri);
    if (parsed.scheme !== 'file') return undefined;
    const path = this.loose.pathOf(uri);
    return path === undefined ? undefined : { state: this.loose, path };
  }

  /** An editor's text changed: index it, check it, and check the files that depend on it. */
  private applyText(uri: string, text: string): void {
    const located = this.locate(uri);
    if (!located) return;
    const { state, path } = located;
    if (state !== this.loose && state.isConfigFile(path)) {
      this.background('reload', this.reload(state, false));
      return;
    }
    const before = factsOf(state.lens.index, path);
    this.indexText(state, path, uri, text);
    const after = factsOf(state.lens.index, path);
    // A runbook edit that keeps its sections and anchors cannot change coverage: the keystroke
    // path then skips recounting it over every alert of the workspace.
    const coverageMayChange = !(before.kind === 'runbook' && after.kind === 'runbook' && sameFacts(before, after));
    this.recheck([uri, ...dependents(state.lens.index, path, before, after).map((p) => state.uriOf(p))], coverageMayChange);
  }

  /** Checks these files (soon), and recounts coverage afterwards unless the change cannot affect it. */
  private recheck(uris: string[], coverageMayChange = true): void {
    if (coverageMayChange) this.coverageStale = true;
    this.scheduler.schedule(uris);
  }

  /** Indexes an editor's text, unless it is too large, binary or nested past all reason (then it is left out, and logged). */
  private indexText(state: FolderState, path: string, uri: string, text: string): void {
    const problem = text.length > state.maxFileBytes
      ? `${text.length} characters is more than the ${state.maxFileBytes}-byte limit (runbookLens.maxFileSizeKb)`
      : unfitText(state.lens, path, text);
    if (!problem) {
      state.lens.index.setFile(path, text, { edited: true });
      return;
    }
    this.connection.console.warn(`${uri}: skipped: ${problem}`);
    state.lens.index.removeFile(path);
    state.lens.index.addPath(path);
  }

  /** A file changed on disk (or its editor closed): the editor's text wins while it is open. */
  private async fromDisk(uri: string, type: FileChangeType): Promise<void> {
    const located = this.locate(uri);
    if (!located || (type !== FileChangeType.Deleted && this.documents.get(uri))) return;
    const { state, path } = located;
    if (state === this.loose) {
      state.lens.index.removeFile(path);
      this.recheck([uri]);
      return;
    }
    if (state.isConfigFile(path)) return this.reload(state, false);
    // A deleted folder comes as one event for the folder: each file indexed under it goes too.
    const inFolder = type === FileChangeType.Deleted && !state.lens.index.files.has(path) ? state.lens.index.files.under(path) : [];
    for (const filePath of inFolder) await this.refreshPath(state, filePath, state.uriOf(filePath));
    if (inFolder.length === 0) await this.refreshPath(state, path, uri);
  }

  private async refreshPath(state: FolderState, path: string, uri: string): Promise<void> {
    const before = factsOf(state.lens.index, path);
    const notice = await state.refreshFromDisk(path);
    if (notice) this.connection.console.warn(`${notice.path}: ${notice.message}`);
    const after = factsOf(state.lens.index, path);
    this.recheck([uri, ...dependents(state.lens.index, path, before, after).map((p) => state.uriOf(p))]);
  }

  private diagnosticsOf(uri: string) {
    const located = this.locate(uri);
    if (!located) return [];
    const { state, path } = located;
    return this.safely('diagnostics', () => state.lens.diagnosticsFor(path), []);
  }

  private with<T>(uri: string, run: (state: FolderState, path: string) => T): T | undefined {
    const located = this.locate(uri);
    return located ? run(located.state, located.path) : undefined;
  }

  private runnable(state: FolderState, path: string) {
    const extra = this.settings.run?.destructivePatterns ?? [];
    return runnableCommands(state.lens.index, path, { destructivePatterns: [...DEFAULT_DESTRUCTIVE_PATTERNS, ...extra.map((pattern) => ({ name: pattern, pattern }))] });
  }

  private places(uri: string, run: (state: FolderState, path: string) => Place[]): Location[] {
    return this.with(uri, (state, path) => run(state, path).map((place) => ({ uri: state.uriOf(place.path), range: place.range }))) ?? [];
  }

  private toWorkspaceEdit(state: FolderState, edit: CoreEdit): WorkspaceEdit {
    if (!this.supportsDocumentChanges) {
      return { changes: Object.fromEntries(edit.changes.map((change) => [state.uriOf(change.path), change.edits])) };
    }
    return {
      documentChanges: [
        ...(edit.create ?? []).flatMap((file) => {
          const uri = state.uriOf(file.path);
          const end = { line: 0, character: 0 };
          return [
            { kind: 'create' as const, uri, options: { ignoreIfExists: true } },
            { textDocument: { uri, version: null }, edits: [{ range: { start: end, end }, newText: file.text }] },
          ];
        }),
        ...edit.changes.map((change) => ({ textDocument: { uri: state.uriOf(change.path), version: null }, edits: change.edits })),
      ],
    };
  }

  private sendCoverage(): void {
    if (!this.coverageStale) return;
    this.coverageStale = false;
    const summary: CoverageSummary = { alerts: 0, covered: 0 };
    for (const folder of this.folders) {
      for (const alert of workspaceCoverage(folder.lens.index)) {
        summary.alerts++;
        if (alert.covered) summary.covered++;
      }
    }
    const key = JSON.stringify(summary);
    if (key === this.lastCoverage) return;
    this.lastCoverage = key;
    void this.connection.sendNotification(COVERAGE_NOTIFICATION, summary);
  }

  private coverageReport(): CoverageReport {
    const report: CoverageReport = { ruleFiles: [] };
    for (const folder of this.folders) {
      const byFile = new Map<string, CoverageReport['ruleFiles'][number]>();
      for (const alert of workspaceCoverage(folder.lens.index)) {
        const uri = folder.uriOf(alert.file);
        const entry = byFile.get(uri) ?? { uri, alerts: [] };
        const runbooks = alert.sections.map((s) => ({ uri: folder.uriOf(s.file), line: s.section.range.start.line }));
        entry.alerts.push({ name: alert.rule.name, line: alert.rule.nameRange.start.line, covered: alert.covered, runbooks });
        byFile.set(uri, entry);
      }
      report.ruleFiles.push(...byFile.values());
    }
    return report;
  }

  /** Work started from a notification: a failure is logged, never left to end the process. */
  private background(what: string, work: Promise<unknown>): void {
    work.catch((error: unknown) => this.connection.console.error(`${what} failed: ${(error as Error)?.stack ?? error}`));
  }

  /** A request that throws fails alone: it is logged and answered with a neutral result. */
  private safely<T>(what: string, run: () => T, fallback: T): T {
    try {
      return run();
    } catch (error) {
      this.connection.console.error(`${what} failed: ${(error as Error).stack ?? error}`);
      return fallback;
    }
  }
}
