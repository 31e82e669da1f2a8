// Preloaded into a measured node process (`node --require`): at exit it writes the process's own peak
// RSS in KiB (getrusage RUSAGE_SELF, i.e. VmHWM) to $BENCH_RSS_FILE. Child processes are not included.
const { writeFileSync } = require('node:fs');

const file = process.env.BENCH_RSS_FILE;
if (file) {
  delete process.env.BENCH_RSS_FILE;
  process.on('exit', () => {
    writeFileSync(file, String(process.resourceUsage().maxRSS));
  });
}
