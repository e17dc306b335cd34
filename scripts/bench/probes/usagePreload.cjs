// Loaded with `node --require` into a measured child process: at exit, writes the process's peak
// resident set size (kilobytes) and CPU time (microseconds, user and system) to the file named by
// BENCH_USAGE_FILE, as JSON. CPU time is less disturbed than wall clock by other work on the machine.
const { writeFileSync } = require('node:fs');

const file = process.env.BENCH_USAGE_FILE;
if (file) {
  process.on('exit', () => {
    const usage = process.resourceUsage();
    writeFileSync(file, JSON.stringify({ maxRSS: usage.maxRSS, userCPUTime: usage.userCPUTime, systemCPUTime: usage.systemCPUTime }));
  });
}
