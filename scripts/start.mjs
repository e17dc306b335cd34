// `npm start`: checks the bundled examples/ workspace, which holds deliberate mistakes, and shows coverage.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import * as path from 'node:path';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const cli = path.join(root, 'bin', 'runbook-lens.js');
const run = (...args) => spawnSync(process.execPath, [cli, ...args], { cwd: root, stdio: 'inherit' }).status;

console.log('$ runbook-lens check examples');
const check = run('check', 'examples');
console.log('\n$ runbook-lens coverage examples');
const coverage = run('coverage', 'examples');
if (check === 2 || coverage !== 0) process.exit(2);
console.log(`\nexamples/ holds deliberate mistakes (see examples/README.md), so check exited ${check}: 1 is expected.`);
