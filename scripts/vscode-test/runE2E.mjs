// `node scripts/vscode-test/runE2E.mjs`: the end-to-end tests of test/e2e/*.e2e.mjs, driven from
// OUTSIDE the editor the way a person uses it: code-server (installed by installCodeServer.mjs)
// serves the workbench on 127.0.0.1 with the extension installed from the repo, Debian's chromium
// driven by playwright-core opens it on a temporary copy of test/e2e/fixture/, and the tests click,
// type and read the screen; their effects (files a runbook command writes or deletes) are checked
// on disk. mocha runs the test files in this process (the spec reporter); the run closes with one
// `N passed, N failed, N skipped` line over all of them.
//
// Two sessions, one after the other, each with a code-server, a browser, a port and a temporary
// folder (user data, extensions, workspace copy, logs) of its own:
//   trusted    workspace trust off (--disable-workspace-trust): runbook commands run.
//              Every test file except untrusted*.e2e.mjs.
//   untrusted  workspace trust on and the folder not trusted, so the window opens in Restricted
//              Mode (no startup prompt), with the test-only extension test/e2e/lens-probe/ next
//              to the one under test. The test files named untrusted*.e2e.mjs.
//
// The tests reach the running workbench through `globalThis.runbookLensE2E` (see `startSession`):
// the page, the workspace copy, whether the session is trusted, and a `screenshot(name)` that
// writes test-results/e2e/<name>.png.
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

/** The tests of the sessions run so far; the closing line adds them up. */
const totals = { passes: 0, failures: 0, pending: 0 };
const closingLine = (extraFailures = 0) => `${totals.passes} passed, ${totals.failures + extraFailures} failed, ${totals.pending} skipped`;

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

