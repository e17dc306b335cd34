import * as vscode from 'vscode';
import { NEW_RUNBOOK_COMMAND, type CoverageReport } from '../shared/protocol.js';

/**
 * The coverage report as a read-only Markdown document: alerts by rule file, each a link (Ctrl/Cmd+
 * click in the editor). The text stays readable (names and `path:line`, no URLs); the link provider
 * below knows where each name points: the rule's line, the runbook's line, or "new runbook…".
 * (The Markdown preview would show no such links: the report is meant to be read as a document.)
 */
export class CoverageDocuments implements vscode.TextDocumentContentProvider, vscode.DocumentLinkProvider {
  static readonly scheme = 'runbook-lens-coverage';
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private rendered: Rendered = { text: '', links: [] };

  /** The report as a document; one already open is refreshed first (else it would show the last report). */
  async open(report: CoverageReport): Promise<vscode.TextDocument> {
    this.rendered = render(report);
    const text = this.rendered.text;
    const uri = vscode.Uri.parse(`${CoverageDocuments.scheme}:Runbook coverage.md`);
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (open && open.getText() !== text) {
      const refreshed = contentChange(uri, text);
      this.changed.fire(uri);
      await refreshed;
    }
    return vscode.workspace.openTextDocument(uri);
  }

  provideTextDocumentContent(): string {
    return this.rendered.text;
  }

  /**
   * The report's links, as targets the extension host resolves: in a remote window (code-server,
   * SSH, WSL) a `file:` URL found in the text by VS Code would name a file on the wrong machine.
   */
  provideDocumentLinks(document: vscode.TextDocument): vscode.DocumentLink[] {
    if (document.getText() !== this.rendered.text) return [];
    return this.rendered.links.map((l) => {
      const link = new vscode.DocumentLink(new vscode.Range(l.line, l.start, l.line, l.end), vscode.Uri.parse(l.target));
      link.tooltip = l.tooltip;
      return link;
    });
  }
}

interface Rendered {
  text: string;
  links: { line: number; start: number; end: number; target: string; tooltip: string }[];
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

/** Runs "New Runbook for Alert…" for this alert: only where it goes is asked. */
function newRunbookLink(alert: string): string {
  return `command:${NEW_RUNBOOK_COMMAND}?${encodeURIComponent(JSON.stringify([alert]))}`;
}

function render(report: CoverageReport): Rendered {
  const alerts = report.ruleFiles.flatMap((f) => f.alerts);
  const covered = alerts.filter((a) => a.covered).length;
  const lines = ['# Runbook coverage', '', `${covered} of ${alerts.length} alerts have a runbook.`, ''];
  const links: Rendered['links'] = [];
  for (const file of report.ruleFiles) {
    const relative = vscode.workspace.asRelativePath(vscode.Uri.parse(file.uri));
    const fileCovered = file.alerts.filter((a) => a.covered).length;
    lines.push(`## ${relative} (${fileCovered}/${file.alerts.length})`, '', '| alert | runbook |', '| --- | --- |');
    for (const alert of file.alerts) {
      // The row is built piece by piece, each linked piece recording where it lands.
      let row = '| ';
      const linked = (label: string, target: string, tooltip: string) => {
        links.push({ line: lines.length, start: row.length, end: row.length + label.length, target, tooltip });
        row += label;
      };
      linked(alert.name, `${file.uri}#L${alert.line + 1}`, `Open the rule (${relative}:${alert.line + 1})`);
      row += ' | ';
      alert.runbooks.forEach((r, i) => {
        if (i > 0) row += ', ';
        const where = `${vscode.workspace.asRelativePath(vscode.Uri.parse(r.uri))}:${r.line + 1}`;
        linked(where, `${r.uri}#L${r.line + 1}`, `Open the runbook section (${where})`);
      });
      if (alert.runbooks.length === 0 && alert.covered) row += 'external runbook_url';
      if (!alert.covered) {
        row += '**none**, ';
        linked('new runbook…', newRunbookLink(alert.name), `New Runbook for ${alert.name}`);
      }
      lines.push(`${row} |`);
    }
    lines.push('');
  }
  return { text: lines.join('\n'), links };
}
