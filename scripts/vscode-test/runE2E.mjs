// `node scripts/vscode-test/runE2E.mjs`: the end-to-end tests of test/e2e/*.e2e.mjs, driven from
// OUTSIDE the editor the way a person uses it: code-server (installed by installCodeServer.mjs)
// serves the workbench on 127.0.0.1 with the extension installed from the repo, Debian's chromium
// driven by playwright-core opens it on a temporary copy of test/e2e/fixture/, and the tests click,
// type and read the screen; their effects (files a runbook command writes or deletes) are checked
// on disk. mocha runs the test files in this process (the spec reporter); the run closes with
// `N passed, N failed, N skipped`.
//
// The tests reach the running workbench through `globalThis.runbookLensE2E` (see `session` below):
// the page, the workspace copy, and a `screenshot(name)` that writes test-results/e2e/<name>.png.
//
// Exit status: 0 when every test passed (or when a tool is missing outside CI: skipped), 1 on a
// failed test, a timeout, or (with CI=true) a missing tool.
//
// Environment (all optional):
//   RUNBOOK_LENS_TEST_GREP             run only the tests whose full title matches this regexp
//   RUNBOOK_LENS_E2E_TIMEOUT           mocha's per-test timeout in seconds (default 120)
//   RUNBOOK_LENS_KEEP_TEMP=1           keep the temporary folder (user data, logs, workspace) even on success
//   RUNBOOK_LENS_EXTENSION_UNDER_TEST  a folder to test instead of the repo (skips `node scripts/build.mjs`)
//   CHROMIUM_PATH                      the browser to drive (default: chromium on PATH)
//   E2E_HEADED=1                       show the browser window (needs a display)
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, cpSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { MissingToolError, ensureCodeServer } from './installCodeServer.mjs';
import { findFiles, which } from './common.mjs';

const require = createRequire(import.meta.url);
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const e2eDir = path.join(repoRoot, 'test', 'e2e');
const fixtureWorkspace = path.join(e2eDir, 'fixture');
const artifactsDir = path.join(repoRoot, 'test-results', 'e2e');
const inCI = process.env.CI === 'true';
const testTimeoutMs = (Number(process.env.RUNBOOK_LENS_E2E_TIMEOUT) || 120) * 1000;
const startedAt = Date.now();

const log = (line) => console.log(`[e2e] ${line}`);
const seconds = (since) => `${((Date.now() - since) / 1000).toFixed(1)}s`;

/** A tool is missing: fail in CI, skip elsewhere. */
function missingTool(reason) {
  if (inCI) {
    console.error(`[e2e] FAILED: ${reason}\n[e2e] CI=true, so a missing tool fails the run (.ci/run installs chromium, libkrb5-dev and ripgrep).`);
    console.log('0 passed, 1 failed, 0 skipped');
    process.exit(1);
  }
  console.log(`[e2e] skipped: ${reason}\n[e2e] (with CI=true this fails instead)`);
  console.log('0 passed, 0 failed, 1 skipped');
  process.exit(0);
}

/** Setup failed before any test ran: say why and where the logs are, stop everything, exit 1. */
async function setupFailed(message, { temp, extra } = {}) {
  console.error(`[e2e] FAILED: ${message}`);
  if (extra) console.error(extra);
  if (temp) console.error(`[e2e] logs kept in ${temp}`);
  await stopAll();
  console.log('0 passed, 1 failed, 0 skipped');
  process.exit(1);
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Polls `condition` every `intervalMs` until it returns a truthy value; undefined after `timeoutMs`. */
async function poll(condition, timeoutMs, intervalMs = 200) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await condition();
    if (value) return value;
    if (Date.now() >= deadline) return undefined;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

function tail(file, lines = 60) {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(missing)';
  }
}

// Whatever was started, so that every exit path can stop it.
let temp;
let codeServer;
let codeServerExit;
let browser;

