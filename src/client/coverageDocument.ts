import * as vscode from 'vscode';
import { NEW_RUNBOOK_COMMAND, type CoverageReport } from '../shared/protocol.js';

/**
 * The coverage report as a read-only Markdown document: alerts by rule file, each a link (Ctrl/Cmd+
 * click in the editor). Rule and runbook links are `file:` URIs with a `#L<line>` fragment, which
 * VS Code's opener turns into that line; an uncovered alert also gets a "new runbook…" command
 * link. The link provider below makes them all clickable. (The Markdown preview renders no `file:`
 * links and runs no `command:` links: the report is meant to be read as a document.)
 */
export class CoverageDocuments implements vscode.TextDocumentContentProvider, vscode.DocumentLinkProvider {
  static readonly scheme = 'runbook-lens-coverage';
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private text = '';

  /** The report as a document; one already open is refreshed first (else it would show the last report). */
  async open(report: CoverageReport): Promise<vscode.TextDocument> {
    const text = render(report);
    const uri = vscode.Uri.parse(`${CoverageDocuments.scheme}:Runbook coverage.md`);
    this.text = text;
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (open && open.getText() !== text) {
      const refreshed = contentChange(uri, text);
      this.changed.fire(uri);
      await refreshed;
    }
    return vscode.workspace.openTextDocument(uri);
  }

  provideTextDocumentContent(): string {
    return this.text;
  }

  /**
   * Every link of the report, text and target alike. The `file:` ones too: VS Code's own detection
   * of URLs in text hands them to the window as they are, which in a remote window (code-server,
   * SSH, WSL) means a file on the wrong machine; a provider's targets are mapped to the extension
   * host's side.
   */
  provideDocumentLinks(document: vscode.TextDocument): vscode.DocumentLink[] {
    const links: vscode.DocumentLink[] = [];
    const text = document.getText();
    for (const match of text.matchAll(/\[([^\]\n]+)\]\(((?:command|file):[^)\s]+)\)/g)) {
      const start = document.positionAt(match.index!);
      const link = new vscode.DocumentLink(new vscode.Range(start, document.positionAt(match.index! + match[0].length)), vscode.Uri.parse(match[2]));
      link.tooltip = match[1];
      links.push(link);
    }
    return links;
  }
}

/** Resolves once the document shows `text` (VS Code asks the provider again after onDidChange), or after 5 s regardless. */
function contentChange(uri: vscode.Uri, text: string): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      subscription.dispose();
      resolve();
    };
    const subscription = vscode.workspace.onDidChangeTextDocument((event) => {
      if (event.document.uri.toString() === uri.toString() && event.document.getText() === text) done();
    });
    const timer = setTimeout(done, 5_000);
  });
}

/** A URI as a Markdown link destination: parentheses would end it early. */
function destination(uri: string): string {
  return uri.replace(/\(/g, '%28').replace(/\)/g, '%29');
}

/** Runs "New Runbook for Alert…" for this alert: only where it goes is asked. */
function newRunbookLink(alert: string): string {
  return `command:${NEW_RUNBOOK_COMMAND}?${destination(encodeURIComponent(JSON.stringify([alert])))}`;
}

function render(report: CoverageReport): string {
  const alerts = report.ruleFiles.flatMap((f) => f.alerts);
  const covered = alerts.filter((a) => a.covered).length;
  const lines = ['# Runbook coverage', '', `${covered} of ${alerts.length} alerts have a runbook.`, ''];
  for (const file of report.ruleFiles) {
    const relative = vscode.workspace.asRelativePath(vscode.Uri.parse(file.uri));
    const fileCovered = file.alerts.filter((a) => a.covered).length;
    lines.push(`## ${relative} (${fileCovered}/${file.alerts.length})`, '', '| alert | runbook | |', '| --- | --- | --- |');
    for (const alert of file.alerts) {
      const ruleLink = `[${alert.name}](${destination(file.uri)}#L${alert.line + 1})`;
      const runbooks = alert.runbooks.map((r) => `[${vscode.workspace.asRelativePath(vscode.Uri.parse(r.uri))}:${r.line + 1}](${destination(r.uri)}#L${r.line + 1})`);
      const action = alert.covered ? '' : `[new runbook…](${newRunbookLink(alert.name)})`;
      lines.push(`| ${ruleLink} | ${runbooks.join(', ') || (alert.covered ? 'external runbook_url' : '**none**')} | ${action} |`);
    }
    lines.push('');
  }
  return lines.join('\n');
}
