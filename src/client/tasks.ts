import * as vscode from 'vscode';

interface RunbookLensTaskDefinition extends vscode.TaskDefinition {
  command: 'check' | 'coverage';
  paths?: string[];
}

/** `runbook-lens check` as a task, its output read by the `$runbook-lens` problem matcher. */
export class RunbookLensTasks implements vscode.TaskProvider {
  static readonly type = 'runbook-lens';

  constructor(private readonly context: vscode.ExtensionContext) {}

  provideTasks(): vscode.Task[] {
    return (vscode.workspace.workspaceFolders ?? []).flatMap((folder) => [
      this.task({ type: RunbookLensTasks.type, command: 'check' }, folder),
      this.task({ type: RunbookLensTasks.type, command: 'coverage' }, folder),
    ]);
  }

  resolveTask(task: vscode.Task): vscode.Task | undefined {
    const definition = task.definition as RunbookLensTaskDefinition;
    const folder = typeof task.scope === 'object' ? task.scope : vscode.workspace.workspaceFolders?.[0];
    return folder ? this.task(definition, folder) : undefined;
  }

  private task(definition: RunbookLensTaskDefinition, folder: vscode.WorkspaceFolder): vscode.Task {
    const cli = this.context.asAbsolutePath('dist/cli.js');
    // The extension host's own Node (Electron runs as Node with this variable).
    const execution = new vscode.ProcessExecution(process.execPath, [cli, definition.command, ...(definition.paths ?? ['.'])], {
      cwd: folder.uri.fsPath,
      env: { ELECTRON_RUN_AS_NODE: '1' },
    });
    const task = new vscode.Task(definition, folder, definition.command, 'runbook-lens', execution, definition.command === 'check' ? ['$runbook-lens'] : []);
    if (definition.command === 'check') task.group = vscode.TaskGroup.Test;
    return task;
  }
}
