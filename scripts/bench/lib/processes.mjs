// Runs a child process and times it from spawn to exit (wall clock), optionally with its peak RSS
// and CPU time.
import { spawn } from 'node:child_process';
import { openSync, closeSync, readFileSync, rmSync } from 'node:fs';
import * as path from 'node:path';

const PRELOAD = path.join(path.dirname(new URL(import.meta.url).pathname), '..', 'probes', 'usagePreload.cjs');

/**
 * Spawns `node args...` and resolves when it exits: { ms, code, signal, rssKb, cpuMs, stderr }.
 * stdout goes to `stdoutFile` (or is dropped). With `usageFile`, the child reports its peak RSS and
 * CPU time through a preload, via that file.
 */
export function timedNode(args, { cwd, stdoutFile, timeoutMs = 300_000, usageFile } = {}) {
  return new Promise((resolve, reject) => {
    const out = stdoutFile ? openSync(stdoutFile, 'w') : 'ignore';
    const env = { ...process.env };
    const nodeArgs = usageFile ? ['--require', PRELOAD, ...args] : args;
    if (usageFile) env.BENCH_USAGE_FILE = usageFile;
    let stderr = '';
    const started = performance.now();
    const child = spawn(process.execPath, nodeArgs, { cwd, env, stdio: ['ignore', out, 'pipe'] });
    child.stderr.on('data', (chunk) => {
      if (stderr.length < 20_000) stderr += chunk;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('exit', (code, signal) => {
      const elapsed = performance.now() - started;
      clearTimeout(timer);
      if (typeof out === 'number') closeSync(out);
      let rssKb = NaN;
      let cpuMs = NaN;
      if (usageFile) {
        try {
          const usage = JSON.parse(readFileSync(usageFile, 'utf8'));
          rssKb = usage.maxRSS;
          cpuMs = (usage.userCPUTime + usage.systemCPUTime) / 1000;
          rmSync(usageFile, { force: true });
        } catch {
          // The child died before its exit handler ran: no figures.
        }
      }
      resolve({ ms: elapsed, code, signal, rssKb, cpuMs, stderr });
    });
  });
}
