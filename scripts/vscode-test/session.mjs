// A VS Code session driven from outside, the way a person uses it: code-server (installed by
// installCodeServer.mjs) serving the workbench on 127.0.0.1, with extensions installed into a
// folder of its own, and Debian's chromium driven by playwright-core showing it. Used by
// runE2E.mjs (the end-to-end tests) and ../screenshots.mjs (the README's screenshots).
//
//   const tools = await findTools();          // chromium, playwright-core, code-server; or MissingToolError
//   const session = await startSession({ tools, dir, workspace, trusted, vsix, ... });
//   ... session.page ...
//   await session.stop();
//
// The extension under test comes from a .vsix (`vsix`, installed with `code-server
// --install-extension`, as a user installs it) or a folder (`folder`, linked in: for trying a
// build without packaging it). Test-only extensions (`extraFolders`) are linked in next to it.
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, cpSync, mkdirSync, openSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { MissingToolError, ensureCodeServer } from './installCodeServer.mjs';
import { freePort, poll, tail, which } from './common.mjs';

export { poll, tail };

export { MissingToolError };

/** The workbench's size in the browser: what the screenshots show. */
export const DEFAULT_VIEWPORT = { width: 1280, height: 800 };

/** Setup went wrong (not a tool missing): `message` says what, `details` has the logs that say why. */
export class SessionError extends Error {
  constructor(message, details) {
    super(message);
    this.details = details;
  }
}

/** Chromium, playwright-core and code-server (installed on first use). Throws MissingToolError. */
export async function findTools({ log = () => {} } = {}) {
  const chromiumPath = process.env.CHROMIUM_PATH || which('chromium') || which('chromium-browser');
  if (!chromiumPath) throw new MissingToolError('chromium is not installed (apt-get install -y chromium)');
  let chromium;
  try {
    ({ chromium } = await import('playwright-core'));
  } catch (error) {
    throw new MissingToolError(`playwright-core cannot be loaded (${error.message}); it is a devDependency: npm install`);
  }
  let codeServerEntry;
  try {
    codeServerEntry = ensureCodeServer({ log: (line) => log(`code-server install: ${line}`) });
  } catch (error) {
    if (error instanceof MissingToolError) throw new MissingToolError(`code-server cannot be installed: ${error.message}`);
    throw new SessionError(`code-server cannot be installed: ${error.message} (see the npm output above)`);
  }
  return { chromiumPath, chromium, codeServerEntry };
}

