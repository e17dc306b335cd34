// Loaded with `node --require` into a CLI run: V8's sampling heap profiler with the objects the
// collector freed included (a `--heap-prof` profile keeps only what is still alive at the end),
// summed by allocating function and printed to stderr at exit: where a run's allocation goes.
//   node --require ./scripts/bench/probes/allocations.cjs /tmp/cli.cjs check --format json <dir> > /dev/null
// Use an unminified bundle (see docs/performance.md, "Profiling") to read the functions' names.
const inspector = require('node:inspector');

const TOP = Number(process.env.ALLOCATIONS_TOP ?? 30);
const session = new inspector.Session();
session.connect();
session.post('HeapProfiler.enable');
session.post('HeapProfiler.startSampling', { samplingInterval: 16384, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });

process.on('exit', () => {
  session.post('HeapProfiler.stopSampling', (error, result) => {
    if (error) {
      process.stderr.write(`allocations: ${error.message}\n`);
      return;
    }
    const byFunction = new Map();
    let total = 0;
    const visit = (node) => {
      const frame = node.callFrame;
      const name = `${frame.functionName || '(anonymous)'} ${frame.url.split('/').pop()}:${frame.lineNumber + 1}`;
      byFunction.set(name, (byFunction.get(name) ?? 0) + node.selfSize);
      total += node.selfSize;
      for (const child of node.children) visit(child);
    };
    visit(result.profile.head);
    const top = [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, TOP);
    const lines = top.map(([name, bytes]) => `${(bytes / 1e6).toFixed(1).padStart(8)} MB  ${name}`);
    process.stderr.write(`allocated ${(total / 1e6).toFixed(0)} MB (sampled, collected objects included)\n${lines.join('\n')}\n`);
  });
});
