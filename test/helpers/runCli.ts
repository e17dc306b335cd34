import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from './paths';

const CLI = path.join(REPO_ROOT, 'bin', 'runbook-lens.js');

/** Builds dist/ once if it is missing, so the tests run the bundled CLI as users do. */
export function ensureBuilt(): void {
  if (existsSync(path.join(REPO_ROOT, 'dist', 'cli.js'))) return;
  const build = spawnSync(process.execPath, [path.join(REPO_ROOT, 'scripts', 'build.mjs')], { cwd: REPO_ROOT, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`build failed: ${build.stderr}`);
}

export function runCli(args: string[], cwd = REPO_ROOT): { status: number; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}
