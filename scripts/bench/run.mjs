// `npm run bench`: the performance targets of issue 5, measured on this machine, as one table.
// Expects a built dist/ (`npm run build`). Exits 1 when a row misses its target. See docs/performance.md.
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchSizes, ensureWorkspace, envNumber } from './lib/workspace.mjs';
import { timedNode } from './lib/processes.mjs';
import { measureServer } from './lib/serverSession.mjs';
import { mb, median, ms, percentile, round } from './lib/stats.mjs';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SIZES = benchSizes();
const RUNS = envNumber('BENCH_RUNS', 3);
const REPEATS = envNumber('BENCH_REPEATS', 5);
const EDITS = envNumber('BENCH_EDITS', 100);
const WARMUP = envNumber('BENCH_WARMUP', 4);
const REQUESTS = envNumber('BENCH_REQUESTS', 200);
const CORPUS = path.resolve(REPO, process.env.BENCH_CORPUS || '../shared/corpus');
const ONLY = new Set((process.env.BENCH_ONLY || 'cold,check,server,activation,corpus').split(',').map((s) => s.trim()));
/** When set, the measured processes also write V8 CPU profiles there (one folder per row); see topFunctions.mjs. */
const PROFILE = process.env.BENCH_PROFILE ? path.resolve(process.env.BENCH_PROFILE) : undefined;
const profileArgs = (name) => (PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${path.join(PROFILE, name)}`] : []);
const CLI = path.join(REPO, 'bin', 'runbook-lens.js');
const MARKDOWNLINT = path.join(REPO, 'node_modules', 'markdownlint-cli2', 'markdownlint-cli2-bin.mjs');

const log = (text) => process.stderr.write(`[bench] ${text}\n`);
/** @type {{id: string, label: string, measured: string, target: string, pass: boolean | null, value: number | null, details?: object}[]} */
const rows = [];
const row = (id, label, measured, target, pass, value, details) => rows.push({ id, label, measured, target, pass, value, details });
const fail = (id, label, target, error) => row(id, label, `error: ${String(error.message ?? error).split('\n')[0].slice(0, 60)}`, target, false, null, { error: String(error.stack ?? error) });

async function main() {
  checkBuilt();
  const startedAt = new Date();
  const loadBefore = loadavg();
  const ws = ensureWorkspace(REPO, SIZES, { log });
  const m = ws.manifest;
  const sizeNote = `${thousands(m.runbookFiles)} runbooks (${(m.bytes.markdown / 1e6).toFixed(1)} MB), ${m.ruleFiles} rule files (${(m.bytes.rules / 1e6).toFixed(1)} MB) with ${thousands(m.alertRules)} alerts`;
  log(`workspace: ${sizeNote}; ${ws.workspace}`);
  const scratch = mkdtempSync(path.join(tmpdir(), 'runbook-lens-bench-run-'));
  try {
    const speedBefore = await referenceWork(scratch);
    if (ONLY.has('cold')) await coldIndex(ws, scratch);
    if (ONLY.has('check')) await fullCheck(ws, scratch);
    if (ONLY.has('server')) await server(ws);
    if (ONLY.has('activation')) await activation();
    if (ONLY.has('corpus')) await corpusRatio(scratch);
    machineSpeed(speedBefore, await referenceWork(scratch));
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  printTable(sizeNote);
  const results = {
    date: startedAt.toISOString(), node: process.version, platform: `${process.platform} ${process.arch}`, cpus: cpus().length,
    cpuModel: cpus()[0]?.model, loadAverageBefore: loadBefore.map((x) => round(x)), loadAverageAfter: loadavg().map((x) => round(x)),
    sizes: SIZES, workspace: { ...m, mentions: m.mentions.length }, settings: { RUNS, REPEATS, EDITS, WARMUP, REQUESTS, CORPUS, PROFILE },
    rows,
  };
  mkdirSync(path.join(REPO, 'bench-results'), { recursive: true });
  writeFileSync(path.join(REPO, 'bench-results', 'latest.json'), JSON.stringify(results, null, 2) + '\n');
  log('results written to bench-results/latest.json');
  if (PROFILE) log(`CPU profiles in ${PROFILE}: node scripts/bench/topFunctions.mjs ${PROFILE}/<row>/*.cpuprofile`);
  return rows.some((r) => r.pass === false) ? 1 : 0;
}

function checkBuilt() {
  const bundles = ['cli.js', 'server.js', 'extension.js'].map((f) => path.join(REPO, 'dist', f));
  for (const bundle of bundles) {
    try {
      statSync(bundle);
    } catch {
      throw new Error(`${path.relative(REPO, bundle)} is missing: run \`npm run build\` first`);
    }
  }
  const built = Math.min(...bundles.map((b) => statSync(b).mtimeMs));
  const newest = newestIn(path.join(REPO, 'src'));
  if (newest.mtimeMs > built) log(`warning: ${path.relative(REPO, newest.file)} is newer than dist/: run \`npm run build\` to measure the current code`);
}

function newestIn(dir) {
  let best = { file: dir, mtimeMs: 0 };
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    const candidate = entry.isDirectory() ? newestIn(full) : { file: full, mtimeMs: statSync(full).mtimeMs };
    if (candidate.mtimeMs > best.mtimeMs) best = candidate;
  }
  return best;
}

/** `runbook-lens check --format json` on the workspace, each run a fresh process: wall clock and peak RSS. */
async function coldIndex(ws, scratch) {
  const m = ws.manifest;
  const label = `cold index: ${thousands(m.runbookFiles)} runbooks + ${m.ruleFiles} rule files, ${thousands(m.alertRules)} alerts (CLI)`;
  try {
    // The CLI loads its bundle through a V8 code cache (src/loader/codeCache.ts), which the first
    // check after a build or an install writes: that run is shown on its own, the row is the runs after it.
    removeCodeCaches('cli.js');
    const firstOutput = path.join(scratch, 'cold-first.json');
    const first = await timedNode([CLI, 'check', '--format', 'json', ws.workspace], { cwd: REPO, stdoutFile: firstOutput, usageFile: path.join(scratch, 'usage-first.json') });
    rmSync(firstOutput, { force: true });
    if (first.code !== 0 && first.code !== 1) throw new Error(`exit ${first.code ?? first.signal}: ${first.stderr.slice(-500)}`);
    log(`cold index, first run after the build (writes the code cache): ${ms(first.ms)} (CPU ${ms(first.cpuMs)})`);
    const runs = [];
    let report;
    for (let i = 0; i < RUNS; i++) {
      const output = path.join(scratch, `cold-${i}.json`);
      const args = [...(i === 0 ? profileArgs('cold-index') : []), CLI, 'check', '--format', 'json', ws.workspace];
      const run = await timedNode(args, { cwd: REPO, stdoutFile: output, usageFile: path.join(scratch, `usage-${i}.json`) });
      if (run.code !== 0 && run.code !== 1) throw new Error(`exit ${run.code ?? run.signal}: ${run.stderr.slice(-500)}`);
      log(`cold index run ${i + 1}/${RUNS}: ${ms(run.ms)} (CPU ${ms(run.cpuMs)}), peak RSS ${mb(run.rssKb)}`);
      runs.push(run);
      if (i === 0) report = JSON.parse(readFileSync(output, 'utf8'));
      rmSync(output, { force: true });
    }
    const wall = median(runs.map((r) => r.ms));
    const rss = Math.max(...runs.map((r) => r.rssKb));
    const cpu = median(runs.map((r) => r.cpuMs));
    row('coldIndexMs', label, `${ms(wall)} (median of ${RUNS}: ${runs.map((r) => ms(r.ms)).join(', ')}; CPU ${ms(cpu)})`, '≤ 2 s', wall <= 2000, round(wall),
      { runs: runs.map((r) => round(r.ms)), cpuMs: runs.map((r) => round(r.cpuMs)) });
    row('coldIndexFirstMs', '  first run after a build or install (compiles, writes the code cache)', `${ms(first.ms)} (CPU ${ms(first.cpuMs)})`, '—', null, round(first.ms));
    row('coldIndexRssMb', 'cold index: peak RSS', `${mb(rss)} (highest of ${RUNS})`, '≤ 300 MB', rss <= 300 * 1024, round(rss / 1024), { runsKb: runs.map((r) => r.rssKb) });
    findings(m, report);
  } catch (error) {
    fail('coldIndexMs', label, '≤ 2 s', error);
  }
  await indexAlone(ws, scratch);
  await warmPasses(ws, scratch);
}

/** The index without the checks and the report: where the cold-index time goes (info). */
async function indexAlone(ws, scratch) {
  const label = '  index alone: list, read, parse, sections (no checks, no report)';
  try {
    const probe = await bundleProbe('indexOnly', scratch);
    const results = [];
    for (let i = 0; i < RUNS; i++) {
      const output = path.join(scratch, 'indexOnly.out');
      const run = await timedNode([probe, ws.workspace], { cwd: REPO, stdoutFile: output });
      if (run.code !== 0) throw new Error(`probe exit ${run.code}: ${run.stderr.slice(-500)}`);
      results.push({ ...JSON.parse(readFileSync(output, 'utf8')), wallMs: run.ms });
    }
    const wall = median(results.map((r) => r.wallMs));
    const parse = median(results.map((r) => r.readAndParseMs));
    const sections = median(results.map((r) => r.sectionsMs));
    const rss = Math.max(...results.map((r) => r.maxRssMb));
    row('indexAloneMs', label, `${ms(wall)} process (read+parse ${ms(parse)}, sections ${ms(sections)}; peak ${Math.round(rss)} MB; median of ${RUNS})`, '—', null, round(wall), { results });
  } catch (error) {
    row('indexAloneMs', label, `error: ${String(error.message ?? error).slice(0, 60)}`, '—', null, null);
  }
}

/** The CLI's work three times in one process: what the cold run pays over warm code (info). */
async function warmPasses(ws, scratch) {
  const label = '  same work in one process: first pass → later passes (warm code)';
  try {
    const probe = await bundleProbe('warmPasses', scratch);
    const output = path.join(scratch, 'warmPasses.out');
    const run = await timedNode([probe, ws.workspace], { cwd: REPO, stdoutFile: output });
    if (run.code !== 0) throw new Error(`probe exit ${run.code}: ${run.stderr.slice(-500)}`);
    const { passes } = JSON.parse(readFileSync(output, 'utf8'));
    const [first, ...later] = passes;
    const warm = later.reduce((best, p) => (p.totalMs < best.totalMs ? p : best));
    const phase = (name, key) => `${name} ${ms(first[key])} → ${ms(warm[key])}`;
    const phases = [phase('index', 'indexMs'), phase('checks+report', 'checksAndReportMs'), phase('JSON', 'jsonMs')].join(', ');
    row('warmPassMs', label, `${ms(first.totalMs)} → ${later.map((p) => ms(p.totalMs)).join(', ')} (${phases})`, '—', null, round(warm.totalMs), { passes });
  } catch (error) {
    row('warmPassMs', label, `error: ${String(error.message ?? error).slice(0, 60)}`, '—', null, null);
  }
}

/** Deletes the V8 code caches src/loader/codeCache.ts keeps beside dist/BUNDLE (`BUNDLE.<v8>-<arch>.cache`). */
function removeCodeCaches(bundle) {
  for (const name of readdirSync(path.join(REPO, 'dist'))) {
    if (name.startsWith(`${bundle}.`) && name.endsWith('.cache')) rmSync(path.join(REPO, 'dist', name));
  }
}

/** Bundles scripts/bench/probes/NAME.ts as the CLI is bundled (minified) into the scratch folder. */
async function bundleProbe(name, scratch) {
  const probe = path.join(scratch, `${name}.cjs`);
  const { build } = await import('esbuild');
  await build({
    entryPoints: [path.join(REPO, 'scripts', 'bench', 'probes', `${name}.ts`)], outfile: probe,
    bundle: true, platform: 'node', target: 'node18', format: 'cjs', logLevel: 'warning', minify: true,
  });
  return probe;
}

function thousands(n) {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** The product must still find what the generator planted, or the timings mean nothing. */
function findings(manifest, report) {
  const counts = {};
  const syntaxFiles = new Set();
  for (const d of report.diagnostics) {
    if (d.code === 'rule-syntax') syntaxFiles.add(d.file);
    else counts[d.code] = (counts[d.code] ?? 0) + 1;
  }
  const { ruleSyntaxFiles, ...expected } = manifest.expected;
  const problems = [];
  if (report.summary.alerts !== manifest.alertRules) problems.push(`${report.summary.alerts} alerts, not ${manifest.alertRules}`);
  if (report.summary.ruleFiles !== manifest.ruleFiles) problems.push(`${report.summary.ruleFiles} rule files, not ${manifest.ruleFiles}`);
  if (syntaxFiles.size !== ruleSyntaxFiles) problems.push(`rule-syntax in ${syntaxFiles.size} files, not ${ruleSyntaxFiles}`);
  for (const code of new Set([...Object.keys(expected), ...Object.keys(counts)])) {
    if ((counts[code] ?? 0) !== (expected[code] ?? 0)) problems.push(`${counts[code] ?? 0} ${code}, not ${expected[code] ?? 0}`);
  }
  const total = report.diagnostics.length;
  row('findings', '  findings on that workspace (guard: the check is still right)',
    problems.length === 0 ? `as planted: ${total} findings, ${report.summary.covered}/${report.summary.alerts} alerts covered` : problems.slice(0, 4).join('; '),
    '= planted', problems.length === 0, total, { counts, expected, summary: report.summary });
}

/** One ~650 KB runbook: parse + all checks in a warm process (bundled probe), and the one-shot CLI. */
async function fullCheck(ws, scratch) {
  const kb = Math.round(statSync(ws.largeFile).size / 1024);
  const label = `full check of one ${kb} KB runbook (warm process)`;
  try {
    // Profiling wants the probe's source map next to it, where the profile can still find it afterwards.
    const probe = path.join(PROFILE ?? scratch, 'checkOne.cjs');
    const { build } = await import('esbuild');
    await build({
      entryPoints: [path.join(REPO, 'scripts', 'bench', 'probes', 'checkOne.ts')], outfile: probe,
      bundle: true, platform: 'node', target: 'node18', format: 'cjs', logLevel: 'warning', sourcemap: PROFILE !== undefined,
    });
    const output = path.join(scratch, 'checkOne.out');
    const run = await timedNode([...profileArgs('full-check'), probe, ws.largeFile, String(REPEATS), '1'], { cwd: REPO, stdoutFile: output });
    if (run.code !== 0) throw new Error(`probe exit ${run.code}: ${run.stderr.slice(-500)}`);
    const result = JSON.parse(readFileSync(output, 'utf8'));
    const value = median(result.times);
    log(`full check: ${result.times.map(ms).join(', ')} (first, cold: ${ms(result.firstMs)}; ${result.sections} sections, ${result.diagnostics} diagnostics)`);
    row('fullCheckMs', label, `${ms(value)} (median of ${REPEATS} after 1 warm-up; cold first run ${ms(result.firstMs)})`, '≤ 250 ms', value <= 250, round(value), result);
  } catch (error) {
    fail('fullCheckMs', label, '≤ 250 ms', error);
  }
  const cliLabel = '  same file, one-shot CLI (process start to exit)';
  try {
    const runs = [];
    for (let i = 0; i < RUNS; i++) {
      const run = await timedNode([CLI, 'check', '--format', 'json', path.dirname(ws.largeFile)], { cwd: REPO });
      if (run.code !== 0 && run.code !== 1) throw new Error(`exit ${run.code}: ${run.stderr.slice(-300)}`);
      runs.push(run.ms);
    }
    row('fullCheckCliMs', cliLabel, `${ms(median(runs))} (median of ${RUNS})`, '—', null, round(median(runs)), { runs: runs.map((x) => round(x)) });
  } catch (error) {
    row('fullCheckCliMs', cliLabel, `error: ${error.message.slice(0, 60)}`, '—', null, null);
  }
}

/** The real server over stdio: initial scan, keystroke to diagnostics on the large runbook, definition, hover. */
async function server(ws) {
  const keyLabel = `keystroke → diagnostics, ${thousands(ws.manifest.largeRunbook?.lines ?? 0)}-line runbook (server, stdio)`;
  if (!ws.manifest.largeRunbook) {
    row('keystrokeP95Ms', keyLabel, 'no large runbook (BENCH_LARGE_LINES=0)', '≤ 30 ms', false, null);
    return;
  }
  log('server: starting, waiting for the initial scan …');
  const result = await measureServer({
    repo: REPO, root: ws.workspace, runbook: ws.manifest.largeRunbook.path, mentions: ws.manifest.mentions,
    edits: EDITS, warmup: WARMUP, requests: REQUESTS, nodeArgs: profileArgs('server'),
  });
  if (result.error) log(`server: ${result.error}`);
  row('serverStartMs', '  server start → indexed → every file checked',
    `${ms(result.startToIndexedMs)} → ${ms(result.startToCheckedMs)}`, '—', null, round(result.startToCheckedMs));
  const stat = (id, label, samples, target, limit, extra = '') => {
    if (samples.length === 0) return row(id, label, `error: ${(result.error ?? 'no samples').split('\n')[0].slice(0, 60)}`, target, false, null, { error: result.error });
    const p95 = percentile(samples, 95);
    row(id, label, `p95 ${ms(p95)} (p50 ${ms(percentile(samples, 50))}, max ${ms(Math.max(...samples))}${extra})`, target, p95 <= limit && !result.error, round(p95, 3),
      { samples: samples.map((x) => round(x, 3)) });
  };
  stat('keystrokeP95Ms', keyLabel, result.keystrokes, 'p95 ≤ 30 ms', 30, `; ${result.keystrokes.length} edits`);
  stat('definitionP95Ms', `definition (${result.definitions.length} alert names, runbooks and rules)`, result.definitions, 'p95 ≤ 5 ms', 5, `; ${result.definitionsFound} found`);
  stat('hoverP95Ms', `hover (${result.hovers.length} alert names, runbooks and rules)`, result.hovers, 'p95 ≤ 5 ms', 5, `; ${result.hoversFound} non-empty`);
}

/**
 * Loading dist/extension.js (with a stub vscode) in fresh processes, and the synchronous part of
 * activate(). The loader keeps a V8 code cache of the client bundle beside it (src/loader/codeCache.ts):
 * the first load after a build (or an install) compiles the bundle and writes the cache, as the first
 * activation of an installed version does; it is shown on its own, and the row is the loads after it.
 */
async function activation() {
  const label = 'client activation: load dist/extension.js (fresh process)';
  try {
    const runs = [];
    const dir = mkdtempSync(path.join(tmpdir(), 'runbook-lens-bench-act-'));
    try {
      removeCodeCaches('client.js');
      for (let i = 0; i <= REPEATS; i++) {
        const output = path.join(dir, `out-${i}`);
        const run = await timedNode([path.join(REPO, 'scripts', 'bench', 'probes', 'activate.cjs'), REPO], { cwd: REPO, stdoutFile: output });
        if (run.code !== 0) throw new Error(`probe exit ${run.code}: ${run.stderr.slice(-300)}`);
        runs.push(JSON.parse(readFileSync(output, 'utf8')));
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const [first, ...cached] = runs;
    const load = median(cached.map((r) => r.requireMs));
    row('activationMs', label, `${ms(load)} (median of ${REPEATS}: ${cached.map((r) => ms(r.requireMs)).join(', ')}; CPU ${ms(median(cached.map((r) => r.requireCpuMs)))})`,
      '≤ 50 ms', load <= 50, round(load), { runs: cached });
    row('activationFirstMs', '  first load after a build or install (compiles, writes the code cache)', `${ms(first.requireMs)} (CPU ${ms(first.requireCpuMs)})`,
      '—', null, round(first.requireMs), { run: first });
    const activate = cached.map((r) => r.activateMs).filter((x) => typeof x === 'number');
    row('activateCallMs', '  activate() until its first await (stub vscode)',
      activate.length ? ms(median(activate)) : `n/a (${cached[0].activateError})`, '—', null, activate.length ? round(median(activate)) : null);
  } catch (error) {
    fail('activationMs', label, '≤ 50 ms', error);
  }
}

/** `runbook-lens check` on the shared corpus against markdownlint-cli2 (default rules) on its Markdown, alternating. */
async function corpusRatio(scratch) {
  const label = `${path.relative(REPO, CORPUS)}: runbook-lens check ÷ markdownlint-cli2`;
  try {
    statSync(CORPUS);
    // An empty working folder: no markdownlint configuration is picked up, so its defaults apply.
    const cwd = mkdtempSync(path.join(scratch, 'corpus-cwd-'));
    const ours = [];
    const theirs = [];
    for (let i = 0; i < REPEATS; i++) {
      const usageFile = path.join(scratch, 'corpus-usage.json');
      const a = await timedNode([...(i === 0 ? profileArgs('corpus') : []), CLI, 'check', '--format', 'json', CORPUS], { cwd, usageFile });
      if (a.code !== 0 && a.code !== 1) throw new Error(`runbook-lens exit ${a.code}: ${a.stderr.slice(-300)}`);
      const b = await timedNode([MARKDOWNLINT, `${CORPUS.split(path.sep).join('/')}/**/*.md`], { cwd, usageFile });
      if (b.code !== 0 && b.code !== 1) throw new Error(`markdownlint-cli2 exit ${b.code}: ${b.stderr.slice(-300)}`);
      ours.push(a);
      theirs.push(b);
      log(`corpus run ${i + 1}/${REPEATS}: runbook-lens ${ms(a.ms)} (CPU ${ms(a.cpuMs)}), markdownlint-cli2 ${ms(b.ms)} (CPU ${ms(b.cpuMs)})`);
    }
    const wall = (runs) => median(runs.map((r) => r.ms));
    const cpu = (runs) => median(runs.map((r) => r.cpuMs));
    const ratio = wall(ours) / wall(theirs);
    row('corpusRatio', label, `${ratio.toFixed(2)} (${ms(wall(ours))} vs ${ms(wall(theirs))}, medians of ${REPEATS}; CPU ratio ${(cpu(ours) / cpu(theirs)).toFixed(2)})`,
      '≤ 1.0', ratio <= 1, round(ratio, 3), {
        ours: ours.map((r) => round(r.ms)), markdownlint: theirs.map((r) => round(r.ms)),
        oursCpu: ours.map((r) => round(r.cpuMs)), markdownlintCpu: theirs.map((r) => round(r.cpuMs)),
      });
  } catch (error) {
    fail('corpusRatio', label, '≤ 1.0', error);
  }
}

/** The fixed reference work (probes/reference.cjs) in fresh processes: median ms of RUNS, or an error. */
async function referenceWork(scratch) {
  try {
    const times = [];
    for (let i = 0; i < RUNS; i++) {
      const output = path.join(scratch, 'reference.out');
      const run = await timedNode([path.join(REPO, 'scripts', 'bench', 'probes', 'reference.cjs')], { cwd: REPO, stdoutFile: output });
      if (run.code !== 0) throw new Error(`reference exit ${run.code}: ${run.stderr.slice(-300)}`);
      times.push(JSON.parse(readFileSync(output, 'utf8')).ms);
    }
    log(`reference work: ${times.map(ms).join(', ')}`);
    return { ms: median(times), times };
  } catch (error) {
    return { error };
  }
}

/** How fast the machine was while the rows were measured (the host's speed changes by the hour). */
function machineSpeed(before, after) {
  const label = 'machine speed: fixed reference work, before → after (info)';
  if (before.error || after.error) return fail('referenceMs', label, '—', before.error ?? after.error);
  row('referenceMs', label, `${ms(before.ms)} → ${ms(after.ms)} (medians of ${RUNS}; markdown-it + js-yaml, fresh process)`, '—', null, round(Math.max(before.ms, after.ms)), { before, after });
}

function printTable(sizeNote) {
  const header = ['row', 'measured', 'target', 'result'];
  const body = rows.map((r) => [r.label, r.measured, r.target, r.pass === null ? 'info' : r.pass ? 'PASS' : 'FAIL']);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  const out = [
    '',
    `Runbook Lens benchmark — node ${process.version}, ${cpus().length} cores, load ${loadavg().map((x) => x.toFixed(2)).join(' ')}`,
    `workspace: ${sizeNote} (seed ${SIZES.seed})`,
    ...(PROFILE ? ['(BENCH_PROFILE is set: the timings include the profiler\'s overhead)'] : []),
    ...(process.env.BENCH_ONLY ? [`(BENCH_ONLY=${process.env.BENCH_ONLY}: the other rows were not measured)`] : []),
    '',
    line(header),
    `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`,
    ...body.map(line),
    '',
    rows.some((r) => r.pass === false) ? `${rows.filter((r) => r.pass === false).length} row(s) miss their target.` : 'Every row meets its target.',
    '',
  ];
  process.stdout.write(out.join('\n'));
}

main().then((code) => {
  process.exitCode = code;
}, (error) => {
  log(error.stack ?? String(error));
  process.exitCode = 2;
});
