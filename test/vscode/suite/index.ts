// The suite's entry point in the shape @vscode/test-electron's `extensionTestsPath` expects: VS Code
// loads this module in the extension host and awaits `run()`. scripts/vscode-test/runElectron.mjs
// bundles it next to the bundled *.test.ts files (scripts/vscode-test/runCodeServer.mjs runs the
// same test files through test/vscode/harness instead).
import Mocha from 'mocha';
import { readdirSync } from 'node:fs';
import * as path from 'node:path';

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return testFiles(full);
      return entry.name.endsWith('.test.js') ? [full] : [];
    })
    .sort();
}

export function run(): Promise<void> {
  const mocha = new Mocha({
    ui: 'bdd',
    color: true,
    timeout: Number(process.env.RUNBOOK_LENS_TEST_TIMEOUT) || 60_000,
    grep: process.env.RUNBOOK_LENS_TEST_GREP ? new RegExp(process.env.RUNBOOK_LENS_TEST_GREP) : undefined,
  });
  // Bundled, this module sits in the same folder as the bundled test files.
  const files = testFiles(__dirname);
  if (files.length === 0) return Promise.reject(new Error(`no *.test.js files next to ${__filename}`));
  for (const file of files) mocha.addFile(file);
  return new Promise((resolve, reject) => {
    try {
      const runner = mocha.run((failures) => {
        const { passes = 0, pending = 0 } = runner.stats ?? {};
        console.log(`${passes} passed, ${failures} failed, ${pending} skipped`);
        if (failures > 0) reject(new Error(`${failures} test(s) failed.`));
        else resolve();
      });
    } catch (error) {
      reject(error);
    }
  });
}
