// The VS Code extension: a thin client that starts the language server and owns what only an
// editor can do (status bar, coverage report, tasks).
import * as vscode from 'vscode';
import { CloseAction, ErrorAction, LanguageClient, TransportKind, type ErrorHandler, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import {
  COPY_COMMAND, COVERAGE_NOTIFICATION, COVERAGE_REPORT_REQUEST, EXPLAIN_UNSAFE_COMMAND, NEW_RUNBOOK_COMMAND, OPEN_QUERY_COMMAND,
  OPEN_RULE_FOR_SECTION_COMMAND, RUN_COMMAND, type CoverageReport, type CoverageSummary, type ServerSettings,
} from '../shared/protocol.js';
import { NewRunbookForAlert } from './commands/newRunbookForAlert.js';
import { OpenRuleForSection } from './commands/openRuleForSection.js';
import { CommandUiHolder } from './commands/ui.js';
import { CoverageDocuments } from './coverageDocument.js';
import { RunbookLensTasks } from './tasks.js';
import { CommandRunner } from './run/commandRunner.js';
import { RunbookTerminals } from './run/runbookTerminals.js';
import { IncidentTimeline } from './run/timeline.js';

let client: LanguageClient | undefined;

/** What the extension exports: the runner, so extension-host tests can answer its prompts. */
export interface RunbookLensApi {
  runner: CommandRunner;
  /** The quick picks and messages of the editor commands (New Runbook for Alert…, Open Rule for This Section). */
  commandUi: CommandUiHolder;
  /** How often the language server stopped unexpectedly and was restarted. */
  serverRestarts(): number;
}

/** Restart a server that stopped, and say so; give up after 5 stops within 3 minutes. */
function restartingErrorHandler(output: vscode.OutputChannel): { handler: ErrorHandler; restarts: () => number } {
  const stops: number[] = [];
  let restarts = 0;
  const handler: ErrorHandler = {
    error: (_error, _message, count) => ({ action: count !== undefined && count <= 3 ? ErrorAction.Continue : ErrorAction.Shutdown }),
    closed: () => {
      const now = Date.now();
      stops.push(now);
      while (stops.length > 0 && stops[0] < now - 3 * 60_000) stops.shift();
      if (stops.length > 5) {
        void vscode.window.showErrorMessage('The Runbook Lens language server stopped 5 times in 3 minutes and will not be restarted. See the "Runbook Lens" output.');
        return { action: CloseAction.DoNotRestart, handled: true };
      }
      restarts++;
      output.appendLine(`[${new Date().toISOString()}] the language server stopped unexpectedly; restarting it`);
      void vscode.window.showWarningMessage('The Runbook Lens language server stopped unexpectedly and was restarted.');
      return { action: CloseAction.Restart, handled: true };
    },
  };
  return { handler, restarts: () => restarts };
}

export async function activate(context: vscode.ExtensionContext): Promise<RunbookLensApi> {
  const output = vscode.window.createOutputChannel('Runbook Lens');
  context.subscriptions.push(output);
  const errors = restartingErrorHandler(output);
  client = createClient(context, output, errors.handler);

  const status = vscode.window.createStatusBarItem('runbookLens.coverage', vscode.StatusBarAlignment.Left, 10);
  status.name = 'Runbook Lens coverage';
  status.command = 'runbookLens.showCoverage';
  context.subscriptions.push(status);

  const coverage = new CoverageDocuments();
  context.subscriptions.push(
    vscode.workspace.registerTextDocumentContentProvider(CoverageDocuments.scheme, coverage),
    vscode.languages.registerDocumentLinkProvider({ scheme: CoverageDocuments.scheme }, coverage),
    vscode.commands.registerCommand('runbookLens.showCoverage', async () => {
      if (!client) return;
      const report = await client.sendRequest<CoverageReport>(COVERAGE_REPORT_REQUEST);
      const doc = await coverage.open(report);
      await vscode.window.showTextDocument(doc.languageId === 'markdown' ? doc : await vscode.languages.setTextDocumentLanguage(doc, 'markdown'), { preview: true });
    }),
    vscode.commands.registerCommand('runbookLens.restartServer', async () => {
      await client?.restart();
      output.appendLine('Runbook Lens language server restarted.');
    }),
    vscode.tasks.registerTaskProvider(RunbookLensTasks.type, new RunbookLensTasks(context)),
  );

  const commandUi = new CommandUiHolder();
  const newRunbook = new NewRunbookForAlert(() => client, commandUi);
  const openRule = new OpenRuleForSection(() => client, commandUi);
  context.subscriptions.push(
    vscode.commands.registerCommand(NEW_RUNBOOK_COMMAND, (alert?: unknown, options?: unknown) => newRunbook.run(alert, options)),
    vscode.commands.registerCommand(OPEN_RULE_FOR_SECTION_COMMAND, () => openRule.run()),
  );

  const timeline = new IncidentTimeline();
  const terminals = new RunbookTerminals();
  const runner = new CommandRunner(client, terminals, timeline);
  context.subscriptions.push(
    timeline, terminals, runner,
    vscode.commands.registerCommand(RUN_COMMAND, (uri: string, line: number, character: number) => runner.run(uri, line, character)),
    vscode.commands.registerCommand(COPY_COMMAND, (uri: string, line: number, character: number) => runner.copy(uri, line, character)),
    vscode.commands.registerCommand(OPEN_QUERY_COMMAND, (uri: string, line: number, character: number) => runner.openQuery(uri, line, character)),
    vscode.commands.registerCommand(EXPLAIN_UNSAFE_COMMAND, () => vscode.window.showErrorMessage(
      'This command contains hidden or bidirectional Unicode characters, which can make it do something other than what it shows. Runbook Lens will not run it; see the unsafe-command problem.',
      { modal: true },
    )),
    vscode.commands.registerCommand('runbookLens.forgetPlaceholderValues', () => {
      runner.forgetValues();
      vscode.window.setStatusBarMessage('Runbook Lens: placeholder values forgotten', 3000);
    }),
    vscode.commands.registerCommand('runbookLens.exportTimeline', async () => {
      const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: timeline.toMarkdown() });
      await vscode.window.showTextDocument(doc);
    }),
    // Lenses appear once the workspace is trusted: the server is asked again.
    vscode.workspace.onDidGrantWorkspaceTrust(() => void client?.restart()),
  );

  client.onNotification(COVERAGE_NOTIFICATION, (summary: CoverageSummary) => {
    if (summary.alerts === 0) {
      status.hide();
      return;
    }
    status.text = `$(book) ${summary.covered}/${summary.alerts} alerts`;
    status.tooltip = `${summary.covered} of ${summary.alerts} alerts have a runbook. Click for the coverage report.`;
    status.backgroundColor = summary.covered < summary.alerts ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    status.show();
  });
  await client.start();
  return { runner, commandUi, serverRestarts: errors.restarts };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}

