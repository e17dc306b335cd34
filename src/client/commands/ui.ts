// What the editor commands ask and tell: quick picks and messages. Extension-host tests cannot click
// a quick pick, so the extension exports this holder and a test swaps its `ui` (as it does the
// runner's prompts).
import * as vscode from 'vscode';

export interface CommandUi {
  pick<T extends vscode.QuickPickItem>(items: readonly T[], options: vscode.QuickPickOptions): Promise<T | undefined>;
  info(message: string): void;
  warn(message: string): void;
}

export const vscodeUi: CommandUi = {
  pick: async (items, options) => vscode.window.showQuickPick(items, { matchOnDescription: true, matchOnDetail: true, ...options }),
  info: (message) => void vscode.window.showInformationMessage(message),
  warn: (message) => void vscode.window.showWarningMessage(message),
};

export class CommandUiHolder {
  ui: CommandUi = vscodeUi;
}

/** A file URI (as the server sends it) as the workspace-relative path people read. */
export function relativePath(uri: string): string {
  return vscode.workspace.asRelativePath(vscode.Uri.parse(uri));
}
