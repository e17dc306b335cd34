// The client restarts a language server that crashed, says so, and the features come back.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as vscode from 'vscode';
import type { RunbookLensApi } from '../../../src/client/extension';
import { activeExtension, lineOf, waitFor, workspaceFile } from './helpers';

/** Pids of this window's Runbook Lens server (the extension's dist/server.js). */
function serverPids(extensionPath: string): number[] {
  try {
    const out = execFileSync('pgrep', ['-f', `${extensionPath}/dist/server.js`], { encoding: 'utf8' });
    return out.split('\n').filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

describe('a crashed language server', function () {
  this.timeout(90_000);

  it('is restarted, and definitions work again', async () => {
    const runbook = workspaceFile('docs/runbook.md');
    const document = await vscode.workspace.openTextDocument(runbook);
    await vscode.window.showTextDocument(document);
    const extension = await activeExtension(60_000);
    const api = extension.exports as RunbookLensApi;
    const [pid] = await waitFor(() => {
      const pids = serverPids(extension.extensionPath);
      return pids.length > 0 ? pids : undefined;
    }, 'the language server process', 30_000);
    const restartsBefore = api.serverRestarts();
    process.kill(pid, 'SIGKILL');
    await waitFor(() => api.serverRestarts() > restartsBefore, 'the client to restart the server', 30_000);
    const [newPid] = await waitFor(() => {
      const pids = serverPids(extension.extensionPath).filter((p) => p !== pid);
      return pids.length > 0 ? pids : undefined;
    }, 'a new server process', 30_000);
    assert.notEqual(newPid, pid);
    const line = lineOf(document.getText(), '## api-down');
    const rules = workspaceFile('prometheus/alerts.yml');
    await waitFor(async () => {
      const found = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>('vscode.executeDefinitionProvider', runbook, new vscode.Position(line, 5));
      return found?.some((l) => ('targetUri' in l ? l.targetUri : l.uri).toString() === rules.toString());
    }, 'a definition from the restarted server', 60_000, 250);
  });
});
