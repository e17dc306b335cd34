// Helpers for the bad-input suite (test/badInput): temp workspaces with hostile files, the built
// CLI run with a deadline (and optional node flags), and the built server started with extra
// environment (a preload), plus the checks every bad-input case shares.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Hover, Location } from 'vscode-languageserver-protocol';
import { LspTestClient } from './lspClient';
import { REPO_ROOT } from './paths';
import { ensureBuilt } from './runCli';

export const CLI = path.join(REPO_ROOT, 'bin', 'runbook-lens.js');
export const NO_NETWORK = path.join(REPO_ROOT, 'test', 'helpers', 'noNetwork.cjs');

/** A rule file and a runbook that link to each other: the "good file" every server test asks about. */
export const GOOD_RULES = `groups:
  - name: api
    rules:
      - alert: HighErrorRate
        expr: sum(rate(http_requests_total{code=~"5.."}[5m])) > 1
        for: 5m
        annotations:
          summary: Too many errors
`;
export const GOOD_RUNBOOK = `# Runbook

## HighErrorRate

**Alert**: too many errors.

**Triage**: \`kubectl -n prod get pods\`
`;
/** Where `HighErrorRate` is in GOOD_RULES (0-based) and in GOOD_RUNBOOK. */
export const GOOD_RULE_POSITION = { line: 3, character: 18 };
export const GOOD_HEADING_POSITION = { line: 2, character: 6 };

/** Writes files (text or bytes) into a new temp folder; returns its path. */
export function makeWorkspace(files: Record<string, string | Buffer>, prefix = 'runbook-lens-bad-'): string {
  const root = mkdtempSync(path.join(tmpdir(), prefix));
  for (const [file, content] of Object.entries(files)) writeInto(root, file, content);
  return root;
}

export function writeInto(root: string, file: string, content: string | Buffer): string {
  const full = path.join(root, file);
  mkdirSync(path.dirname(full), { recursive: true });
  writeFileSync(full, content);
  return full;
}

export function removeWorkspace(root: string | undefined): void {
  if (root) rmSync(root, { recursive: true, force: true });
}

export interface CliRun {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** Wall-clock milliseconds. */
  ms: number;
  timedOut: boolean;
}

export interface CliOptions {
  cwd?: string;
  /** Node flags before the script (e.g. --require a preload). */
  nodeArgs?: string[];
  env?: Record<string, string>;
  /** The run is killed after this long (a hang must fail the test, not the suite). */
  timeoutMs?: number;
  /** The CLI script to run (default: the repo's bin/runbook-lens.js). */
  script?: string;
  /** Run as another user (only root can). */
  uid?: number;
  gid?: number;
}

/** Runs the built CLI synchronously with a deadline and measures it. */
export function runCliTimed(args: string[], options: CliOptions = {}): CliRun {
  const started = performance.now();
  const result = spawnSync(process.execPath, [...(options.nodeArgs ?? []), options.script ?? CLI, ...args], {
    cwd: options.cwd ?? REPO_ROOT,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    timeout: options.timeoutMs ?? 60_000,
    killSignal: 'SIGKILL',
    env: { ...process.env, ...options.env },
    ...(options.uid !== undefined ? { uid: options.uid } : {}),
    ...(options.gid !== undefined ? { gid: options.gid } : {}),
  });
  const ms = performance.now() - started;
  const timedOut = (result.error as NodeJS.ErrnoException | undefined)?.code === 'ETIMEDOUT' || (result.status === null && result.signal === 'SIGKILL');
  return { status: result.status, signal: result.signal, stdout: result.stdout ?? '', stderr: result.stderr ?? '', ms, timedOut };
}

/** A JavaScript stack frame, as a crash prints it. */
const STACK_FRAME = /^\s+at .+(?::\d+:\d+\)?|\(native\)|<anonymous>\)?)$/m;

/** The CLI finished on its own, exited 0 or 1 (never 2: that is bad usage or a crash), and printed no stack. */
export function assertNoCrash(run: CliRun, what: string): void {
  assert.equal(run.timedOut, false, `${what}: the CLI did not finish within the deadline (${Math.round(run.ms)} ms)`);
  assert.ok(run.status === 0 || run.status === 1, `${what}: exit ${run.status} (signal ${run.signal}); stderr:\n${run.stderr.slice(0, 2000)}`);
  assert.doesNotMatch(run.stderr, STACK_FRAME, `${what}: a stack trace on stderr:\n${run.stderr.slice(0, 2000)}`);
  assert.doesNotMatch(run.stderr, /Maximum call stack|RangeError|TypeError|ReferenceError/, `${what}: an internal error on stderr:\n${run.stderr.slice(0, 2000)}`);
}

