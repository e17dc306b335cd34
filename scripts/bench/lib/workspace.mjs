// The generated benchmark workspace, cached in the system's temp folder by sizes, seed and the
// generator's own source (a changed generator makes a new workspace).
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

/** A number from the environment, or the fallback when the variable is unset or empty. */
export function envNumber(name, fallback) {
  return process.env[name] === undefined || process.env[name] === '' ? fallback : Number(process.env[name]);
}

/** The workspace's sizes: the defaults the targets are for, or the BENCH_* variables' (docs/performance.md, "Options"). */
export function benchSizes() {
  return {
    seed: envNumber('BENCH_SEED', 1),
    runbooks: envNumber('BENCH_RUNBOOKS', 2000),
    ruleFiles: envNumber('BENCH_RULE_FILES', 300),
    alerts: envNumber('BENCH_ALERTS', 10_000),
    largeLines: envNumber('BENCH_LARGE_LINES', 3000),
    largeBytes: envNumber('BENCH_LARGE_KB', 650) * 1024,
  };
}

export function ensureWorkspace(repo, sizes, { cacheRoot = path.join(tmpdir(), 'runbook-lens-bench'), log = () => {} } = {}) {
  const generator = path.join(repo, 'scripts', 'bench', 'generate.ts');
  const sources = [generator, ...readdirSync(path.join(repo, 'scripts', 'bench', 'generator')).sort().map((f) => path.join(repo, 'scripts', 'bench', 'generator', f))];
  const hash = createHash('sha256').update(JSON.stringify(sizes));
  for (const file of sources) hash.update(readFileSync(file));
  const key = `s${sizes.seed}-${sizes.runbooks}-${sizes.ruleFiles}-${sizes.alerts}-${hash.digest('hex').slice(0, 12)}`;
  const dir = path.join(cacheRoot, key);
  const paths = { dir, workspace: path.join(dir, 'workspace'), largeFile: path.join(dir, 'large', 'large-runbook.md'), manifest: path.join(dir, 'manifest.json') };
  const done = path.join(dir, '.complete');
  if (!existsSync(done)) {
    mkdirSync(cacheRoot, { recursive: true });
    // Older workspaces (other sizes or an older generator) are left behind by nobody else: clear them.
    for (const old of readdirSync(cacheRoot)) if (old !== key) rmSync(path.join(cacheRoot, old), { recursive: true, force: true });
    rmSync(dir, { recursive: true, force: true });
    log(`generating the workspace into ${dir} …`);
    const started = performance.now();
    const result = spawnSync(process.execPath, [
      '--import', 'tsx', generator, paths.workspace,
      '--runbooks', String(sizes.runbooks), '--rule-files', String(sizes.ruleFiles), '--alerts', String(sizes.alerts),
      '--seed', String(sizes.seed), '--large-lines', String(sizes.largeLines), '--manifest', paths.manifest,
      '--large-file', paths.largeFile, '--large-bytes', String(sizes.largeBytes),
    ], { cwd: repo, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    if (result.status !== 0) throw new Error(`generating the workspace failed:\n${result.stderr}`);
    writeFileSync(done, new Date().toISOString() + '\n');
    log(`generated in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
  return { ...paths, manifest: JSON.parse(readFileSync(paths.manifest, 'utf8')) };
}