async function stopAll() {
  if (browser) {
    await browser.close().catch(() => {});
    browser = undefined;
  }
  if (!codeServer?.pid) return;
  if (codeServerExit === undefined) {
    // code-server leaves child processes (extension host, pty host, file watcher, the terminal's
    // shell): end its whole process group.
    try { process.kill(-codeServer.pid, 'SIGTERM'); } catch { /* already gone */ }
    const stopped = await poll(() => codeServerExit !== undefined, 10_000, 100);
    if (!stopped) try { process.kill(-codeServer.pid, 'SIGKILL'); } catch { /* already gone */ }
  }
  // The group may outlive its leader: make sure nothing is left behind.
  try { process.kill(-codeServer.pid, 'SIGKILL'); } catch { /* none left */ }
  codeServer = undefined;
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    console.error(`[e2e] interrupted (${signal}): stopping the browser and code-server${temp ? `; logs kept in ${temp}` : ''}`);
    stopAll().finally(() => {
      console.log('0 passed, 1 failed, 0 skipped');
      process.exit(1);
    });
  });
}
// Whatever ends this process (an uncaught error, a closed stdout pipe), code-server's group goes too.
process.on('exit', () => {
  if (codeServer?.pid) try { process.kill(-codeServer.pid, 'SIGKILL'); } catch { /* none left */ }
});
let mochaRunning = false;
process.on('uncaughtException', (error) => {
  if (mochaRunning) return; // mocha fails the current test with it
  console.error(`[e2e] FAILED: ${error.stack ?? error.message}`);
  stopAll().finally(() => process.exit(1));
});
for (const stream of [process.stdout, process.stderr]) stream.on('error', () => { /* reader gone (| head): keep going, stop cleanly */ });

// ---------------------------------------------------------------------------------------------
// 1. Tools.
const chromiumPath = process.env.CHROMIUM_PATH || which('chromium') || which('chromium-browser');
if (!chromiumPath || !existsSync(chromiumPath)) missingTool('chromium is not installed (apt-get install -y chromium)');
let chromium;
try {
  ({ chromium } = await import('playwright-core'));
} catch (error) {
  missingTool(`playwright-core cannot be loaded (${error.message}); it is a devDependency: npm install`);
}
let codeServerEntry;
try {
  codeServerEntry = ensureCodeServer({ log: (line) => log(`code-server install: ${line}`) });
} catch (error) {
  missingTool(`code-server cannot be installed: ${error.message}${error instanceof MissingToolError ? '' : ' (see the npm output above)'}`);
}

// ---------------------------------------------------------------------------------------------
// 2. Build the extension; lay out a temporary user-data dir, extensions dir and workspace copy.
let extensionUnderTest = repoRoot;
if (process.env.RUNBOOK_LENS_EXTENSION_UNDER_TEST) {
  extensionUnderTest = path.resolve(process.env.RUNBOOK_LENS_EXTENSION_UNDER_TEST);
  log(`testing ${extensionUnderTest} instead of the repo (RUNBOOK_LENS_EXTENSION_UNDER_TEST)`);
} else {
  log('building the extension: node scripts/build.mjs');
  const built = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: repoRoot, stdio: 'inherit' });
  if (built.status !== 0) await setupFailed(`node scripts/build.mjs exited with ${built.status}`);
}
const manifest = JSON.parse(readFileSync(path.join(extensionUnderTest, 'package.json'), 'utf8'));
const extensionId = `${manifest.publisher}.${manifest.name}`;
const mainFile = manifest.main ? path.resolve(extensionUnderTest, manifest.main) : undefined;
if (!mainFile || !(existsSync(mainFile) || existsSync(`${mainFile}.js`))) {
  await setupFailed(`${extensionId} has no built entry point: package.json "main" is ${JSON.stringify(manifest.main)}, and ${mainFile ?? 'it'} does not exist after the build.`);
}

const testFiles = findFiles(e2eDir, '.e2e.mjs').filter((file) => !file.startsWith(fixtureWorkspace + path.sep)).sort();
if (testFiles.length === 0) await setupFailed(`no *.e2e.mjs files under ${path.relative(repoRoot, e2eDir)}`);

