// A real LSP client over stdio for the protocol tests: spawns the built server, answers the
// server's requests, and records what it publishes.
import { spawn, type ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import { WorkDoneProgress, type Diagnostic, type PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { REPO_ROOT } from './paths';

export interface Published {
  uri: string;
  diagnostics: Diagnostic[];
  at: number;
}

export class LspTestClient {
  readonly published: Published[] = [];
  readonly notifications: { method: string; params: unknown }[] = [];
  readonly events = new EventEmitter();
  readonly log: string[] = [];
  private readonly versions = new Map<string, number>();

  private constructor(readonly process: ChildProcess, readonly connection: MessageConnection, readonly root: string) {}

  static async start(root: string, settings: Record<string, unknown> = {}): Promise<LspTestClient> {
    const child = spawn(process.execPath, [path.join(REPO_ROOT, 'bin', 'runbook-lens-server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
    const connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const client = new LspTestClient(child, connection, root);
    connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      client.published.push({ uri: params.uri, diagnostics: params.diagnostics, at: performance.now() });
      client.events.emit('published', params);
    });
    connection.onNotification((method, params) => {
      client.notifications.push({ method, params });
      if (method === 'window/logMessage') client.log.push((params as { message: string }).message);
      client.events.emit('notification', method, params);
    });
    connection.onRequest('client/registerCapability', () => null);
    // jsonrpc routes $/progress to a handler per token, so one is registered for each token made.
    connection.onRequest('window/workDoneProgress/create', (params: { token: string | number }) => {
      connection.onProgress(WorkDoneProgress.type, params.token, (value) => {
        client.notifications.push({ method: '$/progress', params: { token: params.token, value } });
        client.events.emit('notification', '$/progress', { token: params.token, value });
      });
      return null;
    });
    connection.onRequest('workspace/configuration', () => [settings]);
    connection.listen();
    await connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: client.uri(''),
      workspaceFolders: [{ uri: client.uri(''), name: 'test' }],
      capabilities: {
        workspace: { workspaceEdit: { documentChanges: true }, didChangeWatchedFiles: { dynamicRegistration: true }, configuration: true },
        window: { workDoneProgress: true },
        textDocument: { publishDiagnostics: {}, synchronization: { dynamicRegistration: false } },
      },
      initializationOptions: { settings },
    });
    await connection.sendNotification('initialized', {});
    return client;
  }

  uri(relative: string): string {
    return pathToFileURL(path.join(this.root, relative)).toString().replace(/\/$/, '');
  }

  open(relative: string, text: string, languageId = relative.endsWith('.md') ? 'markdown' : 'yaml'): string {
    const uri = this.uri(relative);
    this.versions.set(uri, 1);
    void this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
    return uri;
  }

  /** Replaces the whole text (a full-document change). */
  change(relative: string, text: string): void {
    const uri = this.uri(relative);
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    void this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
  }

  /** An incremental change: replace a range, as an editor sends a keystroke. */
  edit(relative: string, range: { start: { line: number; character: number }; end: { line: number; character: number } }, text: string): void {
    const uri = this.uri(relative);
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    void this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range, text }] });
  }

  /** The latest diagnostics published for a file. */
  diagnostics(relative: string): Diagnostic[] {
    const uri = this.uri(relative);
    return [...this.published].reverse().find((p) => p.uri === uri)?.diagnostics ?? [];
  }

  /** Waits until the latest diagnostics of a file satisfy the predicate, or fails after the deadline. */
  waitFor(relative: string, predicate: (diagnostics: Diagnostic[]) => boolean, timeoutMs = 15_000): Promise<Diagnostic[]> {
    const uri = this.uri(relative);
    return new Promise((resolve, reject) => {
      const check = () => {
        const latest = [...this.published].reverse().find((p) => p.uri === uri);
        if (latest && predicate(latest.diagnostics)) {
          cleanup();
          resolve(latest.diagnostics);
        }
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`timed out waiting for diagnostics of ${relative}; latest: ${JSON.stringify(this.diagnostics(relative).map((d) => d.code))}`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.events.off('published', check);
      };
      this.events.on('published', check);
      check();
    });
  }

  /** Waits for a notification (already received ones count), or fails after the deadline. */
  waitForNotification(method: string, predicate: (params: unknown) => boolean = () => true, timeoutMs = 15_000): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const found = this.notifications.find((n) => n.method === method && predicate(n.params));
      if (found) return resolve(found.params);
      const listener = (m: string, params: unknown) => {
        if (m !== method || !predicate(params)) return;
        clearTimeout(timer);
        this.events.off('notification', listener);
        resolve(params);
      };
      const timer = setTimeout(() => {
        this.events.off('notification', listener);
        reject(new Error(`timed out waiting for ${method}`));
      }, timeoutMs);
      this.events.on('notification', listener);
    });
  }

  request<T>(method: string, params: unknown): Promise<T> {
    return this.connection.sendRequest(method, params) as Promise<T>;
  }

  async stop(): Promise<void> {
    try {
      await Promise.race([this.connection.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
      void this.connection.sendNotification('exit');
    } catch {
      // already gone
    }
    this.connection.dispose();
    if (this.process.exitCode === null) this.process.kill();
  }
}