/** Setup failed (before a session's tests ran): say why and where the logs are, stop everything, exit 1. */
async function setupFailed(message, { dir, extra } = {}) {
  console.error(`[e2e] FAILED: ${message}`);
  if (extra) console.error(extra);
  if (dir) console.error(`[e2e] logs kept in ${dir}`);
  await stopAll();
  console.log(closingLine(1));
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

// Whatever was started, so that every exit path can stop it: the temporary folder of the whole run,
// and the session under way (its code-server process, its exit code or signal once it has exited,
// and its browser).
let temp;
let current;

/** Stops the current session's browser and code-server (with everything code-server started). */
async function stopAll() {
  const running = current;
  if (!running) return;
  if (running.browser) {
    await running.browser.close().catch(() => {});
    running.browser = undefined;
  }
  const pid = running.codeServer?.pid;
  if (pid) {
    if (running.exit === undefined) {
      // code-server leaves child processes (extension host, pty host, file watcher, the terminal's
      // shell): end its whole process group.
      try { process.kill(-pid, 'SIGTERM'); } catch { /* already gone */ }
      const stopped = await poll(() => running.exit !== undefined, 10_000, 100);
      if (!stopped) try { process.kill(-pid, 'SIGKILL'); } catch { /* already gone */ }
    }
    // The group may outlive its leader: make sure nothing is left behind.
    try { process.kill(-pid, 'SIGKILL'); } catch { /* none left */ }
  }
  if (current === running) current = undefined;
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    console.error(`[e2e] interrupted (${signal}): stopping the browser and code-server${temp ? `; logs kept in ${temp}` : ''}`);
    stopAll().finally(() => {
      console.log(closingLine(1));
      process.exit(1);
    });
  });
}
// Whatever ends this process (an uncaught error, a closed stdout pipe), code-server's group goes too.
process.on('exit', () => {
  if (current?.codeServer?.pid) try { process.kill(-current.codeServer.pid, 'SIGKILL'); } catch { /* none left */ }
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
// 2. Build the extension, find the test files, make the run's temporary folder.
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
const forUntrusted = (file) => path.basename(file).startsWith('untrusted');

// `extensions`: test-only extensions installed next to the one under test. The lens probe shows a
// code lens once Runbook Lens has diagnosed a document: see test/e2e/lens-probe/extension.cjs.
const sessions = [
  { name: 'trusted', trusted: true, files: testFiles.filter((file) => !forUntrusted(file)), extensions: [] },
  { name: 'untrusted', trusted: false, files: testFiles.filter(forUntrusted), extensions: [path.join(e2eDir, 'lens-probe')] },
];

temp = mkdtempSync(path.join(os.tmpdir(), 'runbook-lens-e2e-'));
// Screenshots of this run only.
mkdirSync(artifactsDir, { recursive: true });
for (const name of readdirSync(artifactsDir)) if (name.endsWith('.png') || name.endsWith('.txt')) rmSync(path.join(artifactsDir, name), { force: true });
log(`temporary folder ${temp}`);

/** The user settings of a session: quiet and predictable, and trust as the session needs it. */
function userSettings(trusted) {
  const trust = trusted
    // Runbook commands never run in an untrusted workspace (code-server also gets --disable-workspace-trust).
    ? { 'security.workspace.trust.enabled': false }
    : {
      'security.workspace.trust.enabled': true,
      // Open straight in Restricted Mode: no "Do you trust the authors?" modal in the way.
      'security.workspace.trust.startupPrompt': 'never',
      'security.workspace.trust.untrustedFiles': 'open',
    };
  return {
    ...trust,
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
  };
}

// Variables of a surrounding VS Code (its integrated terminal) would make code-server hand the
// request to that instance instead of starting its own.
const codeServerEnv = { ...process.env };
for (const name of Object.keys(codeServerEnv)) if (name.startsWith('VSCODE_') || name === 'ELECTRON_RUN_AS_NODE') delete codeServerEnv[name];
codeServerEnv.SHELL = which('bash') ?? codeServerEnv.SHELL ?? '/bin/sh';

/** Installs the extension in `folder` into `extensionsDir` (a link, named as code-server expects). */
function installExtension(folder, extensionsDir) {
  const { publisher, name, version } = JSON.parse(readFileSync(path.join(folder, 'package.json'), 'utf8'));
  symlinkSync(folder, path.join(extensionsDir, `${publisher}.${name}-${version}`), 'dir');
}

// ---------------------------------------------------------------------------------------------
// 3. A session: lay out <temp>/<name>/ (user data, extensions, workspace copy), start code-server
//    and open the workbench in Chromium. Returns what the tests get as `globalThis.runbookLensE2E`.
async function startSession({ name, trusted, extensions }) {
  const dir = path.join(temp, name);
  const userDataDir = path.join(dir, 'user-data');
  const extensionsDir = path.join(dir, 'extensions');
  const workspace = path.join(dir, 'workspace');
  const running = {
    name, dir, userDataDir,
    codeServerLog: path.join(dir, 'code-server.log'),
    browserLog: path.join(dir, 'browser-console.log'),
    consoleLines: [],
    codeServer: undefined,
    exit: undefined,
    browser: undefined,
  };
  current = running;

  mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  mkdirSync(extensionsDir, { recursive: true });
  for (const folder of [extensionUnderTest, ...extensions]) installExtension(folder, extensionsDir);
  cpSync(fixtureWorkspace, workspace, { recursive: true });
  writeFileSync(path.join(userDataDir, 'User', 'settings.json'), `${JSON.stringify(userSettings(trusted), null, 2)}\n`);

  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const logFd = openSync(running.codeServerLog, 'a');
  const serverStarted = Date.now();
  running.codeServer = spawn(process.execPath, [
    codeServerEntry,
    '--bind-addr', `127.0.0.1:${port}`,
    '--auth', 'none',
    '--disable-telemetry',
    '--disable-update-check',
    ...(trusted ? ['--disable-workspace-trust'] : []),
    '--disable-getting-started-override',
    '--ignore-last-opened',
    '--config', path.join(dir, 'code-server-config.yaml'),
    '--user-data-dir', userDataDir,
    '--extensions-dir', extensionsDir,
    workspace,
  ], { cwd: dir, env: codeServerEnv, detached: true, stdio: ['ignore', logFd, logFd] });
  closeSync(logFd);
  running.codeServer.on('exit', (code, signal) => { running.exit = signal ?? code; });

  const healthy = await poll(async () => {
    if (running.exit !== undefined) return 'exited';
    try {
      return (await fetch(`${baseUrl}/healthz`)).ok;
    } catch {
      return false;
    }
  }, 60_000, 250);
  if (healthy !== true) {
    await setupFailed(`${name} session: ${healthy === 'exited' ? `code-server exited (${running.exit}) before it was ready` : 'code-server did not answer /healthz within 60 s'}`, {
      dir, extra: `[e2e] code-server output (${running.codeServerLog}), last lines:\n${tail(running.codeServerLog, 30)}`,
    });
  }
  log(`${name} session: code-server is up on ${baseUrl} after ${seconds(serverStarted)}; opening the workbench in ${chromiumPath}`);

  let page;
  try {
    running.browser = await chromium.launch({
      executablePath: chromiumPath,
      headless: process.env.E2E_HEADED !== '1',
      // This script stops the browser itself, after the tests' last look at the page.
      handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'],
    });
    const context = await running.browser.newContext({ viewport: { width: 1400, height: 900 } });
    // For the Copy lens: the workbench writes to the browser's clipboard.
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseUrl }).catch(() => {});
    page = await context.newPage();
    page.on('console', (message) => running.consoleLines.push(`[${message.type()}] ${message.text()}`));
    page.on('pageerror', (error) => running.consoleLines.push(`[pageerror] ${error.message}`));
    page.on('crash', () => running.consoleLines.push('[crash] the workbench page crashed'));
    await page.goto(`${baseUrl}/?folder=${encodeURIComponent(workspace)}`, { waitUntil: 'domcontentloaded', timeout: 60_000 });
  } catch (error) {
    writeFileSync(running.browserLog, `${running.consoleLines.join('\n')}\n`);
    await setupFailed(`${name} session: could not open the workbench in ${chromiumPath}: ${error.message}`, { dir });
  }

  /** What the tests get: see test/e2e/clickToRun.e2e.mjs and test/e2e/untrusted.e2e.mjs. */
  const session = {
    page,
    baseUrl,
    workspace,
    temp: dir,
    artifactsDir,
    /** false in the untrusted session: the window is in Restricted Mode. */
    trusted,
    /** Whether code-server is still running (a test that waits on the page can fail fast otherwise). */
    codeServerAlive: () => running.exit === undefined,
    /** Saves a screenshot of the whole page as test-results/e2e/<name>.png; returns its path. */
    async screenshot(shot) {
      const file = path.join(artifactsDir, `${shot}.png`);
      await page.screenshot({ path: file, timeout: 15_000 });
      return file;
    },
    /** Saves text (DOM text, terminal contents) next to the screenshots as <name>.txt. */
    saveText(shot, text) {
      const file = path.join(artifactsDir, `${shot}.txt`);
      writeFileSync(file, text.endsWith('\n') ? text : `${text}\n`);
      return file;
    },
  };
  return { running, session };
}