temp = mkdtempSync(path.join(os.tmpdir(), 'runbook-lens-e2e-'));
const userDataDir = path.join(temp, 'user-data');
const extensionsDir = path.join(temp, 'extensions');
const workspace = path.join(temp, 'workspace');
const codeServerLog = path.join(temp, 'code-server.log');
const browserLog = path.join(temp, 'browser-console.log');

mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
mkdirSync(extensionsDir, { recursive: true });
symlinkSync(extensionUnderTest, path.join(extensionsDir, `${extensionId}-${manifest.version}`), 'dir');
cpSync(fixtureWorkspace, workspace, { recursive: true });
writeFileSync(path.join(userDataDir, 'User', 'settings.json'), `${JSON.stringify({
  // Trusted: runbook commands never run in an untrusted workspace (and --disable-workspace-trust).
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'workbench.startupEditor': 'none',
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'git.enabled': false,
  'git.autoRepositoryDetection': false,
  'files.autoSave': 'off',
  'editor.codeLens': true,
  // The DOM renderer keeps the terminal's text in the page, for failure reports.
  'terminal.integrated.gpuAcceleration': 'off',
  // A predictable shell for the commands the tests run (cwd: the workspace folder).
  'terminal.integrated.defaultProfile.linux': 'bash',
  'chat.commandCenter.enabled': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
}, null, 2)}\n`);

// Screenshots of this run only.
mkdirSync(artifactsDir, { recursive: true });
for (const name of readdirSync(artifactsDir)) if (name.endsWith('.png') || name.endsWith('.txt')) rmSync(path.join(artifactsDir, name), { force: true });
log(`temporary folder ${temp}`);

// ---------------------------------------------------------------------------------------------
// 3. Start code-server and open the workbench in Chromium.
const port = await freePort();
const baseUrl = `http://127.0.0.1:${port}`;
const env = { ...process.env };
// Variables of a surrounding VS Code (its integrated terminal) would make code-server hand the
// request to that instance instead of starting its own.
for (const name of Object.keys(env)) if (name.startsWith('VSCODE_') || name === 'ELECTRON_RUN_AS_NODE') delete env[name];
env.SHELL = which('bash') ?? env.SHELL ?? '/bin/sh';

const logFd = openSync(codeServerLog, 'a');
const serverStarted = Date.now();
codeServer = spawn(process.execPath, [
  codeServerEntry,
  '--bind-addr', `127.0.0.1:${port}`,
  '--auth', 'none',
  '--disable-telemetry',
  '--disable-update-check',
  '--disable-workspace-trust',
  '--disable-getting-started-override',
  '--ignore-last-opened',
  '--config', path.join(temp, 'code-server-config.yaml'),
  '--user-data-dir', userDataDir,
  '--extensions-dir', extensionsDir,
  workspace,
], { cwd: temp, env, detached: true, stdio: ['ignore', logFd, logFd] });
closeSync(logFd);
codeServer.on('exit', (code, signal) => { codeServerExit = signal ?? code; });

const healthy = await poll(async () => {
  if (codeServerExit !== undefined) return 'exited';
  try {
    return (await fetch(`${baseUrl}/healthz`)).ok;
  } catch {
    return false;
  }
}, 60_000, 250);
if (healthy !== true) {
  await setupFailed(healthy === 'exited' ? `code-server exited (${codeServerExit}) before it was ready` : 'code-server did not answer /healthz within 60 s', {
    temp, extra: `[e2e] code-server output (${codeServerLog}), last lines:\n${tail(codeServerLog, 30)}`,
  });
}
log(`code-server is up on ${baseUrl} after ${seconds(serverStarted)}; opening the workbench in ${chromiumPath}`);

const consoleLines = [];
let page;
try {
  browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: process.env.E2E_HEADED !== '1',
    // This script stops the browser itself, after the tests' last look at the page.
    handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'],
  });
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  // For the Copy lens: the workbench writes to the browser's clipboard.
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseUrl }).catch(() => {});
  page = await context.newPage();
  page.on('console', (message) => consoleLines.push(`[${message.type()}] ${message.text()}`));
  page.on('pageerror', (error) => consoleLines.push(`[pageerror] ${error.message}`));
  page.on('crash', () => consoleLines.push('[crash] the workbench page crashed'));
  await page.goto(`${baseUrl}/?folder=${encodeURIComponent(workspace)}`, { waitUntil: 'domcontentloaded', timeout: 60_000 });
} catch (error) {
  writeFileSync(browserLog, `${consoleLines.join('\n')}\n`);
  await setupFailed(`could not open the workbench in ${chromiumPath}: ${error.message}`, { temp });
}

