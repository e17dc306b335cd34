// What the cold index costs over the same work with warm code: the CLI's work on a workspace (list,
// read and parse, checks, report, JSON into a counter) three times in one process, with the CLI's V8
// flags. The first pass is the cold run's work without the process start; the later ones run code
// V8 has already compiled and optimized. The benchmark bundles this file as it does indexOnly.
//   node warmPasses.cjs <workspace>   → prints one JSON line
import { setCliV8Flags } from '../../../src/cli/v8Flags.js';
import { openWorkspace } from '../../../src/core/api.js';
import { NodeWorkspace } from '../../../src/node/nodeWorkspace.js';
import { buildReport } from '../../../src/cli/report.js';
import { writeJson } from '../../../src/cli/jsonOutput.js';

setCliV8Flags();

void (async () => {
  const passes: { totalMs: number; indexMs: number; checksAndReportMs: number; jsonMs: number; diagnostics: number }[] = [];
  for (let pass = 0; pass < 3; pass++) {
    const started = performance.now();
    const { lens } = await openWorkspace(new NodeWorkspace(process.argv[2]));
    const indexed = performance.now();
    const report = buildReport(lens);
    const reported = performance.now();
    let length = 0;
    writeJson(report, (text) => {
      length += text.length;
    });
    const done = performance.now();
    if (length === 0) throw new Error('empty report');
    passes.push({ totalMs: done - started, indexMs: indexed - started, checksAndReportMs: reported - indexed, jsonMs: done - reported, diagnostics: report.diagnostics.length });
  }
  process.stdout.write(JSON.stringify({ passes }) + '\n');
})();
