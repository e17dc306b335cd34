// Where the time goes in a V8 CPU profile (`node --cpu-prof`): self time by package, the top
// functions by self time, and our own functions (src/) by inclusive time, which shows the phases. Positions in the esbuild bundles are mapped back through their source maps
// (dist/*.js.map), so bundled code is attributed to node_modules/<package> or src/<folder>.
//
//   node --cpu-prof --cpu-prof-dir=/tmp/prof bin/runbook-lens.js check --format json <dir> > /dev/null
//   node scripts/bench/topFunctions.mjs /tmp/prof/*.cpuprofile [--top 25] [--skip-ms N]
// `--skip-ms N` leaves out the first N ms of each profile (e.g. a server's initial scan).
import { existsSync, readFileSync, statSync } from 'node:fs';
import { SourceMap } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
const options = { top: 25, 'skip-ms': 0 };
const files = [];
for (let i = 0; i < args.length; i++) {
  const name = args[i].replace(/^--/, '');
  if (args[i].startsWith('--') && name in options) options[name] = Number(args[++i]);
  else files.push(args[i]);
}
const top = options.top;
if (files.length === 0 || Object.values(options).some((v) => !Number.isFinite(v))) {
  process.stderr.write('usage: node scripts/bench/topFunctions.mjs <file.cpuprofile>... [--top N] [--skip-ms N]\n');
  process.exit(2);
}

const maps = new Map();
let profileTime = 0;
function sourceMapOf(url) {
  if (!maps.has(url)) {
    let map;
    try {
      const file = url.startsWith('file:') ? fileURLToPath(url) : url;
      if (existsSync(`${file}.map`)) {
        map = new SourceMap(JSON.parse(readFileSync(`${file}.map`, 'utf8')));
        if (statSync(`${file}.map`).mtimeMs > profileTime) process.stderr.write(`warning: ${file}.map is newer than the profile: rebuilt since? The mapping would be wrong.\n`);
      }
    } catch {
      map = undefined;
    }
    maps.set(url, map);
  }
  return maps.get(url);
}

/** The original source of a call frame, through the bundle's source map when there is one. */
function originalOf(frame) {
  const map = frame.url ? sourceMapOf(frame.url) : undefined;
  const entry = map && frame.lineNumber >= 0 ? map.findEntry(frame.lineNumber, frame.columnNumber) : undefined;
  if (entry && entry.originalSource) return { source: entry.originalSource, line: entry.originalLine + 1 };
  return { source: frame.url, line: frame.lineNumber + 1 };
}

/** `node_modules/micromark/...` → micromark; `src/core/markdown/x.ts` → src/core/markdown. */
function packageOf(source, functionName) {
  if (!source) return functionName.startsWith('(') ? functionName : '(native)';
  if (source.startsWith('node:')) return 'node internals';
  const modules = source.lastIndexOf('node_modules/');
  if (modules >= 0) {
    const parts = source.slice(modules + 'node_modules/'.length).split('/');
    return parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
  }
  const src = source.indexOf('src/');
  if (src >= 0) return path.posix.dirname(source.slice(src));
  return source.replace(/^file:\/\//, '');
}

function shortSource(source) {
  if (!source) return '';
  const modules = source.lastIndexOf('node_modules/');
  if (modules >= 0) return source.slice(modules + 'node_modules/'.length);
  const src = source.indexOf('src/');
  return src >= 0 ? source.slice(src) : source.replace(/^file:\/\//, '');
}

const byFunction = new Map();
const byPackage = new Map();
const inclusive = new Map();
let total = 0;
for (const file of files) {
  const profile = JSON.parse(readFileSync(file, 'utf8'));
  profileTime = statSync(file).mtimeMs;
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const parents = new Map();
  for (const n of profile.nodes) for (const child of n.children ?? []) parents.set(child, n.id);
  const self = new Map();
  const { samples, timeDeltas } = profile;
  let at = profile.startTime;
  for (let i = 0; i < samples.length; i++) {
    at += timeDeltas[i];
    // Sample i lasts until the next one (the last until the profile's end).
    const dt = i + 1 < samples.length ? timeDeltas[i + 1] : Math.max(0, profile.endTime - at);
    if (at - profile.startTime < options['skip-ms'] * 1000) continue;
    self.set(samples[i], (self.get(samples[i]) ?? 0) + dt);
  }
  const describe = new Map();
  const frameOf = (id) => {
    if (!describe.has(id)) {
      const frame = nodes.get(id).callFrame;
      const name = frame.functionName || '(anonymous)';
      const { source, line } = originalOf(frame);
      describe.set(id, { pkg: packageOf(source, name), key: `${name}  ${shortSource(source)}${source ? `:${line}` : ''}` });
    }
    return describe.get(id);
  };
  for (const [id, micros] of self) {
    const { pkg, key } = frameOf(id);
    byFunction.set(key, { ms: (byFunction.get(key)?.ms ?? 0) + micros / 1000, pkg });
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + micros / 1000);
    total += micros / 1000;
    // Inclusive: each of our functions on the sample's stack, once (recursion counts once).
    const seen = new Set();
    for (let at = id; at !== undefined; at = parents.get(at)) {
      const frame = frameOf(at);
      if (frame.pkg.startsWith('src/') && !seen.has(frame.key)) {
        seen.add(frame.key);
        inclusive.set(frame.key, (inclusive.get(frame.key) ?? 0) + micros / 1000);
      }
    }
  }
}

const pct = (x) => `${((100 * x) / total).toFixed(1).padStart(5)}%`;
const out = [`total sampled: ${total.toFixed(0)} ms in ${files.length} profile(s)`, '', 'self time by package:'];
for (const [pkg, value] of [...byPackage].sort((a, b) => b[1] - a[1]).slice(0, top)) out.push(`  ${value.toFixed(0).padStart(7)} ms ${pct(value)}  ${pkg}`);
out.push('', `top ${top} functions by self time:`);
for (const [key, { ms }] of [...byFunction].sort((a, b) => b[1].ms - a[1].ms).slice(0, top)) out.push(`  ${ms.toFixed(0).padStart(7)} ms ${pct(ms)}  ${key}`);
out.push('', `our functions (src/) by inclusive time (top ${top}):`);
for (const [key, value] of [...inclusive].sort((a, b) => b[1] - a[1]).slice(0, top)) out.push(`  ${value.toFixed(0).padStart(7)} ms ${pct(value)}  ${key}`);
process.stdout.write(out.join('\n') + '\n');
