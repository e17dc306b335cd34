// `npm run test:integration`: runs the integration tests of test/vscode/suite inside a real VS Code
// extension host, offline: code-server (VS Code 1.100 on plain Node, installed from npm by
// installCodeServer.mjs) serves the workbench, Debian's chromium driven by playwright-core opens
// it (the extension host starts only once a browser opens the workbench), and the harness
// extension of test/vscode/harness runs mocha in the extension host and writes the results to a
// JSON file that this script waits for.
//
// Exit status: 0 when every test passed (or when the tools are missing outside CI: skipped),
// 1 on a failed test, a timeout, or (with CI=true) a missing tool.
//
// Environment (all optional):
//   RUNBOOK_LENS_TEST_GREP             run only the tests whose full title matches this regexp
//   RUNBOOK_LENS_TEST_DEADLINE         seconds to wait for the results (default 360)
//   RUNBOOK_LENS_KEEP_TEMP=1           keep the temporary folder (user data, logs, workspace) even on success
//   RUNBOOK_LENS_EXTENSION_UNDER_TEST  a folder to test instead of the repo (skips `node scripts/build.mjs`)
//   CHROMIUM_PATH                      the browser to drive (default: chromium on PATH)
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { MissingToolError, ensureCodeServer } from './installCodeServer.mjs';
import { bundleSuite, findFiles, freePort, poll, tail, which } from './common.mjs';
import { userSettings } from './session.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const suiteSource = path.join(repoRoot, 'test', 'vscode', 'suite');
const harnessSource = path.join(repoRoot, 'test', 'vscode', 'harness');
const fixtureWorkspace = path.join(repoRoot, 'test', 'vscode', 'fixtures', 'workspace');
const resultsDir = path.join(repoRoot, 'test-results');
const inCI = process.env.CI === 'true';
const deadlineSeconds = Number(process.env.RUNBOOK_LENS_TEST_DEADLINE) || 360;

const log = (line) => console.log(`[vscode-test] ${line}`);

/** A tool is missing: fail in CI, skip elsewhere. */
function missingTool(reason) {
  if (inCI) {
    console.error(`[vscode-test] FAILED: ${reason}\n[vscode-test] CI=true, so a missing tool fails the run (.ci/run installs chromium, libkrb5-dev and ripgrep).`);
    process.exit(1);
  }
  console.log(`[vscode-test] skipped: ${reason}\n[vscode-test] (with CI=true this fails instead)`);
  process.exit(0);
}



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
  codeServerEntry = ensureCodeServer();
} catch (error) {
  missingTool(`code-server cannot be installed: ${error.message}${error instanceof MissingToolError ? '' : ' (see the npm output above)'}`);
}

// ---------------------------------------------------------------------------------------------
// 2. Build the extension and the test bundle.
let extensionUnderTest = repoRoot;
if (process.env.RUNBOOK_LENS_EXTENSION_UNDER_TEST) {
  extensionUnderTest = path.resolve(process.env.RUNBOOK_LENS_EXTENSION_UNDER_TEST);
  log(`testing ${extensionUnderTest} instead of the repo (RUNBOOK_LENS_EXTENSION_UNDER_TEST)`);
} else {
  log('building the extension: node scripts/build.mjs');
  const built = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: repoRoot, stdio: 'inherit' });
  if (built.status !== 0) {
    console.error(`[vscode-test] FAILED: node scripts/build.mjs exited with ${built.status}`);
    process.exit(1);
  }
}
const manifest = JSON.parse(readFileSync(path.join(extensionUnderTest, 'package.json'), 'utf8'));
const extensionId = `${manifest.publisher}.${manifest.name}`;
const mainFile = manifest.main ? path.resolve(extensionUnderTest, manifest.main) : undefined;
if (!mainFile || !(existsSync(mainFile) || existsSync(`${mainFile}.js`))) {
  console.error(`[vscode-test] FAILED: ${extensionId} has no built entry point: package.json "main" is ${JSON.stringify(manifest.main)}, and ${mainFile ?? 'it'} does not exist after the build.`);
  process.exit(1);
}

