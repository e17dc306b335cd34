import { setFlagsFromString } from 'node:v8';
import { main } from './main.js';

// A CLI run is a few seconds of batch work, over before V8's optimized code pays back what it cost
// to compile. With a smaller inlining budget (the default is 920 bytes of bytecode), the optimizing
// compiler, which runs beside the work on the other core, does about a third less, and checking a
// large workspace takes 8-11 % less wall time and about 15 % less CPU (docs/performance.md). Set
// before any function is hot enough to be optimized; an unknown flag would print an error (a CLI
// test checks that stderr stays empty).
setFlagsFromString('--max-inlined-bytecode-size-cumulative=100');

main(process.argv.slice(2), {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  cwd: process.cwd(),
}).then((code) => {
  // Exit once the output is flushed, without Node's teardown: after a large workspace that frees a
  // heap of a few hundred megabytes page by page (some 700 unmaps), time the user waits for nothing.
  process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
});