export interface JsonDiagnostic {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: string;
  code: string;
  message: string;
}

export interface JsonReport {
  summary: { runbooks: number; ruleFiles: number; alerts: number; covered: number; errors: number; warnings: number };
  diagnostics: JsonDiagnostic[];
  alerts: { name: string; file: string; line: number; runbookUrl?: string; runbooks: { file: string; line: number }[] }[];
  runbooks: {
    file: string;
    line: number;
    alert: string;
    parts: Record<string, number | null>;
    commands: { line: number; endLine: number; kind: string; language?: string; text: string }[];
  }[];
}

/** `check --format json` on a folder, with the no-crash checks applied. */
export function checkJson(root: string, options: CliOptions = {}, extraArgs: string[] = []): { report: JsonReport; run: CliRun } {
  const run = runCliTimed(['check', '--format', 'json', ...extraArgs, root], options);
  assertNoCrash(run, `check ${root}`);
  let report: JsonReport;
  try {
    report = JSON.parse(run.stdout) as JsonReport;
  } catch (error) {
    assert.fail(`the JSON report does not parse (${(error as Error).message}); stdout starts: ${run.stdout.slice(0, 500)}`);
  }
  return { report, run };
}

/** A test's temp workspace and server, if it made them. */
export interface PerTest {
  root?: string;
  client?: LspTestClient;
}

/**
 * Registers the hooks every bad-input suite shares, in the calling `describe`: the build first,
 * and after each test its server stopped and its workspace removed.
 */
export function perTestWorkspace(): PerTest {
  const state: PerTest = {};
  before(() => ensureBuilt());
  afterEach(async () => {
    await state.client?.stop();
    state.client = undefined;
    removeWorkspace(state.root);
    state.root = undefined;
  });
  return state;
}

/**
 * Starts the built server over stdio. `env` is given to the server process only (the test
 * client spawns with the current environment, so it is set around the spawn and restored).
 */
export async function startServer(root: string, settings: Record<string, unknown> = {}, env: Record<string, string> = {}): Promise<LspTestClient> {
  const saved = new Map(Object.keys(env).map((key) => [key, process.env[key]]));
  Object.assign(process.env, env);
  let pending: Promise<LspTestClient>;
  try {
    pending = LspTestClient.start(root, settings); // spawns synchronously, before its first await
  } finally {
    for (const [key, value] of saved) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
  return pending;
}

/** Races a request against a deadline, so a wedged server fails the test with a clear message. */
export async function within<T>(ms: number, what: string, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The server still answers normal requests on the good files (GOOD_RULES at `rules`, GOOD_RUNBOOK
 * at `runbook`): hover on the rule names its runbook, definition from the heading reaches the rule.
 */
export async function assertServerAnswers(client: LspTestClient, rules: string, runbook: string, what: string): Promise<void> {
  assert.equal(client.process.exitCode, null, `${what}: the server exited (${client.process.exitCode})`);
  const hover = await within(15_000, `${what}: hover`, client.request<Hover | null>('textDocument/hover', { textDocument: { uri: client.uri(rules) }, position: GOOD_RULE_POSITION }));
  assert.ok(hover, `${what}: no hover on the good rule`);
  const contents = hover.contents as { value: string };
  assert.match(contents.value, new RegExp(path.basename(runbook).replace('.', '\\.')), `${what}: the hover does not show the runbook: ${contents.value}`);
  const definition = await within(15_000, `${what}: definition`, client.request<Location[]>('textDocument/definition', { textDocument: { uri: client.uri(runbook) }, position: GOOD_HEADING_POSITION }));
  assert.deepEqual(definition.map((l) => [l.uri, l.range.start.line]), [[client.uri(rules), GOOD_RULE_POSITION.line]], `${what}: definition from the runbook heading`);
}

/** The window/logMessage texts so far. */
export function logMessages(client: LspTestClient): { type: number; message: string }[] {
  return client.notifications.filter((n) => n.method === 'window/logMessage').map((n) => n.params as { type: number; message: string });
}

export function waitForLog(client: LspTestClient, test: (message: string) => boolean, timeoutMs = 20_000): Promise<{ type: number; message: string }> {
  return client.waitForNotification('window/logMessage', (params) => test((params as { message: string }).message), timeoutMs) as Promise<{ type: number; message: string }>;
}

export const codes = (list: { code?: string | number }[]): (string | number | undefined)[] => list.map((d) => d.code);