/** The user settings of a session: quiet and predictable, and trust as the session needs it. */
export function userSettings(trusted) {
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

/** Variables of a surrounding VS Code (its integrated terminal) would make code-server hand the request to that instance. */
function codeServerEnv() {
  const env = { ...process.env };
  for (const name of Object.keys(env)) if (name.startsWith('VSCODE_') || name === 'ELECTRON_RUN_AS_NODE') delete env[name];
  env.SHELL = which('bash') ?? env.SHELL ?? '/bin/sh';
  return env;
}

function extensionId(folder) {
  const { publisher, name, version } = JSON.parse(readFileSync(path.join(folder, 'package.json'), 'utf8'));
  return { id: `${publisher}.${name}`.toLowerCase(), version };
}

/**
 * Fills `extensionsDir`: the folders linked in first (code-server takes the folders it finds into its
 * extensions.json on first use only), then the .vsix installed with `code-server --install-extension`.
 * Checks with `--list-extensions` that code-server sees every one; returns their `id@version`s.
 */
export function installExtensions({ codeServerEntry, extensionsDir, userDataDir, vsix, folders = [] }) {
  mkdirSync(extensionsDir, { recursive: true });
  const expected = [];
  for (const folder of folders) {
    const { id, version } = extensionId(folder);
    symlinkSync(folder, path.join(extensionsDir, `${id}-${version}`), 'dir');
    expected.push(id);
  }
  const cli = (args) => spawnSync(process.execPath, [codeServerEntry, ...args, '--extensions-dir', extensionsDir, '--user-data-dir', userDataDir], {
    encoding: 'utf8', env: codeServerEnv(), timeout: 120_000,
  });
  if (vsix) {
    const installed = cli(['--install-extension', vsix]);
    if (installed.status !== 0 || !/successfully installed/i.test(installed.stdout)) {
      throw new SessionError(`code-server --install-extension ${vsix} failed (exit ${installed.status ?? installed.signal})`, `${installed.stdout}\n${installed.stderr}`);
    }
  }
  const listed = cli(['--list-extensions', '--show-versions']);
  const seen = listed.stdout.split('\n').map((line) => line.trim()).filter((line) => line.includes('@'));
  const missing = expected.filter((id) => !seen.some((line) => line.toLowerCase().startsWith(`${id}@`)));
  if (listed.status !== 0 || missing.length > 0 || (vsix && seen.length <= expected.length)) {
    throw new SessionError(`code-server does not list the extensions it should have (${missing.join(', ') || 'the .vsix'})`, `${listed.stdout}\n${listed.stderr}`);
  }
  return seen;
}

/**
 * Lays out `dir` (user data, extensions, a copy of `workspaceSource`), installs the extensions,
 * starts code-server and opens the workbench in Chromium. Returns the session; `stop()` ends it.
 * `settings` are user settings on top of `userSettings(trusted)`.
 * `onStarted(session)` is called as soon as code-server runs, so a caller can stop it on a signal.
 */
export async function startSession({
  tools, name, dir, workspaceSource, trusted = true, vsix, folder, extraFolders = [], settings = {},
  viewport = DEFAULT_VIEWPORT, log = () => {}, onStarted = () => {},
}) {
  const userDataDir = path.join(dir, 'user-data');
  const extensionsDir = path.join(dir, 'extensions');
  const workspace = path.join(dir, 'workspace');
  const session = {
    name, dir, userDataDir, extensionsDir, workspace, trusted,
    codeServerLog: path.join(dir, 'code-server.log'),
    browserLog: path.join(dir, 'browser-console.log'),
    consoleLines: [],
    codeServer: undefined,
    /** code-server's exit code or signal, once it has exited. */
    exit: undefined,
    browser: undefined,
    page: undefined,
    baseUrl: undefined,
    installed: [],
    codeServerAlive: () => session.exit === undefined,
    writeBrowserLog: () => writeFileSync(session.browserLog, `${session.consoleLines.join('\n')}\n`),
    stop: () => stopSession(session),
  };

  mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  session.installed = installExtensions({
    codeServerEntry: tools.codeServerEntry, extensionsDir, userDataDir, vsix,
    folders: [...(folder ? [folder] : []), ...extraFolders],
  });
  cpSync(workspaceSource, workspace, { recursive: true });
  writeFileSync(path.join(userDataDir, 'User', 'settings.json'), `${JSON.stringify({ ...userSettings(trusted), ...settings }, null, 2)}\n`);

  const port = await freePort();
  session.baseUrl = `http://127.0.0.1:${port}`;
  const logFd = openSync(session.codeServerLog, 'a');
  const serverStarted = Date.now();
  session.codeServer = spawn(process.execPath, [
    tools.codeServerEntry,
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
  ], { cwd: dir, env: codeServerEnv(), detached: true, stdio: ['ignore', logFd, logFd] });
  closeSync(logFd);
  session.codeServer.on('exit', (code, signal) => { session.exit = signal ?? code; });
  onStarted(session);

  const healthy = await poll(async () => {
    if (session.exit !== undefined) return 'exited';
    try {
      return (await fetch(`${session.baseUrl}/healthz`)).ok;
    } catch {
      return false;
    }
  }, 60_000, 250);
  if (healthy !== true) {
    throw new SessionError(`${name} session: ${healthy === 'exited' ? `code-server exited (${session.exit}) before it was ready` : 'code-server did not answer /healthz within 60 s'}`,
      `code-server output (${session.codeServerLog}), last lines:\n${tail(session.codeServerLog, 30)}`);
  }
  log(`${name} session: code-server is up on ${session.baseUrl} after ${((Date.now() - serverStarted) / 1000).toFixed(1)}s; opening the workbench in ${tools.chromiumPath}`);

  try {
    session.browser = await tools.chromium.launch({
      executablePath: tools.chromiumPath,
      headless: process.env.E2E_HEADED !== '1',
      // The caller stops the browser itself, after its last look at the page.
      handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'],
    });
    const context = await session.browser.newContext({ viewport });
    // For the Copy lens: the workbench writes to the browser's clipboard.
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: session.baseUrl }).catch(() => {});
    const page = await context.newPage();
    page.on('console', (message) => session.consoleLines.push(`[${message.type()}] ${message.text()}`));
    page.on('pageerror', (error) => session.consoleLines.push(`[pageerror] ${error.message}`));
    page.on('crash', () => session.consoleLines.push('[crash] the workbench page crashed'));
    await page.goto(`${session.baseUrl}/?folder=${encodeURIComponent(workspace)}`, { waitUntil: 'domcontentloaded', timeout: 60_000 });
    session.page = page;
  } catch (error) {
    session.writeBrowserLog();
    throw new SessionError(`${name} session: could not open the workbench in ${tools.chromiumPath}: ${error.message}`);
  }
  return session;
}

/** Stops the session's browser and code-server (with everything code-server started). */
export async function stopSession(session) {
  if (session.browser) {
    await session.browser.close().catch(() => {});
    session.browser = undefined;
  }
  const pid = session.codeServer?.pid;
  if (!pid) return;
  if (session.exit === undefined) {
    // code-server leaves child processes (extension host, pty host, file watcher, the terminal's
    // shell): end its whole process group.
    try { process.kill(-pid, 'SIGTERM'); } catch { /* already gone */ }
    const stopped = await poll(() => session.exit !== undefined, 10_000, 100);
    if (!stopped) try { process.kill(-pid, 'SIGKILL'); } catch { /* already gone */ }
  }
  // The group may outlive its leader: make sure nothing is left behind.
  try { process.kill(-pid, 'SIGKILL'); } catch { /* none left */ }
}

/** The last resort when this process exits: kill the session's code-server group, synchronously. */
export function killSessionNow(session) {
  if (session?.codeServer?.pid) try { process.kill(-session.codeServer.pid, 'SIGKILL'); } catch { /* none left */ }
}
