// Drives the real language server over stdio, as an editor would, and times what a user waits for:
// the initial scan, keystroke to diagnostics, definition and hover.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);

/** Resolves with the first value of `check()` that is not undefined, re-checked on each event. */
function waitUntil(emitter, event, check, timeoutMs, what) {
  return new Promise((resolve, reject) => {
    const listener = () => {
      const value = check();
      if (value === undefined) return;
      cleanup();
      resolve(value);
    };
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
    }, timeoutMs);
    const cleanup = () => {
      clearTimeout(timer);
      emitter.off(event, listener);
    };
    emitter.on(event, listener);
    listener();
  });
}

/**
 * Starts the server on `root`, waits until the workspace is indexed and checked, then makes
 * `edits` keystrokes in `runbook` and sends `requests` definition and hover requests at `mentions`.
 */
export async function measureServer({ repo, root, runbook, mentions, edits, warmup, requests, nodeArgs = [], indexTimeoutMs = 300_000, editTimeoutMs = 30_000 }) {
  const { createMessageConnection, ProgressType, StreamMessageReader, StreamMessageWriter } = require('vscode-jsonrpc/node');
  const { EventEmitter } = await import('node:events');
  const events = new EventEmitter();
  const uriOf = (relative) => pathToFileURL(path.join(root, relative)).toString();
  const published = new Map();
  let coverageAt;
  let indexedAt;
  let stderr = '';

  const started = performance.now();
  const child = spawn(process.execPath, [...nodeArgs, path.join(repo, 'bin', 'runbook-lens-server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  child.stderr.on('data', (chunk) => {
    if (stderr.length < 20_000) stderr += chunk;
  });
  const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  connection.onNotification('textDocument/publishDiagnostics', (params) => {
    published.set(params.uri, params.diagnostics);
    events.emit('published', params.uri);
  });
  connection.onNotification('runbookLens/coverage', () => {
    coverageAt ??= performance.now();
    events.emit('coverage');
  });
  connection.onNotification(() => undefined);
  connection.onRequest('client/registerCapability', () => null);
  connection.onRequest('workspace/configuration', () => [{}]);
  connection.onRequest('window/workDoneProgress/create', ({ token }) => {
    connection.onProgress(new ProgressType(), token, (value) => {
      if (value.kind === 'end') {
        indexedAt ??= performance.now();
        events.emit('indexed');
      }
    });
    return null;
  });
  connection.listen();

  const result = { startToIndexedMs: NaN, startToCheckedMs: NaN, keystrokes: [], definitions: [], hovers: [], definitionsFound: 0, hoversFound: 0, error: undefined };
  try {
    await connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: uriOf(''),
      workspaceFolders: [{ uri: uriOf(''), name: 'bench' }],
      capabilities: {
        workspace: { workspaceEdit: { documentChanges: true }, didChangeWatchedFiles: { dynamicRegistration: true }, configuration: true },
        window: { workDoneProgress: true },
        textDocument: { publishDiagnostics: {}, synchronization: { dynamicRegistration: false } },
      },
      initializationOptions: { settings: {} },
    });
    await connection.sendNotification('initialized', {});
    // The first coverage notification follows the first check of every file, after the scan.
    await waitUntil(events, 'coverage', () => coverageAt, indexTimeoutMs, 'the initial scan and check');
    result.startToIndexedMs = (indexedAt ?? NaN) - started;
    result.startToCheckedMs = coverageAt - started;

    // Keystrokes: each breaks or mends one section's "**Common causes**:" label, so each changes the diagnostics.
    const uri = uriOf(runbook);
    const text = readFileSync(path.join(root, runbook), 'utf8');
    const lines = text.split('\n');
    const labels = lines.flatMap((line, i) => (line === '**Common causes**:' ? [i] : []));
    if (labels.length < 2) throw new Error(`${runbook} has ${labels.length} "**Common causes**:" labels`);
    const missing = () => (published.get(uri) ?? []).filter((d) => d.code === 'missing-section').length;
    const base = missing();
    let version = 1;
    await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version, text } });
    for (let round = 0; round < warmup + edits; round++) {
      const line = labels[(Math.floor(round / 2) * 7) % labels.length];
      const broken = round % 2 === 0;
      const at = { line, character: '**Common causes'.length };
      const range = broken ? { start: at, end: at } : { start: at, end: { line, character: at.character + 1 } };
      const want = base + (broken ? 1 : 0);
      const sent = performance.now();
      await connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: ++version }, contentChanges: [{ range, text: broken ? 'X' : '' }] });
      await waitUntil(events, 'published', () => (missing() === want ? true : undefined), editTimeoutMs, `diagnostics after edit ${round + 1}`);
      if (round >= warmup) result.keystrokes.push(performance.now() - sent);
    }

    // Definition and hover on alert names, half in runbooks and half in rule files, spread over the workspace.
    const targets = pickMentions(mentions, requests);
    for (const [method, times, found] of [['textDocument/definition', result.definitions, 'definitionsFound'], ['textDocument/hover', result.hovers, 'hoversFound']]) {
      for (let i = 0; i < Math.min(10, targets.length); i++) await connection.sendRequest(method, params(targets[i]));
      for (const target of targets) {
        const sent = performance.now();
        const answer = await connection.sendRequest(method, params(target));
        times.push(performance.now() - sent);
        if (Array.isArray(answer) ? answer.length > 0 : answer) result[found]++;
      }
    }
  } catch (error) {
    result.error = `${error.message}${stderr ? `\nserver stderr:\n${stderr.slice(-2000)}` : ''}`;
  } finally {
    await Promise.race([connection.sendRequest('shutdown').catch(() => undefined), new Promise((r) => setTimeout(r, 3000))]);
    await connection.sendNotification('exit').catch(() => undefined);
    // Let it exit by itself (a CPU profile is written at exit), then make sure it is gone.
    if (child.exitCode === null) await new Promise((resolve) => {
      const timer = setTimeout(resolve, 15_000);
      child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
    });
    connection.dispose();
    if (child.exitCode === null) child.kill();
  }
  return result;

  function params(target) {
    return { textDocument: { uri: uriOf(target.file) }, position: { line: target.line, character: target.character } };
  }
}

/** `count` mentions, half from runbooks and half from rule files, evenly spaced (deterministic). */
function pickMentions(mentions, count) {
  const ruleNames = new Set(mentions.filter((m) => !m.file.endsWith('.md')).map((m) => m.name));
  const inRunbooks = mentions.filter((m) => m.file.endsWith('.md') && ruleNames.has(m.name));
  const inRules = mentions.filter((m) => !m.file.endsWith('.md'));
  const spread = (list, n) => Array.from({ length: Math.min(n, list.length) }, (_, i) => list[Math.floor((i * list.length) / n)]);
  const half = Math.ceil(count / 2);
  return [...spread(inRunbooks, half), ...spread(inRules, count - half)];
}
