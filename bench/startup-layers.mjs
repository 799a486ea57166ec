// Child process of startup-anatomy.mjs: imports the layers `plan` loads, one after the other,
// from the unbundled tsc output (dist/, node_modules/: the bundle has no such layers to import),
// then runs the plan once, and prints how long each step took as JSON. Each layer's figure is
// what it adds on top of the layers before it (shared dependencies count where first loaded).

export const LAYERS = [
  ['cli entry (dist/cli/main.js)', '../dist/cli/main.js'],
  ['commander, command tree', '../dist/cli/program.js'],
  ['zod', 'zod'],
  ['yaml', 'yaml'],
  ['policy loader, geo data', '../dist/commands/validate.js'],
  ['solver, plan command', '../dist/commands/plan.js'],
  ['AWS SDK (Route 53 client)', '@aws-sdk/client-route-53'],
  ['Route 53 mock backend (XML, rules)', '../dist/providers/route53/mock/index.js'],
  ['Route 53 kit (adapter, renderer, verifier)', '../dist/providers/route53/kit.js'],
];

const steps = [{ step: 'node start-up (before the first import)', ms: performance.now() }];
let last = performance.now();
const mark = (step) => {
  const now = performance.now();
  steps.push({ step, ms: now - last });
  last = now;
};
for (const [step, specifier] of LAYERS) {
  await import(specifier);
  mark(step);
}
const { main } = await import('../dist/cli/main.js');
const sink = { write() {}, isTTY: false };
const io = {
  stdout: sink,
  stderr: sink,
  env: { TRAFFICPORT_STATE_DIR: process.argv[3] },
  cwd: process.cwd(),
  now: Date.now,
};
// Everything is loaded by now: this is the work itself, on a cold JIT (the parent warmed the mock zone).
const code = await main(['plan', process.argv[2], '--json'], io);
mark('plan itself (modules loaded)');
process.stdout.write(JSON.stringify({ code, steps }));
