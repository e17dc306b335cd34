// The VS Code extension: a thin client that starts the language server and owns what only an
// editor can do (status bar, coverage report, tasks).
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { COVERAGE_NOTIFICATION, COVERAGE_REPORT_REQUEST, type CoverageReport, type CoverageSummary, type ServerSettings } from '../shared/protocol.js';
import { CoverageDocuments } from './coverageDocument.js';
import { RunbookLensTasks } from './tasks.js';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('Runbook Lens');
  context.subscriptions.push(output);
  client = createClient(context, output);

  const status = vscode.window.createStatusBarItem('runbookLens.coverage', vscode.StatusBarAlignment.Left, 10);
  status.name = 'Runbook Lens coverage';
  status.command = 'runbookLens.showCoverage';
  context.subscriptions.push(status);

  const coverage = new CoverageDocuments();
  context.subscriptions.push(
    vscode.workspace.registerTextDocumentContentProvider(CoverageDocuments.scheme, coverage),
    vscode.commands.registerCommand('runbookLens.showCoverage', async () => {
      if (!client) return;
      const report = await client.sendRequest<CoverageReport>(COVERAGE_REPORT_REQUEST);
      const uri = coverage.show(report);
      const doc = await vscode.workspace.openTextDocument(uri);
      await vscode.languages.setTextDocumentLanguage(doc, 'markdown');
      await vscode.window.showTextDocument(doc, { preview: true });
    }),
    vscode.commands.registerCommand('runbookLens.restartServer', async () => {
      await client?.restart();
      output.appendLine('Runbook Lens language server restarted.');
    }),
    vscode.tasks.registerTaskProvider(RunbookLensTasks.type, new RunbookLensTasks(context)),
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
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}

function createClient(context: vscode.ExtensionContext, output: vscode.OutputChannel): LanguageClient {
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
  };
}
