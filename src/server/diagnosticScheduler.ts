// Coalesces check requests: edits that arrive together are checked once, and a file's
// diagnostics are sent only when they differ from what the client already has.
import type { Diagnostic } from 'vscode-languageserver/node';

export class DiagnosticScheduler {
  private readonly pending = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private readonly published = new Map<string, string>();

  constructor(
    private readonly compute: (uri: string) => Diagnostic[] | undefined,
    private readonly send: (uri: string, diagnostics: Diagnostic[]) => void,
    private readonly afterFlush: () => void,
    public delayMs = 0,
  ) {}

  schedule(uris: Iterable<string>): void {
    for (const uri of uris) this.pending.add(uri);
    if (this.timer || this.pending.size === 0) return;
    this.timer = setTimeout(() => this.flush(), this.delayMs);
  }

  /** Checks every pending file now. */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const uris = [...this.pending];
    this.pending.clear();
    for (const uri of uris) {
      const diagnostics = this.compute(uri) ?? [];
      const key = JSON.stringify(diagnostics);
      if (this.published.get(uri) === key) continue;
      if (diagnostics.length === 0 && !this.published.has(uri)) continue;
      this.published.set(uri, key);
      this.send(uri, diagnostics);
    }
    this.afterFlush();
  }

  /** Files that had diagnostics: to clear those that no longer exist. */
  publishedUris(): string[] {
    return [...this.published.keys()];
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
  }
}
