// The snippets in a real VS Code: each one, inserted by name through `editor.action.insertSnippet`,
// gives exactly the text the unit tests' expander makes of it (test/unit/snippets.test.ts checks
// that text with Runbook Lens). Works in an untitled document, so the fixture workspace is untouched.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { expandSnippet } from '../../helpers/snippetSyntax';
import { EXTENSION_ID, waitFor, workspaceFile } from './helpers';

interface Snippet {
  prefix: string | string[];
  body: string | string[];
}

async function contributedSnippets(): Promise<Record<string, Snippet>> {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  if (!extension) throw new Error(`extension ${EXTENSION_ID} is not installed in this window`);
  const file = vscode.Uri.joinPath(extension.extensionUri, 'snippets', 'runbook.code-snippets');
  return JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(file))) as Record<string, Snippet>;
}

describe('Runbook Lens snippets in VS Code', function () {
  this.timeout(60_000);

  it('inserts every snippet by name as the expander of the unit tests expands it', async () => {
    const snippets = await contributedSnippets();
    assert.ok(Object.keys(snippets).length >= 4);
    for (const [name, snippet] of Object.entries(snippets)) {
      // Untitled, with a path: $TM_FILENAME_BASE is the alert's name, and nothing is written to disk.
      const uri = workspaceFile('run-scratch/KubePodCrashLooping.md').with({ scheme: 'untitled' });
      const document = await vscode.languages.setTextDocumentLanguage(await vscode.workspace.openTextDocument(uri), 'markdown');
      await vscode.window.showTextDocument(document);
      try {
        await vscode.commands.executeCommand('editor.action.insertSnippet', { langId: 'markdown', name });
        const text = await waitFor(() => document.getText() || undefined, `the text of "${name}"`);
        const body = Array.isArray(snippet.body) ? snippet.body.join('\n') : snippet.body;
        const expected = expandSnippet(body, { variables: { TM_FILENAME_BASE: 'KubePodCrashLooping', TM_FILENAME: 'KubePodCrashLooping.md' } });
        assert.equal(text, expected, name);
      } finally {
        await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      }
    }
  });
});
