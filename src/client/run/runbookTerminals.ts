import * as path from 'node:path';
import * as vscode from 'vscode';

/** One named terminal per runbook: reused while open, made again after it is closed. */
export class RunbookTerminals implements vscode.Disposable {
  private readonly terminals = new Map<string, vscode.Terminal>();
  private readonly subscription = vscode.window.onDidCloseTerminal((closed) => {
    for (const [key, terminal] of this.terminals) if (terminal === closed) this.terminals.delete(key);
  });

  /** The runbook's terminal; cwd and env apply when it is made. */
  terminalFor(runbook: vscode.Uri, cwd: string | undefined, env: Record<string, string> | undefined): vscode.Terminal {
    const key = runbook.toString();
    const open = this.terminals.get(key);
    if (open && open.exitStatus === undefined) return open;
    const terminal = vscode.window.createTerminal({ name: `Runbook: ${path.basename(runbook.fsPath)}`, cwd, env });
    this.terminals.set(key, terminal);
    return terminal;
  }

  dispose(): void {
    this.subscription.dispose();
    this.terminals.clear();
  }
}
