import { Command, type Option } from 'commander';
import { describe, expect, it } from 'vitest';
import { RESUME_CONFLICTS, withRampFlags, withSafetyFlags, withSolveFlags } from '../../src/cli/flags.js';
import { buildProgram } from '../../src/cli/program.js';
import type { CliIo } from '../../src/io/io.js';
import { PLAN_GATE_FLAGS, PLAN_INPUT_FLAGS } from '../../src/publish/plan-flags.js';
import { PLAN_FIXED_FLAGS } from '../../src/publish/saved-plan.js';

/**
 * The flags `apply plan.json` and `apply --resume` refuse come from one list (publish/plan-flags.ts);
 * here both uses are checked against the options the command tree really declares, so an option
 * renamed, added or dropped cannot leave a refusal that names nothing or misses a flag.
 */
const program = buildProgram(
  {} as CliIo,
  '0.0.0',
  () => {},
  () => ({ show: async () => {}, progress: async () => ({ events: {}, close: async () => {} }) }),
);
const command = (name: string): Command => {
  const found = program.commands.find((c) => c.name() === name);
  if (found === undefined) throw new Error(`no ${name} command`);
  return found;
};
const names = (options: readonly Option[]) => options.map((o) => o.attributeName()).sort();
const added = (decorate: (c: Command) => Command) => names(decorate(new Command()).options);

/** Apply's options that neither shape nor gate a plan: output, consent, state, credentials, modes. */
const RUN_ONLY = [
  'autoApprove',
  'color',
  'json',
  'lockTimeout',
  'pretty',
  'resume',
  'sendCredentialsToEndpoint',
  'stateDir',
  'watch',
];

describe('the flags a saved plan and a resume refuse', () => {
  const apply = command('apply');
  const applyNames = names(apply.options);

  it('both come from the one list', () => {
    expect(PLAN_FIXED_FLAGS).toBe(PLAN_INPUT_FLAGS);
    expect(RESUME_CONFLICTS).toEqual([...PLAN_INPUT_FLAGS, ...PLAN_GATE_FLAGS]);
  });

  it('name only options apply has, each once', () => {
    for (const flag of RESUME_CONFLICTS) expect(applyNames).toContain(flag);
    expect(new Set(RESUME_CONFLICTS).size).toBe(RESUME_CONFLICTS.length);
  });

  it('--resume conflicts with exactly the list', () => {
    const resume = apply.options.find((o) => o.attributeName() === 'resume') as Option & { conflictsWith: string[] };
    expect([...resume.conflictsWith].sort()).toEqual([...RESUME_CONFLICTS].sort());
  });

  it('a saved plan fixes what the solve flags and the provider/service selection set, and a resume refuses that too', () => {
    expect([...PLAN_FIXED_FLAGS].sort()).toEqual([...added(withSolveFlags), 'provider', 'service'].sort());
    for (const flag of PLAN_FIXED_FLAGS) expect(RESUME_CONFLICTS).toContain(flag);
  });

  it('a resume also refuses the safety, ramp and force flags; every other apply option is classified', () => {
    const gates = [...added(withSafetyFlags), ...added(withRampFlags), 'force', 'acceptDegraded'];
    expect([...RESUME_CONFLICTS].sort()).toEqual([...PLAN_FIXED_FLAGS, ...gates].sort());
    // A new apply option must be placed: in the list, or here as one that does not shape a plan.
    const unclassified = applyNames.filter((n) => !RESUME_CONFLICTS.includes(n) && !RUN_ONLY.includes(n));
    expect(unclassified).toEqual([]);
  });

  it('plan shares every plan-shaping option with apply', () => {
    const planNames = names(command('plan').options);
    for (const flag of RESUME_CONFLICTS.filter((f) => f !== 'force' && f !== 'acceptDegraded')) {
      expect(planNames).toContain(flag);
    }
  });
});