const temp = mkdtempSync(path.join(os.tmpdir(), 'runbook-lens-vscode-test-'));
const userDataDir = path.join(temp, 'user-data');
const extensionsDir = path.join(temp, 'extensions');
const workspace = path.join(temp, 'workspace');
const resultsFile = path.join(temp, 'results.json');
const codeServerLog = path.join(temp, 'code-server.log');
const browserLog = path.join(temp, 'browser-console.log');
// The harness is copied (not linked) so that the bundled tests live inside it: the extension host
// then attributes their `require('vscode')` to the harness extension instead of warning.
const harnessDir = path.join(extensionsDir, 'runbook-lens.test-harness-0.0.1');
const suiteOut = path.join(harnessDir, 'suite');

mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
mkdirSync(extensionsDir, { recursive: true });
symlinkSync(extensionUnderTest, path.join(extensionsDir, `${extensionId}-${manifest.version}`), 'dir');
cpSync(harnessSource, harnessDir, { recursive: true });
cpSync(fixtureWorkspace, workspace, { recursive: true });
// The same quiet, predictable settings as the end-to-end sessions (trust off: commands may run).
writeFileSync(path.join(userDataDir, 'User', 'settings.json'), `${JSON.stringify(userSettings(true), null, 2)}\n`);

const testEntries = findFiles(suiteSource, '.test.ts');
if (testEntries.length === 0) {
  console.error(`[vscode-test] FAILED: no *.test.ts files under ${path.relative(repoRoot, suiteSource)}`);
  process.exit(1);
}
await bundleSuite(testEntries, suiteSource, suiteOut);
log(`bundled ${testEntries.length} test file(s); temporary folder ${temp}`);

// ---------------------------------------------------------------------------------------------
// 3. Start code-server, open the workbench, wait for the results.
const port = await freePort();
const baseUrl = `http://127.0.0.1:${port}`;
const env = { ...process.env };
// Variables of a surrounding VS Code (its integrated terminal) would make code-server hand the
// request to that instance instead of starting its own.
for (const name of Object.keys(env)) if (name.startsWith('VSCODE_') || name === 'ELECTRON_RUN_AS_NODE') delete env[name];
Object.assign(env, {
  RUNBOOK_LENS_TEST_SUITE: suiteOut,
  RUNBOOK_LENS_TEST_RESULTS: resultsFile,
  RUNBOOK_LENS_TEST_MOCHA: path.join(repoRoot, 'node_modules', 'mocha'),
});

const { openSync, closeSync } = await import('node:fs');
const logFd = openSync(codeServerLog, 'a');
const started = Date.now();
const codeServer = spawn(process.execPath, [
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
let codeServerExit;
codeServer.on('exit', (code, signal) => { codeServerExit = signal ?? code; });

let browser;
let page;
let outcome = { ok: false, message: '' };
let results;

async function stopAll() {
  if (browser) await browser.close().catch(() => {});
  if (codeServerExit === undefined && codeServer.pid) {
    // code-server leaves child processes (extension host, file watcher, pty host): end its group.
    try { process.kill(-codeServer.pid, 'SIGTERM'); } catch { /* already gone */ }
    const stopped = await poll(() => codeServerExit !== undefined, 10_000, 100);
    if (!stopped) try { process.kill(-codeServer.pid, 'SIGKILL'); } catch { /* already gone */ }
  }
  // The group may outlive its leader: make sure nothing is left behind.
  try { process.kill(-codeServer.pid, 'SIGKILL'); } catch { /* none left */ }
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    stopAll().finally(() => process.exit(1));
  });
}

