// Compares two builds of the CLI by the instructions a run executes, counted by valgrind
// (cachegrind, no cache simulation), rather than by time. This machine's speed changes within
// minutes, so wall times of two builds differ by a few per cent from run to run; instruction counts
// of the same build differ by about 1 %. A count is a measure of work, not of time: it includes the
// garbage collector's and the optimizing compiler's threads, which valgrind runs one at a time.
// Each CLI runs once natively first, so that its code cache exists, as it does for every run but
// the first after a build. A run takes about 40 times as long as it would natively; the two builds
// run side by side, one per core, so each pair takes about as long as one.
//
//   node scripts/bench/instructions.mjs [--runs N] <a/bin/runbook-lens.js> <b/bin/runbook-lens.js> [-- CLI arguments]
//
// The CLI arguments default to a check of the benchmark's workspace (generated on first use, as by
// `npm run bench`). Needs Debian's valgrind.
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { median } from './lib/stats.mjs';
import { benchSizes, ensureWorkspace } from './lib/workspace.mjs';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const argv = process.argv.slice(2);
const dashes = argv.indexOf('--');
const own = dashes < 0 ? argv : argv.slice(0, dashes);
let runs = 3;
const runsAt = own.indexOf('--runs');
if (runsAt >= 0) runs = Number(own.splice(runsAt, 2)[1]);
const [a, b] = own;
if (!a || !b || !(runs > 0)) {
  process.stderr.write('usage: node scripts/bench/instructions.mjs [--runs N] <a/bin/runbook-lens.js> <b/bin/runbook-lens.js> [-- CLI arguments]\n');
  process.exit(2);
}
// The benchmark's workspace (generated, or regenerated, as `npm run bench` would: same sizes and BENCH_* variables).
const cliArgs = dashes >= 0 ? argv.slice(dashes + 1) : ['check', '--format', 'json', ensureWorkspace(REPO, benchSizes(), { log: (text) => process.stderr.write(`${text}\n`) }).workspace];

/** Instructions one run of `cli` executes. */
function count(cli) {
  return new Promise((resolve, reject) => {
    const child = spawn('valgrind', ['--tool=cachegrind', '--cache-sim=no', '--smc-check=all-non-file', '--cachegrind-out-file=/dev/null', process.execPath, cli, ...cliArgs], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', (error) => reject(new Error(`valgrind: ${error.message} (apt-get install valgrind)`)));
    child.on('close', () => {
      const match = /I\s+refs:\s+([\d,]+)/.exec(stderr);
      if (match) resolve(Number(match[1].replace(/,/g, '')));
      else reject(new Error(`no instruction count from valgrind for ${cli}:\n${stderr.slice(-1000)}`));
    });
  });
}

/** One native run first: the CLI writes its code cache at its first check after a build (src/loader/codeCache.ts). */
function prime(cli) {
  return new Promise((resolve) => spawn(process.execPath, [cli, ...cliArgs], { stdio: 'ignore' }).on('close', resolve));
}

const billions = (n) => `${(n / 1e9).toFixed(3)} G`;
await Promise.all([prime(a), prime(b)]);
const countsA = [];
const countsB = [];
for (let i = 0; i < runs; i++) {
  const [ca, cb] = await Promise.all([count(a), count(b)]);
  countsA.push(ca);
  countsB.push(cb);
  process.stdout.write(`run ${i + 1}/${runs}: a ${billions(ca)}, b ${billions(cb)}\n`);
}
const ma = median(countsA);
const mb = median(countsB);
process.stdout.write(`median: a ${billions(ma)}, b ${billions(mb)}; b/a ${(mb / ma).toFixed(4)}\n`);
