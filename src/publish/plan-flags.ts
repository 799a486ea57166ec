// The flags that make or gate a plan, by option attribute name. One list for the two places that
// refuse them (`apply plan.json` and `apply --resume`), kept free of imports: the command tree
// loads it at start-up (test/cli/plan-flags.test.ts checks both uses against the options).

/** What a saved plan records and so fixes itself: the moment, the what-if inputs, the providers and the services. */
export const PLAN_INPUT_FLAGS = [
  'at',
  'down',
  'downRegion',
  'downCloud',
  'health',
  'latency',
  'provider',
  'service',
] as const;

/** What decides whether and how a new plan is written: safety limits, degradation, ramping. */
export const PLAN_GATE_FLAGS = [
  'maxRecordDelete',
  'maxTrafficMove',
  'force',
  'acceptDegraded',
  'maxShift',
  'stepWait',
] as const;
