// Where the time goes, line by line: a V8 CPU profile's ticks per source line of one bundle, mapped
// back through the bundle's source map. Minified bundles put everything on line 1 (and a profile's
// line ticks carry no column), so profile a bundle built without minification:
//
//   npx esbuild src/cli/bin.ts --bundle --platform=node --format=cjs --sourcemap --outfile=/tmp/cli.cjs
//   node --cpu-prof --cpu-prof-dir=/tmp/prof /tmp/cli.cjs check --format json <dir> > /dev/null
//   node scripts/bench/topLines.mjs /tmp/cli.cjs /tmp/prof/*.cpuprofile [--top 40]
//
// (any probe bundled the same way works too).
import { readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import * as path from 'node:path';

const args = process.argv.slice(2);
const topIndex = args.indexOf('--top');
const top = topIndex >= 0 ? Number(args.splice(topIndex, 2)[1]) : 40;
const [bundle, ...profiles] = args;
if (!bundle || profiles.length === 0 || !Number.isFinite(top)) {
  process.stderr.write('usage: node scripts/bench/topLines.mjs <bundle.js> <file.cpuprofile>... [--top N]\n');
  process.exit(2);
}

const map = new SourceMap(JSON.parse(readFileSync(`${bundle}.map`, 'utf8')));
const bundleName = path.basename(bundle);
const ticksByLine = new Map();
let total = 0;
for (const file of profiles) {
  const profile = JSON.parse(readFileSync(file, 'utf8'));
  for (const node of profile.nodes) {
    total += node.hitCount;
    if (!node.callFrame.url.endsWith(bundleName)) continue;
    for (const { line, ticks } of node.positionTicks ?? []) {
      const entry = map.findEntry(line - 1, 0);
      const source = entry.originalSource ?? '?';
      const where = source.includes('node_modules/') ? source.split('node_modules/').pop() : source.split('/').slice(-3).join('/');
      const key = `${where}:${(entry.originalLine ?? 0) + 1} (${node.callFrame.functionName || 'anonymous'})`;
      ticksByLine.set(key, (ticksByLine.get(key) ?? 0) + ticks);
    }
  }
}
process.stdout.write(`${total} samples in ${profiles.length} profile(s); ticks per source line:\n`);
for (const [key, ticks] of [...ticksByLine].sort((a, b) => b[1] - a[1]).slice(0, top)) {
  process.stdout.write(`${String(ticks).padStart(7)}  ${(100 * ticks / total).toFixed(1).padStart(5)}%  ${key}\n`);
}