function createClient(context: vscode.ExtensionContext, output: vscode.OutputChannel, errorHandler: ErrorHandler): LanguageClient {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'markdown' },
      { scheme: 'file', language: 'yaml' },
      { scheme: 'file', pattern: '**/*.rules' },
    ],
    initializationOptions: { settings: readSettings() },
    synchronize: { configurationSection: 'runbookLens' },
    outputChannel: output,
    errorHandler,
    middleware: {
      // No run lenses and no command links in an untrusted workspace.
      provideCodeLenses: (document, token, next) => (vscode.workspace.isTrusted ? next(document, token) : []),
      provideDocumentLinks: async (document, token, next) => {
        const links = (await next(document, token)) ?? [];
        return vscode.workspace.isTrusted ? links : links.filter((link) => link.target?.scheme !== 'command');
      },
    },
  };
  const languageClient = new LanguageClient('runbookLens', 'Runbook Lens', serverOptions, clientOptions);
  context.subscriptions.push({ dispose: () => void languageClient.stop() });
  return languageClient;
}

function readSettings(): ServerSettings {
  const config = vscode.workspace.getConfiguration('runbookLens');
  return {
    runbooks: config.get<string[]>('runbooks'),
    rules: config.get<string[]>('rules'),
    exclude: config.get<string[]>('exclude'),
    diagnostics: config.get<Record<string, string>>('diagnostics'),
    maxFileSizeKb: config.get<number>('maxFileSizeKb'),
    debounceMs: config.get<number>('debounceMs'),
    run: { destructivePatterns: config.get<string[]>('run.destructivePatterns') },
  };
}
