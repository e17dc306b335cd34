// `node scripts/vscode-test/runE2E.mjs`: the end-to-end tests of test/e2e/*.e2e.mjs, driven from
// OUTSIDE the editor the way a person uses it: the shipped artifact, the .vsix of
// `npm run package` (scripts/package.mjs: production build, then vsce), is installed into
// code-server with `--install-extension` (installed by installCodeServer.mjs); code-server serves
// the workbench on 127.0.0.1, Debian's chromium driven by playwright-core opens it on a temporary
// copy of a workspace, and the tests click, type and read the screen; their effects (files a
// runbook command writes or deletes) are checked on disk. mocha runs the test files in this
// process (the spec reporter); the run closes with one `N passed, N failed, N skipped` line over
// all of them. The session machinery is in session.mjs (shared with scripts/screenshots.mjs).
//
// Three sessions, one after the other, each with a code-server, a browser, a port and a temporary
// folder (user data, extensions, workspace copy, logs) of its own:
//   trusted    workspace trust off (--disable-workspace-trust): runbook commands run. A copy of
//              test/e2e/fixture/. Every test file except untrusted*.e2e.mjs and readme*.e2e.mjs.
//   untrusted  workspace trust on and the folder not trusted, so the window opens in Restricted
//              Mode (no startup prompt), with the test-only extension test/e2e/lens-probe/ next
//              to the one under test. A copy of test/e2e/fixture/. The files untrusted*.e2e.mjs.
//   readme     trusted, on a copy of examples/: readme*.e2e.mjs takes the README's screenshots
//              again (into test-results/e2e/readme/) with scripts/screenshots.mjs's steps.
//
// The tests reach the running workbench through `globalThis.runbookLensE2E` (see `testHandle`):
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
//   RUNBOOK_LENS_VSIX                  a .vsix to install instead of packaging one (skips the build)
//   RUNBOOK_LENS_EXTENSION_UNDER_TEST  a folder to link in instead of a .vsix (skips the build)
//   CHROMIUM_PATH                      the browser to drive (default: chromium on PATH)
//   E2E_HEADED=1                       show the browser window (needs a display)
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findFiles } from './common.mjs';
import { MissingToolError, SessionError, findTools, killSessionNow, startSession, tail } from './session.mjs';
import { packageVsix } from '../package.mjs';
import { SCREENSHOT_SETTINGS } from '../screenshots.mjs';

const require = createRequire(import.meta.url);
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const e2eDir = path.join(repoRoot, 'test', 'e2e');
const fixtureWorkspace = path.join(e2eDir, 'fixture');
const examplesWorkspace = path.join(repoRoot, 'examples');
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

// Whatever was started, so that every exit path can stop it: the temporary folder of the whole run,
// and the session under way.
let temp;
let current;

