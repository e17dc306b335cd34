// Helpers for the integration tests that run inside the VS Code extension host. They wait on
// events, or poll a condition, always with a deadline; they never sleep a fixed time.
import * as vscode from 'vscode';

export const EXTENSION_ID = 'runbook-lens.runbook-lens';

/** The (copied, writable) fixture workspace that the window has open. */
export function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('no workspace folder is open: the tests need test/vscode/fixtures/workspace');
  return folder.uri;
}

export function workspaceFile(relativePath: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceRoot(), ...relativePath.split('/'));
}

/** A file's text read from disk, without opening a document for it. */
export async function readText(uri: vscode.Uri): Promise<string> {
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
}

/** The 0-based number of the first line of `text` that equals `line` (after trimming), or contains it. */
export function lineOf(text: string, needle: string): number {
  const lines = text.split(/\r?\n/);
  let index = lines.findIndex((line) => line.trim() === needle);
  if (index < 0) index = lines.findIndex((line) => line.includes(needle));
  if (index < 0) throw new Error(`no line contains ${JSON.stringify(needle)}`);
  return index;
}

/** A diagnostic's code as a string, whether VS Code holds it plain or as `{ value, target }`. */
export function codeOf(diagnostic: vscode.Diagnostic): string | undefined {
  const code = diagnostic.code;
  if (code === undefined) return undefined;
  return typeof code === 'object' ? String(code.value) : String(code);
}

export function describeDiagnostics(diagnostics: readonly vscode.Diagnostic[]): string {
  if (diagnostics.length === 0) return '(none)';
  return diagnostics
    .map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${vscode.DiagnosticSeverity[d.severity]} ${codeOf(d) ?? '-'} [${d.source ?? ''}] ${d.message}`)
    .join('\n  ');
}

/**
 * Resolves with the diagnostics of `uri` once `predicate` holds for them; checks now and on every
 * onDidChangeDiagnostics event for that file, and rejects after `timeoutMs` with what it saw.
 */
export function waitForDiagnostics(
  uri: vscode.Uri,
  predicate: (diagnostics: readonly vscode.Diagnostic[]) => boolean,
  what: string,
  timeoutMs = 30_000,
): Promise<readonly vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const check = (): void => {
      const diagnostics = vscode.languages.getDiagnostics(uri);
      if (settled || !predicate(diagnostics)) return;
      settled = true;
      clearTimeout(timer);
      subscription.dispose();
      resolve(diagnostics);
    };
    const subscription = vscode.languages.onDidChangeDiagnostics((event) => {
      if (event.uris.some((changed) => changed.toString() === uri.toString())) check();
    });
    const timer = setTimeout(() => {
      if (settled) return;
      settled = true;
      subscription.dispose();
      const seen = vscode.languages.getDiagnostics(uri);
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what} in ${vscode.workspace.asRelativePath(uri)}; its diagnostics:\n  ${describeDiagnostics(seen)}`));
    }, timeoutMs);
    check();
  });
}

/** Polls `condition` every `intervalMs` until it returns a truthy value, or rejects after `timeoutMs`. */
export async function waitFor<T>(condition: () => T | undefined | false | Promise<T | undefined | false>, what: string, timeoutMs = 30_000, intervalMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await condition();
    if (value) return value;
    if (Date.now() >= deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** The extension under test, activated (it activates itself on its events; this waits for that). */
export async function activeExtension(timeoutMs = 30_000): Promise<vscode.Extension<unknown>> {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  if (!extension) throw new Error(`extension ${EXTENSION_ID} is not installed in this window`);
  if (!extension.isActive) await waitFor(() => extension.isActive, `${EXTENSION_ID} to activate`, timeoutMs);
  return extension;
}
