// A full check of one runbook in a warm process: parse plus every check, on the file alone, with a
// new service each time (no parse cache carried over). The benchmark bundles this file with the
// same esbuild settings as the CLI and runs it in a fresh process.
//   node checkOne.cjs <file.md> <runs> <warm-up runs>   → prints one JSON line
import { readFileSync } from 'node:fs';
import { RunbookLens } from '../../../src/core/api.js';

const [file, runsArg = '5', warmupArg = '1'] = process.argv.slice(2);
const text = readFileSync(file, 'utf8');
const runs = Number(runsArg);
const warmup = Number(warmupArg);
const times: number[] = [];
let firstMs = 0;
let diagnostics = 0;
let sections = 0;
for (let i = 0; i < warmup + runs; i++) {
  const lens = new RunbookLens();
  const started = performance.now();
  lens.index.setFile('runbook.md', text);
  diagnostics = lens.diagnosticsFor('runbook.md').length;
  const elapsed = performance.now() - started;
  if (i === 0) firstMs = elapsed;
  if (i >= warmup) times.push(elapsed);
  sections = lens.index.sectionsOf('runbook.md').length;
}
process.stdout.write(JSON.stringify({ bytes: Buffer.byteLength(text), times, firstMs, diagnostics, sections }) + '\n');
