import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ensureBuilt, runCli } from '../helpers/runCli';
import { CORPUS } from '../helpers/paths';

/** Microsoft's SARIF validator (an npm package with a Linux binary), with GitHub code scanning's rules. */
function validator(): string | undefined {
  try {
    const dir = path.dirname(require.resolve('@microsoft/sarif-multitool-linux/package.json'));
    const binary = path.join(dir, 'Sarif.Multitool');
    return existsSync(binary) ? binary : undefined;
  } catch {
    return undefined;
  }
}

describe('SARIF output accepted by GitHub code scanning', () => {
  let dir: string;
  before(function () {
    const binary = validator();
    if (!binary) {
      if (process.env.CI === 'true') throw new Error('the SARIF validator (@microsoft/sarif-multitool) is missing');
      this.skip();
    }
    ensureBuilt();
    dir = mkdtempSync(path.join(tmpdir(), 'runbook-lens-sarif-'));
  });
  after(() => dir && rmSync(dir, { recursive: true, force: true }));

  for (const folder of ['kubernetes-mixin', 'openshift-runbooks', '_synthetic']) {
    it(`passes the SARIF and GitHub (GH) validation rules on the ${folder} report`, function () {
      this.timeout(120_000);
      const { stdout } = runCli(['check', '--format', 'sarif', path.join(CORPUS, folder)]);
      const input = path.join(dir, `${folder}.sarif`);
      const output = path.join(dir, `${folder}.validation.sarif`);
      writeFileSync(input, stdout);
      assert.ok(JSON.parse(stdout).runs[0].results.length > 0, 'the report should hold results to validate');
      const run = spawnSync(validator()!, ['validate', '--rule-kind', 'Gh;Sarif', '--output', output, input], { encoding: 'utf8', env: { ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: '1' } });
      assert.equal(run.status, 0, run.stdout + run.stderr);
      const findings = JSON.parse(readFileSync(output, 'utf8')).runs[0].results ?? [];
      const problems = findings.filter((r: { level?: string }) => r.level === 'error' || r.level === 'warning');
      assert.deepEqual(problems.map((r: { ruleId: string; message: { arguments?: string[] } }) => `${r.ruleId}: ${r.message.arguments?.join(' ')}`), []);
    });
  }
});
