// Preload for start-up benchmarks (`node -r bench/cpu-usage.cjs …`): at exit, appends the
// process's CPU time (user + system, every thread: V8's compiler and GC threads count) in
// microseconds to the file named by TRAFFICPORT_BENCH_CPU, then, on Linux, the main thread's own
// CPU time (from /proc/self/task/<pid>/schedstat, nanosecond resolution) on the same line. The
// difference is what V8's background threads (concurrent optimizing compiler, GC helpers) and
// libuv's pool spent. CommonJS, so that preloading it does not start the ES module loader, which
// bare `node -e 0` would otherwise not pay for.
const { appendFileSync, readFileSync } = require('node:fs');

const file = process.env.TRAFFICPORT_BENCH_CPU;
if (file) {
  process.on('exit', () => {
    const { user, system } = process.cpuUsage();
    let main = '';
    try {
      const ns = Number(readFileSync(`/proc/self/task/${process.pid}/schedstat`, 'utf8').split(' ')[0]);
      if (Number.isFinite(ns)) main = ` ${Math.round(ns / 1000)}`;
    } catch {
      // Not Linux, or no schedstat: the total alone.
    }
    appendFileSync(file, `${user + system}${main}\n`);
  });
}
