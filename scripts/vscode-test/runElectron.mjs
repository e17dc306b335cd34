// `npm run test:vscode`: the same integration suite (test/vscode/suite) the @vscode/test-electron
// way: downloads a VS Code build into .vscode-test/ (once), starts it with the repo as the
// extension under development and test/vscode/suite/index.ts as `extensionTestsPath`.
//
// It needs to reach VS Code's download servers: where it cannot (offline machines, this project's
// CI), use `npm run test:integration` (code-server, scripts/vscode-test/runCodeServer.mjs).
//
// Environment (all optional):
//   VSCODE_TEST_VERSION     the VS Code to download: 'stable' (default), 'insiders' or a version such as 1.90.0
//   RUNBOOK_LENS_TEST_GREP  run only the tests whose full title matches this regexp
// On Linux without a display, run it under xvfb-run (apt-get install -y xvfb).
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runTests } from '@vscode/test-electron';
import { bundleSuite, findFiles } from './common.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const suiteSource = path.join(repoRoot, 'test', 'vscode', 'suite');
// Inside the repo, so that the bundles' require('mocha') finds node_modules/mocha, and inside the
// extension under development, so that their require('vscode') is attributed to it.
const suiteOut = path.join(repoRoot, '.vscode-test', 'electron-suite');
const version = process.env.VSCODE_TEST_VERSION || 'stable';


console.log('[vscode-test] building the extension: node scripts/build.mjs');
const built = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: repoRoot, stdio: 'inherit' });
if (built.status !== 0) {
  console.error(`[vscode-test] FAILED: node scripts/build.mjs exited with ${built.status}`);
  process.exit(1);
}

rmSync(suiteOut, { recursive: true, force: true });
await bundleSuite([path.join(suiteSource, 'index.ts'), ...findFiles(suiteSource, '.test.ts')], suiteSource, suiteOut);

const temp = mkdtempSync(path.join(os.tmpdir(), 'runbook-lens-vscode-electron-'));
const workspace = path.join(temp, 'workspace');
cpSync(path.join(repoRoot, 'test', 'vscode', 'fixtures', 'workspace'), workspace, { recursive: true });

let exitCode = 0;
try {
  exitCode = await runTests({
    version,
    extensionDevelopmentPath: repoRoot,
    extensionTestsPath: path.join(suiteOut, 'index.js'),
    launchArgs: [
      workspace,
      '--disable-extensions', // other installed extensions; the one under development still loads
      '--disable-workspace-trust',
      '--skip-welcome',
      '--skip-release-notes',
      '--user-data-dir', path.join(temp, 'user-data'),
    ],
    extensionTestsEnv: { RUNBOOK_LENS_TEST_GREP: process.env.RUNBOOK_LENS_TEST_GREP ?? '' },
  });
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  const download = /download|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|getaddrinfo|fetch failed|update\.code\.visualstudio\.com|socket hang up|certificate/i.test(message);
  console.error(`[vscode-test] FAILED: ${message}`);
  if (download) {
    console.error(
      `[vscode-test] @vscode/test-electron could not download VS Code (${version}): this machine has no access to VS Code's download servers.\n` +
        '[vscode-test] Offline, run the same suite on code-server instead: npm run test:integration',
    );
  } else {
    console.error('[vscode-test] VS Code did not run the tests; on Linux without a display, try: xvfb-run -a npm run test:vscode');
  }
  exitCode = 1;
} finally {
  rmSync(temp, { recursive: true, force: true });
}
process.exit(exitCode);
