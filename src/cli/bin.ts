import { setFlagsFromString } from 'node:v8';
import { main } from './main.js';

// A CLI run is a few seconds of batch work, over before V8's optimized code pays back what it cost
// to compile: with a smaller inlining budget (default 920 bytes of bytecode) the optimizing compiler,
// which runs beside the work on the second core, does about a third less, and a check of a large
// workspace takes about 10 % less wall time and 16 % less CPU (docs/performance.md). Set before any
// function is hot enough to be optimized.
setFlagsFromString('--max-inlined-bytecode-size-cumulative=100');

main(process.argv.slice(2), {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  cwd: process.cwd(),
}).then((code) => {
  process.exitCode = code;
});