try {
  const healthy = await poll(async () => {
    if (codeServerExit !== undefined) throw new Error(`code-server exited (${codeServerExit}) before it was ready`);
    try {
      const response = await fetch(`${baseUrl}/healthz`);
      return response.ok;
    } catch {
      return false;
    }
  }, 60_000);
  if (!healthy) throw new Error('code-server did not answer /healthz within 60 s');
  log(`code-server is up on ${baseUrl} after ${((Date.now() - started) / 1000).toFixed(1)}s; opening the workbench in ${chromiumPath}`);

  browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'],
  });
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const consoleLines = [];
  page.on('console', (message) => consoleLines.push(`[${message.type()}] ${message.text()}`));
  page.on('pageerror', (error) => consoleLines.push(`[pageerror] ${error.message}`));
  page.on('close', () => writeFileSync(browserLog, `${consoleLines.join('\n')}\n`));
  let pageCrashed = false;
  page.on('crash', () => { pageCrashed = true; });
  await page.goto(`${baseUrl}/?folder=${encodeURIComponent(workspace)}`, { waitUntil: 'domcontentloaded', timeout: 60_000 });

  const found = await poll(() => {
    if (codeServerExit !== undefined) throw new Error(`code-server exited (${codeServerExit}) while the tests ran`);
    if (pageCrashed) throw new Error('the workbench page crashed');
    return existsSync(resultsFile);
  }, deadlineSeconds * 1000, 500);
  writeFileSync(browserLog, `${consoleLines.join('\n')}\n`);
  if (!found) throw new Error(`no results after ${deadlineSeconds} s: the harness did not finish (did the extension host start? see the logs below)`);
  results = JSON.parse(readFileSync(resultsFile, 'utf8'));
  outcome = { ok: results.failures.length === 0 && results.passes.length > 0, message: '' };
  if (results.passes.length === 0 && results.failures.length === 0) outcome.message = 'no test ran';
} catch (error) {
  outcome = { ok: false, message: error.message };
}

// ---------------------------------------------------------------------------------------------
// 4. Report.
if (results) {
  console.log(results.output.trim() ? `\n${results.output.trimEnd()}\n` : '');
  // The spec reporter prints failures with their stacks; add what it leaves out for a load error.
  for (const failure of results.failures) {
    if (failure.title === 'test harness' || failure.title === 'loading the test suite') console.log(`${failure.title}: ${failure.error.stack ?? failure.error.message}`);
  }
}
if (!outcome.ok) {
  mkdirSync(resultsDir, { recursive: true });
  if (page) {
    const screenshot = path.join(resultsDir, 'vscode-integration-failure.png');
    const taken = await page.screenshot({ path: screenshot, timeout: 15_000 }).then(() => true, () => false);
    if (taken) log(`screenshot: ${path.relative(process.cwd(), screenshot)}`);
  }
  if (!results && existsSync(`${resultsFile}.progress`)) {
    console.log(`[vscode-test] the suite did not finish; its output so far:\n${readFileSync(`${resultsFile}.progress`, 'utf8').trimEnd()}\n`);
  }
  if (outcome.message) console.error(`[vscode-test] FAILED: ${outcome.message}`);
  const logsDir = path.join(userDataDir, 'logs');
  const logFiles = existsSync(logsDir) ? findFiles(logsDir, '.log') : [];
  // The extension host's own log, and the output channels: plain ones land in
  // exthost1/output_logging_*/N-<name>.log, log channels in exthost1/<extension id>/<name>.log.
  const interesting = logFiles.filter((file) => /remoteexthost\.log$|output_logging_|runbook-lens/i.test(path.relative(logsDir, file)));
  console.error(`[vscode-test] code-server output (${codeServerLog}), last lines:\n${tail(codeServerLog, 30)}`);
  for (const file of interesting) {
    console.error(`[vscode-test] ${path.relative(temp, file)}, last lines:\n${tail(file, 40)}`);
  }
  console.error(`[vscode-test] browser console: ${browserLog}\n[vscode-test] all logs kept in ${temp}`);
}
await stopAll();
if (outcome.ok && !process.env.RUNBOOK_LENS_KEEP_TEMP) rmSync(temp, { recursive: true, force: true });

const passed = results?.passes.length ?? 0;
const failed = (results?.failures.length ?? 0) + (results ? 0 : 1);
const skipped = results?.pending.length ?? 0;
log(`finished in ${((Date.now() - started) / 1000).toFixed(1)}s`);
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(outcome.ok ? 0 : 1);
