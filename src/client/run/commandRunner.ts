// Click-to-run: a code lens (or a Ctrl+click on an inline command) asks the server for the command
// at that spot, then the runner fills its placeholders, confirms destructive commands, and sends
// it to the runbook's terminal. Nothing runs without a click, nor in an untrusted workspace.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { DEFAULT_DESTRUCTIVE_PATTERNS, UnrunnableCommandError, destructiveMatches, finalCommand, maskedCommand, type RunnableCommand } from '../../core/run/index.js';
import { COMMAND_AT_REQUEST, type CommandAtParams } from '../../shared/protocol.js';
import { windowPrompts, type Prompts } from './prompts.js';
import type { RunbookTerminals } from './runbookTerminals.js';
import type { IncidentTimeline } from './timeline.js';

export interface SentCommand {
  terminal: string;
  text: string;
}

export class CommandRunner implements vscode.Disposable {
  /** Replaceable by extension-host tests. */
  prompts: Prompts = windowPrompts;
  /** Placeholder values per runbook, for this session. */
  private readonly values = new Map<string, Map<string, string>>();
  private readonly sent = new vscode.EventEmitter<SentCommand>();
  readonly onDidSend = this.sent.event;

  constructor(
    private readonly client: LanguageClient,
    private readonly terminals: RunbookTerminals,
    private readonly timeline: IncidentTimeline,
  ) {}

  async run(uri: string, line: number, character: number): Promise<boolean> {
    if (!vscode.workspace.isTrusted) {
      void vscode.window.showWarningMessage('Runbook Lens runs commands only in a trusted workspace.');
      return false;
    }
    const command = await this.commandAt(uri, line, character);
    if (!command) return false;
    if (command.unsafe.length > 0) {
      void vscode.window.showErrorMessage(`This command will not run: it contains hidden characters (${command.unsafe.join('; ')}).`, { modal: true });
      return false;
    }
    if (command.mode === 'promql') return this.openQuery(uri, line, character);
    const runbook = vscode.Uri.parse(uri);
    const values = await this.askValues(runbook, command);
    if (!values) return false;
    const settings = vscode.workspace.getConfiguration('runbookLens.run', runbook);
    const options = { sqlClient: settings.get<string>('sqlClient') || 'psql' };
    let text: string;
    try {
      text = finalCommand(command, values, options);
    } catch (error) {
      // A value with a line break or a hidden character, say: refuse rather than guess.
      if (!(error instanceof UnrunnableCommandError)) throw error;
      for (const placeholder of command.placeholders) this.values.get(runbook.toString())?.delete(placeholder.name);
      void vscode.window.showErrorMessage(`Runbook Lens will not run this command: ${error.message}.`);
      return false;
    }
    const danger = [...new Set([...command.danger, ...destructiveMatches(text, this.patterns(), command.mode)])];
    if (danger.length > 0 && !(await this.prompts.confirm(text, danger))) return false;
    const terminal = this.terminals.terminalFor(runbook, this.cwdFor(runbook, command, settings.get<string>('cwd')), command.env);
    terminal.show(true);
    terminal.sendText(text, !settings.get<boolean>('pasteOnly'));
    this.sent.fire({ terminal: terminal.name, text });
    this.timeline.record({ time: new Date(), runbook: vscode.workspace.asRelativePath(runbook), alert: command.alert, command: maskedCommand(command, values, options) });
    return true;
  }

  async copy(uri: string, line: number, character: number): Promise<void> {
    const command = await this.commandAt(uri, line, character);
    if (!command) return;
    await vscode.env.clipboard.writeText(command.text);
    vscode.window.setStatusBarMessage('Runbook Lens: command copied', 3000);
  }

  /** PromQL never reaches a shell: it opens in the configured Prometheus or Grafana. */
  async openQuery(uri: string, line: number, character: number): Promise<boolean> {
    const command = await this.commandAt(uri, line, character);
    if (!command) return false;
    const base = vscode.workspace.getConfiguration('runbookLens.run', vscode.Uri.parse(uri)).get<string>('prometheusUrl') ?? '';
    if (!base) {
      await vscode.env.clipboard.writeText(command.text);
      const choice = await vscode.window.showInformationMessage('Query copied. Set runbookLens.run.prometheusUrl to open queries in Prometheus or Grafana.', 'Open Settings');
      if (choice) await vscode.commands.executeCommand('workbench.action.openSettings', 'runbookLens.run.prometheusUrl');
      return false;
    }
    const query = encodeURIComponent(command.text.trim());
    const url = base.includes('{query}') ? base.replace('{query}', query) : `${base.replace(/\/+$/, '')}/graph?g0.expr=${query}&g0.tab=0`;
    return vscode.env.openExternal(vscode.Uri.parse(url, true));
  }

  forgetValues(): void {
    this.values.clear();
  }

  private async commandAt(uri: string, line: number, character: number): Promise<RunnableCommand | undefined> {
    const params: CommandAtParams = { uri, position: { line, character } };
    const command = await this.client.sendRequest<RunnableCommand | null>(COMMAND_AT_REQUEST, params);
    if (!command) void vscode.window.showWarningMessage('Runbook Lens: there is no command here any more (the runbook changed).');
    return command ?? undefined;
  }

  /** Each placeholder's value, asked once per runbook and session; undefined if the user cancels. */
  private async askValues(runbook: vscode.Uri, command: RunnableCommand): Promise<Record<string, string> | undefined> {
    const known = this.values.get(runbook.toString()) ?? new Map<string, string>();
    const values: Record<string, string> = {};
    for (const placeholder of command.placeholders) {
      let value = known.get(placeholder.name);
      if (value === undefined) {
        value = await this.prompts.value(placeholder.name, placeholder.token, { secret: placeholder.secret, runbook: path.basename(runbook.fsPath) });
        if (value === undefined) return undefined;
        known.set(placeholder.name, value);
      }
      values[placeholder.name] = value;
    }
    this.values.set(runbook.toString(), known);
    return values;
  }

  private cwdFor(runbook: vscode.Uri, command: RunnableCommand, setting: string | undefined): string | undefined {
    const folder = path.dirname(runbook.fsPath);
    if (command.cwd) return path.resolve(folder, command.cwd);
    if (setting === 'runbookFolder') return folder;
    return vscode.workspace.getWorkspaceFolder(runbook)?.uri.fsPath ?? folder;
  }

  private patterns() {
    const extra = vscode.workspace.getConfiguration('runbookLens.run').get<string[]>('destructivePatterns') ?? [];
    return [...DEFAULT_DESTRUCTIVE_PATTERNS, ...extra.map((pattern) => ({ name: pattern, pattern }))];
  }

  dispose(): void {
    this.sent.dispose();
  }
}