// ---------------------------------------------------------------------------------------------
// 4. Run the tests with mocha, in this process.
/** What the tests get: see test/e2e/clickToRun.e2e.mjs. */
const session = {
  page,
  baseUrl,
  workspace,
  temp,
  artifactsDir,
  /** Whether code-server is still running (a test that waits on the page can fail fast otherwise). */
  codeServerAlive: () => codeServerExit === undefined,
  /** Saves a screenshot of the whole page as test-results/e2e/<name>.png; returns its path. */
  async screenshot(name) {
    const file = path.join(artifactsDir, `${name}.png`);
    await page.screenshot({ path: file, timeout: 15_000 });
    return file;
  },
  /** Saves text (DOM text, terminal contents) next to the screenshots as <name>.txt. */
  saveText(name, text) {
    const file = path.join(artifactsDir, `${name}.txt`);
    writeFileSync(file, text.endsWith('\n') ? text : `${text}\n`);
    return file;
  },
};
globalThis.runbookLensE2E = session;

const Mocha = require('mocha');
// The spec reporter; the `N passed, N failed, N skipped` line closes the run below, after the logs.
const mocha = new Mocha({
  reporter: 'spec',
  timeout: testTimeoutMs,
  slow: 10_000,
  grep: process.env.RUNBOOK_LENS_TEST_GREP ? new RegExp(process.env.RUNBOOK_LENS_TEST_GREP) : undefined,
});
for (const file of testFiles) mocha.addFile(file);
let stats;
try {
  await mocha.loadFilesAsync();
  mochaRunning = true;
  stats = await new Promise((resolve) => {
    const runner = mocha.run(() => resolve(runner.stats));
  });
  mochaRunning = false;
} catch (error) {
  console.error(`[e2e] FAILED: the test files could not be loaded or run: ${error.stack ?? error.message}`);
}
writeFileSync(browserLog, `${consoleLines.join('\n')}\n`);

// ---------------------------------------------------------------------------------------------
// 5. Report, stop everything.
const ok = Boolean(stats) && stats.failures === 0 && stats.passes > 0;
if (!ok) {
  if (stats && stats.passes === 0 && stats.failures === 0) console.error('[e2e] FAILED: no test ran');
  if (codeServerExit !== undefined) console.error(`[e2e] code-server exited (${codeServerExit}) during the run`);
  const logsDir = path.join(userDataDir, 'logs');
  const logFiles = existsSync(logsDir) ? findFiles(logsDir, '.log') : [];
  // The extension host's own log and the extension's output channels.
  const interesting = logFiles.filter((file) => /remoteexthost\.log$|output_logging_|runbook-lens/i.test(path.relative(logsDir, file)));
  console.error(`[e2e] code-server output (${codeServerLog}), last lines:\n${tail(codeServerLog, 30)}`);
  for (const file of interesting) console.error(`[e2e] ${path.relative(temp, file)}, last lines:\n${tail(file, 40)}`);
  console.error(`[e2e] screenshots and DOM text: ${path.relative(process.cwd(), artifactsDir) || '.'}/`);
  console.error(`[e2e] browser console: ${browserLog}`);
  console.error(`[e2e] all logs (code-server, extension host, output channels under user-data/logs) kept in ${temp}`);
}
await stopAll();
if (ok && !process.env.RUNBOOK_LENS_KEEP_TEMP) rmSync(temp, { recursive: true, force: true });
log(`finished in ${seconds(startedAt)} (screenshots in ${path.relative(process.cwd(), artifactsDir) || '.'}/)`);
console.log(stats ? `${stats.passes} passed, ${stats.failures} failed, ${stats.pending} skipped` : '0 passed, 1 failed, 0 skipped');
process.exit(ok ? 0 : 1);
