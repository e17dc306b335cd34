// The README says what the product does: its settings table lists every setting package.json
// contributes, its diagnostics table every code, its CLI usage is the CLI's own, its CI example
// runs and makes SARIF, its links lead to files that exist, and `npm start` / `npm test` stay the
// only setup commands. (test/e2e/readme.e2e.mjs checks its screenshots.)
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { DIAGNOSTIC_CODES } from '../../src/core/api';
import { REPO_ROOT } from '../helpers/paths';
import { ensureBuilt } from '../helpers/runCli';

const README = readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
const manifest = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));

/** The README's fenced code blocks with their language. */
const blocks = [...README.matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)].map((m) => ({ lang: m[1], text: m[2] }));

/** The rows of the Markdown table that follows a heading, as arrays of cells. */
function tableAfter(heading: string): string[][] {
  const start = README.indexOf(`\n${heading}\n`);
  assert.ok(start >= 0, `the README has "${heading}"`);
  const lines = README.slice(start).split('\n');
  const first = lines.findIndex((line) => line.startsWith('|'));
  const rows: string[][] = [];
  for (const line of lines.slice(first)) {
    if (!line.startsWith('|')) break;
    rows.push(line.slice(1, -1).split(' | ').map((cell) => cell.trim()));
  }
  return rows.slice(2); // header and separator
}

describe('README.md', () => {
  it('keeps `npm start` and `npm test` as the only setup commands', () => {
    const [first] = blocks;
    assert.deepEqual(first.text.trim().split('\n').map((line) => line.split('#')[0].trim()), ['npm start', 'npm test']);
    const npmInBlocks = blocks.filter((b) => b.lang === 'sh' || b.lang === 'bash').flatMap((b) => b.text.split('\n')).filter((line) => /^\s*npm\b/.test(line));
    assert.deepEqual(npmInBlocks.map((line) => line.split('#')[0].trim()), ['npm start', 'npm test']);
  });

  it('lists every setting of package.json in the settings table, with its default', () => {
    const rows = tableAfter('## Settings');
    const listed = new Map(rows.map(([name, def]) => [name.replace(/`/g, ''), def.replace(/`/g, '')]));
    const properties = manifest.contributes.configuration.properties as Record<string, { default?: unknown }>;
    assert.deepEqual([...listed.keys()].sort(), Object.keys(properties).sort());
    for (const [name, setting] of Object.entries(properties)) assert.equal(listed.get(name), JSON.stringify(setting.default), `the default of ${name}`);
  });

  it('lists every diagnostic code, linked to its page', () => {
    const codes = tableAfter('## Diagnostics').map(([code]) => code);
    assert.deepEqual(codes, DIAGNOSTIC_CODES.map((code) => `[\`${code}\`](docs/rules/${code}.md)`));
  });

  it('links only to files that exist', () => {
    const targets = [...README.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]).filter((target) => !/^(\w+:|#)/.test(target));
    assert.ok(targets.length > 10);
    const missing = [...new Set(targets.map((target) => target.split('#')[0]))].filter((target) => !existsSync(path.join(REPO_ROOT, target)));
    assert.deepEqual(missing, []);
  });

  describe('the CLI', () => {
    before(() => ensureBuilt());

    it('shows the usage the CLI prints', () => {
      const help = spawnSync(process.execPath, [path.join(REPO_ROOT, 'bin', 'runbook-lens.js'), '--help'], { encoding: 'utf8' });
      const usage = blocks.find((b) => b.text.startsWith('runbook-lens check'));
      assert.ok(usage, 'a block with the usage');
      for (const line of usage.text.trim().split('\n')) assert.ok(help.stdout.includes(line), `runbook-lens --help says ${JSON.stringify(line)}`);
    });

    it('has a CI workflow that checks with --format sarif and uploads that file with upload-sarif, and its check works', () => {
      const workflow = blocks.map((b) => (b.lang === 'yaml' ? parseYaml(b.text) : undefined)).find((doc) => doc?.jobs);
      assert.ok(workflow, 'a GitHub Actions workflow');
      const steps = (Object.values(workflow.jobs)[0] as { steps: { run?: string; uses?: string; if?: string; with?: Record<string, string> }[] }).steps;
      const check = steps.find((step) => step.run?.includes(' check --format sarif'));
      const upload = steps.find((step) => step.uses?.startsWith('github/codeql-action/upload-sarif@'));
      assert.ok(check && upload, 'a check step and an upload step');
      const [, cli, args, out] = /^node\s+(\S+)\s+(check --format sarif .*?)\s*>\s*(\S+)\s*$/.exec(check.run!.trim()) ?? [];
      assert.ok(cli, `the check step runs the CLI with node: ${check.run}`);
      assert.equal(upload.with?.sarif_file, out, 'the upload takes the file the check wrote');
      assert.equal(upload.if, 'always()', 'the upload also runs when the check exits 1');
      assert.ok(steps.some((step) => step.run?.includes('extension/dist/cli.js') && step.run.includes(path.posix.basename(cli.replace(/"/g, '')))), 'the CLI comes out of the .vsix (extension/dist/cli.js)');

      // The same arguments, with the repository's CLI, on the example workspace.
      const run = spawnSync(process.execPath, [path.join(REPO_ROOT, 'bin', 'runbook-lens.js'), ...args.split(/\s+/)], { cwd: path.join(REPO_ROOT, 'examples'), encoding: 'utf8' });
      assert.equal(run.status, 1, `the examples hold an error: exit 1\n${run.stderr}`);
      const sarif = JSON.parse(run.stdout);
      assert.equal(sarif.version, '2.1.0');
      const results = sarif.runs[0].results as { ruleId: string }[];
      assert.ok(results.length > 0);
      const rules = sarif.runs[0].tool.driver.rules as { id: string; helpUri: string }[];
      for (const { ruleId } of results) assert.match(rules.find((rule) => rule.id === ruleId)!.helpUri, new RegExp(`/docs/rules/${ruleId}\\.md$`));
    });
  });
});
