import { setFlagsFromString } from 'node:v8';

// A CLI run is a few seconds of batch work, over before V8's optimized code pays back what it cost
// to compile. With a smaller inlining budget (the default is 920 bytes of bytecode), the optimizing
// compiler, which runs beside the work on the other core, does about a third less, and checking a
// large workspace takes 8-11 % less wall time and about 15 % less CPU (docs/performance.md). Set
// before any function is hot enough to be optimized; an unknown flag would print an error (a CLI
// test checks that stderr stays empty).
const CLI_V8_FLAGS = '--max-inlined-bytecode-size-cumulative=100';

export function setCliV8Flags(): void {
  setFlagsFromString(CLI_V8_FLAGS);
}
