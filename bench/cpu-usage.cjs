// Preload for start-up benchmarks (`node -r bench/cpu-usage.cjs …`): at exit, appends the
// process's CPU time (user + system, every thread: V8's compiler and GC threads count) in
// microseconds to the file named by TRAFFICPORT_BENCH_CPU. CommonJS, so that preloading it does
// not start the ES module loader, which bare `node -e 0` would otherwise not pay for.
const { appendFileSync } = require('node:fs');

const file = process.env.TRAFFICPORT_BENCH_CPU;
if (file) {
  process.on('exit', () => {
    const { user, system } = process.cpuUsage();
    appendFileSync(file, `${user + system}\n`);
  });
}