// ---------------------------------------------------------------------------------------------
// 4. Run a session's test files with mocha, in this process; undefined if they could not be loaded.
//    A fresh mocha per session: the test files read `globalThis.runbookLensE2E` when they load.
const Mocha = require('mocha');
async function runTests(files) {
  // The spec reporter; the `N passed, N failed, N skipped` line closes the run below, after the logs.
  const mocha = new Mocha({
    reporter: 'spec',
    timeout: testTimeoutMs,
    slow: 10_000,
    grep: process.env.RUNBOOK_LENS_TEST_GREP ? new RegExp(process.env.RUNBOOK_LENS_TEST_GREP) : undefined,
  });
  for (const file of files) mocha.addFile(file);
  try {
    await mocha.loadFilesAsync();
    mochaRunning = true;
    return await new Promise((resolve) => {
      const runner = mocha.run(() => resolve(runner.stats));
    });
  } catch (error) {
    console.error(`[e2e] FAILED: the test files could not be loaded or run: ${error.stack ?? error.message}`);
    return undefined;
  } finally {
    mochaRunning = false;
  }
}

/** After a failed session: the logs that say why (code-server, extension host, output channels). */
function reportFailure(running) {
  if (running.exit !== undefined) console.error(`[e2e] ${running.name} session: code-server exited (${running.exit}) during the run`);
  const logsDir = path.join(running.userDataDir, 'logs');
  const logFiles = existsSync(logsDir) ? findFiles(logsDir, '.log') : [];
  // The extension host's own log and the extension's output channels.
  const interesting = logFiles.filter((file) => /remoteexthost\.log$|output_logging_|runbook-lens/i.test(path.relative(logsDir, file)));
  console.error(`[e2e] code-server output (${running.codeServerLog}), last lines:\n${tail(running.codeServerLog, 30)}`);
  for (const file of interesting) console.error(`[e2e] ${path.relative(temp, file)}, last lines:\n${tail(file, 40)}`);
  console.error(`[e2e] screenshots and DOM text: ${path.relative(process.cwd(), artifactsDir) || '.'}/`);
  console.error(`[e2e] browser console: ${running.browserLog}`);
  console.error(`[e2e] all logs of the ${running.name} session (code-server, extension host, output channels under user-data/logs) kept in ${running.dir}`);
}

// ---------------------------------------------------------------------------------------------
// 5. The sessions, one after the other; then the closing line over all of them.
let ok = true;
for (const spec of sessions) {
  if (spec.files.length === 0) {
    log(`${spec.name} session: no test files, not started`);
    continue;
  }
  log(`${spec.name} session: ${spec.files.map((file) => path.relative(repoRoot, file)).join(', ')}`);
  const { running, session } = await startSession(spec);
  globalThis.runbookLensE2E = session;
  const stats = await runTests(spec.files);
  writeFileSync(running.browserLog, `${running.consoleLines.join('\n')}\n`);
  if (stats) {
    totals.passes += stats.passes;
    totals.failures += stats.failures;
    totals.pending += stats.pending;
  } else {
    totals.failures += 1; // the files could not be loaded: count it, so the closing line says so
  }
  if (!stats || stats.failures > 0) {
    ok = false;
    reportFailure(running);
  }
  await stopAll();
  delete globalThis.runbookLensE2E;
}
if (totals.passes === 0 && totals.failures === 0) {
  console.error('[e2e] FAILED: no test ran');
  ok = false;
}
if (ok && !process.env.RUNBOOK_LENS_KEEP_TEMP) rmSync(temp, { recursive: true, force: true });
else if (!ok) console.error(`[e2e] logs of every session kept in ${temp}`);
log(`finished in ${seconds(startedAt)} (screenshots in ${path.relative(process.cwd(), artifactsDir) || '.'}/)`);
console.log(closingLine());
process.exit(ok ? 0 : 1);
