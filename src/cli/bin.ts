import { setCliV8Flags } from './v8Flags.js';
import { main } from './main.js';

setCliV8Flags();

main(process.argv.slice(2), {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  cwd: process.cwd(),
}).then((code) => {
  // Exit once the output is flushed, without Node's teardown: after a large workspace that frees a
  // heap of a few hundred megabytes page by page (some 700 unmaps), time the user waits for nothing.
  process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
});