async function stopAll() {
  const running = current;
  current = undefined;
  if (running) await running.stop();
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
process.on('exit', () => killSessionNow(current));
let mochaRunning = false;
process.on('uncaughtException', (error) => {
  if (mochaRunning) return; // mocha fails the current test with it
  console.error(`[e2e] FAILED: ${error.stack ?? error.message}`);
  stopAll().finally(() => process.exit(1));
});
for (const stream of [process.stdout, process.stderr]) stream.on('error', () => { /* reader gone (| head): keep going, stop cleanly */ });

// ---------------------------------------------------------------------------------------------
// 1. Tools.
let tools;
try {
  tools = await findTools({ log });
} catch (error) {
  if (error instanceof MissingToolError) missingTool(error.message);
  await setupFailed(error.message);
}

// ---------------------------------------------------------------------------------------------
// 2. The extension under test (by default the .vsix, packaged now), the test files, the run's
//    temporary folder.
const underTest = {};
if (process.env.RUNBOOK_LENS_EXTENSION_UNDER_TEST) {
  underTest.folder = path.resolve(process.env.RUNBOOK_LENS_EXTENSION_UNDER_TEST);
  log(`testing the folder ${underTest.folder} (RUNBOOK_LENS_EXTENSION_UNDER_TEST), not a .vsix`);
  const manifest = JSON.parse(readFileSync(path.join(underTest.folder, 'package.json'), 'utf8'));
  const mainFile = manifest.main ? path.resolve(underTest.folder, manifest.main) : undefined;
  if (!mainFile || !(existsSync(mainFile) || existsSync(`${mainFile}.js`))) {
    await setupFailed(`${underTest.folder} has no built entry point: package.json "main" is ${JSON.stringify(manifest.main)}, and ${mainFile ?? 'it'} does not exist.`);
  }
} else if (process.env.RUNBOOK_LENS_VSIX) {
  underTest.vsix = path.resolve(process.env.RUNBOOK_LENS_VSIX);
  if (!existsSync(underTest.vsix)) await setupFailed(`RUNBOOK_LENS_VSIX=${process.env.RUNBOOK_LENS_VSIX}: no such file`);
} else {
  log('packaging the extension as it ships: node scripts/package.mjs (production build, then vsce package)');
  try {
    underTest.vsix = packageVsix({ log: (line) => log(`package: ${line}`) }).file;
  } catch (error) {
    await setupFailed(`node scripts/package.mjs: ${error.message}`);
  }
}

const testFiles = findFiles(e2eDir, '.e2e.mjs').filter((file) => !file.startsWith(fixtureWorkspace + path.sep)).sort();
if (testFiles.length === 0) await setupFailed(`no *.e2e.mjs files under ${path.relative(repoRoot, e2eDir)}`);
const named = (prefix) => (file) => path.basename(file).startsWith(prefix);

// `extraFolders`: test-only extensions installed next to the one under test. The lens probe shows a
// code lens once Runbook Lens has diagnosed a document: see test/e2e/lens-probe/extension.cjs.
const sessions = [
  { name: 'trusted', trusted: true, workspaceSource: fixtureWorkspace, files: testFiles.filter((file) => !named('untrusted')(file) && !named('readme')(file)), extraFolders: [] },
  { name: 'untrusted', trusted: false, workspaceSource: fixtureWorkspace, files: testFiles.filter(named('untrusted')), extraFolders: [path.join(e2eDir, 'lens-probe')] },
  { name: 'readme', trusted: true, workspaceSource: examplesWorkspace, files: testFiles.filter(named('readme')), extraFolders: [], settings: SCREENSHOT_SETTINGS },
];

temp = mkdtempSync(path.join(os.tmpdir(), 'runbook-lens-e2e-'));
// Screenshots of this run only.
mkdirSync(artifactsDir, { recursive: true });
for (const name of readdirSync(artifactsDir)) if (name.endsWith('.png') || name.endsWith('.txt')) rmSync(path.join(artifactsDir, name), { force: true });
log(`temporary folder ${temp}`);

// ---------------------------------------------------------------------------------------------
// 3. A session (session.mjs): code-server with the extension installed, the workbench in Chromium.
//    Returns what the tests get as `globalThis.runbookLensE2E`.
async function startTestSession({ name, trusted, workspaceSource, extraFolders, settings }) {
  const dir = path.join(temp, name);
  let session;
  try {
    session = await startSession({
      tools, name, dir, workspaceSource, trusted, extraFolders, settings, ...underTest, log,
      onStarted: (started) => { current = started; },
    });
  } catch (error) {
    if (!(error instanceof SessionError)) throw error;
    await setupFailed(error.message, { dir, extra: error.details });
  }
  current = session;
  log(`${name} session: installed ${underTest.vsix ? path.relative(process.cwd(), underTest.vsix) : underTest.folder} into code-server: ${session.installed.join(', ')}`);
  return session;
}

/** What the tests get: see test/e2e/clickToRun.e2e.mjs, untrusted.e2e.mjs and readme.e2e.mjs. */
function testHandle(session) {
  const { page } = session;
  return {
    page,
    baseUrl: session.baseUrl,
    workspace: session.workspace,
    temp: session.dir,
    artifactsDir,
    /** false in the untrusted session: the window is in Restricted Mode. */
    trusted: session.trusted,
    /** The .vsix installed in this session (undefined when a folder is tested). */
    vsix: underTest.vsix,
    /** Whether code-server is still running (a test that waits on the page can fail fast otherwise). */
    codeServerAlive: session.codeServerAlive,
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
function reportFailure(session) {
  if (session.exit !== undefined) console.error(`[e2e] ${session.name} session: code-server exited (${session.exit}) during the run`);
  const logsDir = path.join(session.userDataDir, 'logs');
  const logFiles = existsSync(logsDir) ? findFiles(logsDir, '.log') : [];
  // The extension host's own log and the extension's output channels.
  const interesting = logFiles.filter((file) => /remoteexthost\.log$|output_logging_|runbook-lens/i.test(path.relative(logsDir, file)));
  console.error(`[e2e] code-server output (${session.codeServerLog}), last lines:\n${tail(session.codeServerLog, 30)}`);
  for (const file of interesting) console.error(`[e2e] ${path.relative(temp, file)}, last lines:\n${tail(file, 40)}`);
  console.error(`[e2e] screenshots and DOM text: ${path.relative(process.cwd(), artifactsDir) || '.'}/`);
  console.error(`[e2e] browser console: ${session.browserLog}`);
  console.error(`[e2e] all logs of the ${session.name} session (code-server, extension host, output channels under user-data/logs) kept in ${session.dir}`);
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
  const session = await startTestSession(spec);
  globalThis.runbookLensE2E = testHandle(session);
  const stats = await runTests(spec.files);
  session.writeBrowserLog();
  if (stats) {
    totals.passes += stats.passes;
    totals.failures += stats.failures;
    totals.pending += stats.pending;
  } else {
    totals.failures += 1; // the files could not be loaded: count it, so the closing line says so
  }
  if (!stats || stats.failures > 0) {
    ok = false;
    reportFailure(session);
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
