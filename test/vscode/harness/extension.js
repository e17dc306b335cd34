// The integration-test harness: a tiny extension that runs mocha inside the extension host, so the
// tests use the real `vscode` API (the way @vscode/test-electron's extensionTestsPath does), and
// writes the results as JSON for scripts/vscode-test/runCodeServer.mjs, which waits for that file.
//
// It does nothing unless these environment variables reach the extension host:
//   RUNBOOK_LENS_TEST_SUITE    folder holding the bundled test files (*.test.js, searched recursively)
//   RUNBOOK_LENS_TEST_RESULTS  where to write the JSON results (written once, atomically); the
//                              reporter's lines also go to <that file>.progress as they come
//   RUNBOOK_LENS_TEST_MOCHA    absolute path of the mocha package to load (the repo's node_modules/mocha)
//   RUNBOOK_LENS_TEST_GREP     optional: only run tests whose full title matches this regular expression
//   RUNBOOK_LENS_TEST_TIMEOUT  optional: mocha's per-test timeout in ms (default 60000)
/* eslint-disable @typescript-eslint/no-require-imports */
'use strict';

const fs = require('node:fs');
const { findSourceMap } = require('node:module');
const path = require('node:path');
const { fileURLToPath } = require('node:url');
const util = require('node:util');

/**
 * Rewrites `bundle.test.js:LINE:COL` frames of a stack to the .ts lines they came from. The
 * extension host installs its own Error.prepareStackTrace, which bypasses Node's source-map
 * support, so the bundles' inline source maps are applied here instead.
 */
function mapStack(stack) {
  if (typeof stack !== 'string') return stack;
  // mocha has already made the paths under the working directory relative.
  return stack.replace(/([^\s():]+\.js):(\d+):(\d+)/g, (frame, file, line, column) => {
    try {
      const map = findSourceMap(path.resolve(file));
      const entry = map && map.findEntry(Number(line) - 1, Number(column) - 1);
      if (!entry || !entry.originalSource) return frame;
      const source = entry.originalSource.startsWith('file:') ? fileURLToPath(entry.originalSource) : entry.originalSource;
      return `${source}:${entry.originalLine + 1}:${entry.originalColumn + 1}`;
    } catch {
      return frame;
    }
  });
}

function findTestFiles(dir) {
  const files = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) files.push(...findTestFiles(full));
    else if (entry.name.endsWith('.test.js')) files.push(full);
  }
  return files.sort();
}

function errorInfo(error) {
  if (!error) return { message: 'unknown error' };
  const info = { message: String(error.message ?? error), stack: error.stack };
  if ('actual' in error || 'expected' in error) {
    info.actual = util.inspect(error.actual, { depth: 4 });
    info.expected = util.inspect(error.expected, { depth: 4 });
  }
  return info;
}

function writeResults(file, results) {
  const temporary = `${file}.partial`;
  fs.writeFileSync(temporary, `${JSON.stringify(results, null, 2)}\n`);
  fs.renameSync(temporary, file);
}

async function runSuite(suiteDir, mochaPath, progressFile) {
  const Mocha = require(mochaPath);
  const Base = Mocha.reporters.Base;
  const lines = [];
  const originalLog = Base.consoleLog;
  Base.consoleLog = (...args) => {
    const line = util.format(...args);
    lines.push(line);
    // Also as it happens, so that a run that never finishes still shows how far it got.
    try { fs.appendFileSync(progressFile, `${line}\n`); } catch { /* best effort */ }
  };
  const results = { passes: [], failures: [], pending: [], stats: undefined, output: '' };
  try {
    const mocha = new Mocha({
      ui: 'bdd',
      reporter: 'spec',
      color: false,
      timeout: Number(process.env.RUNBOOK_LENS_TEST_TIMEOUT) || 60000,
      grep: process.env.RUNBOOK_LENS_TEST_GREP ? new RegExp(process.env.RUNBOOK_LENS_TEST_GREP) : undefined,
    });
    const files = findTestFiles(suiteDir);
    if (files.length === 0) throw new Error(`no *.test.js files in ${suiteDir}`);
    for (const file of files) mocha.addFile(file);
    await new Promise((resolve) => {
      const runner = mocha.run(() => resolve());
      runner.on('pass', (test) => results.passes.push({ title: test.title, fullTitle: test.fullTitle(), duration: test.duration }));
      runner.on('fail', (test, error) => {
        // Before the reporter's epilogue prints the stacks.
        if (error && typeof error.stack === 'string') {
          try { error.stack = mapStack(error.stack); } catch { /* keep the bundle's frames */ }
        }
        results.failures.push({ title: test.title, fullTitle: test.fullTitle(), error: errorInfo(error) });
      });
      runner.on('pending', (test) => results.pending.push({ title: test.title, fullTitle: test.fullTitle() }));
      runner.on('end', () => { results.stats = runner.stats; });
    });
  } catch (error) {
    // The suite could not even load (a syntax error, a missing module...): report it as a failure.
    results.failures.push({ title: 'loading the test suite', fullTitle: 'loading the test suite', error: errorInfo(error) });
    lines.push(`Error loading the test suite: ${error && error.stack ? error.stack : error}`);
  } finally {
    Base.consoleLog = originalLog;
  }
  results.output = lines.join('\n');
  return results;
}

function activate() {
  const suiteDir = process.env.RUNBOOK_LENS_TEST_SUITE;
  const resultsFile = process.env.RUNBOOK_LENS_TEST_RESULTS;
  if (!suiteDir || !resultsFile) return;
  if (fs.existsSync(resultsFile)) return; // a reloaded window must not run the suite twice
  const mochaPath = process.env.RUNBOOK_LENS_TEST_MOCHA || 'mocha';
  // The bundles carry inline source maps: make failures point at the .ts lines.
  if (typeof process.setSourceMapsEnabled === 'function') process.setSourceMapsEnabled(true);
  const started = Date.now();
  // Run after activate() returns, so the extension host is not held up by the suite.
  setImmediate(() => {
    runSuite(suiteDir, mochaPath, `${resultsFile}.progress`)
      .then((results) => writeResults(resultsFile, { ...results, durationMs: Date.now() - started }))
      .catch((error) => writeResults(resultsFile, {
        passes: [], pending: [], output: String(error && error.stack),
        failures: [{ title: 'test harness', fullTitle: 'test harness', error: errorInfo(error) }],
      }));
  });
}

function deactivate() {}

module.exports = { activate, deactivate };
