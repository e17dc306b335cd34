// The index alone, in a fresh process: list the workspace, read and parse every runbook and rule
// file, and resolve every runbook's sections against the alerts (what the server needs before it
// can answer), without the checks or a report. The benchmark bundles this file as it does checkOne.
//   node indexOnly.cjs <workspace>   → prints one JSON line
import { openWorkspace } from '../../../src/core/api.js';
import { NodeWorkspace } from '../../../src/node/nodeWorkspace.js';

void (async () => {
  const started = performance.now();
  const { lens } = await openWorkspace(new NodeWorkspace(process.argv[2]));
  const parsed = performance.now();
  let sections = 0;
  for (const path of lens.index.runbooks.keys()) sections += lens.index.sectionsOf(path).length;
  const done = performance.now();
  const maxRssMb = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(JSON.stringify({ readAndParseMs: parsed - started, sectionsMs: done - parsed, totalMs: done - started, sections, maxRssMb }) + '\n');
})();
