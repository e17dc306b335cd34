import * as vscode from 'vscode';

/** What the runner asks the user; replaceable so extension-host tests can answer for them. */
export interface Prompts {
  /** A placeholder's value; undefined when the user cancels. */
  value(name: string, token: string, options: { secret: boolean; previous?: string; runbook: string }): Promise<string | undefined>;
  /** Confirmation of a destructive command, showing the exact final command. */
  confirm(finalCommand: string, matches: string[]): Promise<boolean>;
}

export const windowPrompts: Prompts = {
  async value(name, token, { secret, previous, runbook }) {
    return vscode.window.showInputBox({
      title: `Runbook Lens: ${runbook}`,
      prompt: `Value for ${token}${secret ? ' (kept out of logs)' : ''}`,
      placeHolder: name,
      value: secret ? undefined : previous,
      password: secret,
      ignoreFocusOut: true,
    });
  },
  async confirm(finalCommand, matches) {
    const choice = await vscode.window.showWarningMessage(
      'Run a destructive command?',
      { modal: true, detail: `${finalCommand}\n\nIt matches: ${matches.join(', ')}.` },
      'Run',
    );
    return choice === 'Run';
  },
};
