/**
 * The fault matrix's moves, shared by its files (fault-matrix-*.test.ts, split so that two test
 * workers share it): the clean publishes every case starts from, a fault scenario walked along the
 * timeline with resumes, an apply killed after its n-th write and recovered, and the summary line.
 *
 * Depth (test/support/depth.ts): the standard tier kills each apply after 4 of its writes (the
 * first, the second, the middle and the last; odd ones resume, even ones roll back) and walks each
 * scenario through two transitions; the deep tier kills after every write and adds the restore step.
 */
import { execFile, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect } from 'vitest';
import { BIN } from '../support/binary.js';
import { DEEP } from '../support/depth.js';
import { hooks } from './hooks.js';
import {
  AFTER,
  BEFORE,
  type CliOutcome,
  excludedAt,
  IN_WINDOW,
  IN_WINDOW_ZRH_DOWN,
  type Moment,
  momentArgs,
  POLICY_FILE,
  totals,
  World,
} from './world.js';

/** What the user saw, per scenario, for the summary and docs/reliability.md. */
const seen: string[] = [];

/** Prints the file's `[reliability]` summary line when its tests end. */
export function summaryAfterAll(part: string): void {
  afterAll(() => {
    const faults = Object.entries(hooks.faults)
      .sort()
      .map(([kind, n]) => `${kind} ${n}`)
      .join(', ');
    const injected = Object.values(hooks.faults).reduce((sum, n) => sum + n, 0);
    console.log(
      `[reliability] fault-matrix (${part}): ${injected} faults injected (${faults}); ${totals.crashes} crashes; ` +
        `${totals.states} published states checked (${totals.geographyChecks} geography answers), ` +
        `${totals.plannedStates} planned states evaluated, ${totals.commands} CLI commands\n${seen.join('\n')}`,
    );
  });
}

export function noteSeen(line: string): void {
  seen.push(line);
}

export function intersect(a: Set<string>, b: Set<string>): Set<string> {
  return new Set([...a].filter((x) => b.has(x)));
}

/** The lines a user reads to know what happened: results, errors, waits. */
function visible(result: CliOutcome): string {
  if (result.crashed) return 'killed';
  const text = `${result.stdout}\n${result.stderr}`;
  const lines = text
    .split('\n')
    .filter((l) => /^[✓✗] |^error |PLAN\.|PROVIDER\./.test(l))
    .map((l) => l.replace(/ in \d+ API calls/, '').slice(0, 160));
  const waits = (text.match(/waiting \d+ ms \((throttled|retry|propagation)\)/g) ?? []).length;
  return `exit ${result.code}${waits > 0 ? `, ${waits} waits shown` : ''}: ${[...new Set(lines)].join(' | ')}`;
}

/** `ramp`: the largest share any geography may move per step (percent), or false for one step. */
export function applyArgs(target: Moment, ramp: number | false, only?: string): string[] {
  return [
    'apply',
    POLICY_FILE,
    ...momentArgs(target),
    '--auto-approve',
    '--force',
    ...(ramp === false ? [] : ['--max-shift', String(ramp), '--step-wait', '0s']),
    ...(only === undefined ? [] : ['--provider', only]),
  ];
}

export async function expectConverged(world: World, target: Moment, only?: string): Promise<void> {
  const plan = await world.cli([
    'plan',
    POLICY_FILE,
    ...momentArgs(target),
    '--detailed-exitcode',
    ...(only === undefined ? [] : ['--provider', only]),
  ]);
  expect(plan.code, `plan after recovery:\n${plan.stdout}\n${plan.stderr}`).toBe(0);
}

export interface Templates {
  /** State directory after one clean publish at BEFORE. */
  readonly before: string;
  /** State directory after a further publish into the maintenance window. */
  readonly window: string;
}

/**
 * One clean publish at BEFORE, and one more into the maintenance window, reused by every case. The
 * first file of the matrix to finish them leaves a copy in the run's temporary directory (one per
 * run: test/support/global-temp.ts), which the files after it start from instead of publishing and
 * checking the same states again.
 */
export async function publishTemplates(): Promise<Templates> {
  const shared = join(tmpdir(), 'fault-matrix-templates');
  if (existsSync(join(shared, 'ready'))) return { before: join(shared, 'before'), window: join(shared, 'window') };
  const made = await makeTemplates();
  const staging = mkdtempSync(join(tmpdir(), 'fault-matrix-templates-'));
  cpSync(join(made.before, '.trafficport'), join(staging, 'before', '.trafficport'), { recursive: true });
  cpSync(join(made.window, '.trafficport'), join(staging, 'window', '.trafficport'), { recursive: true });
  writeFileSync(join(staging, 'ready'), '');
  try {
    renameSync(staging, shared);
  } catch {
    // Another file of the matrix got there first, with the same states.
  }
  return made;
}

async function makeTemplates(): Promise<Templates> {
  const world = new World();
  world.label = 'initial publish';
  expect((await world.cli(applyArgs(BEFORE, false))).code).toBe(0);
  world.requireAnswers = true;
  world.mustNotAnswer = excludedAt(BEFORE);
  world.checkFiles('after the initial publish');
  const before = mkdtempSync(join(tmpdir(), 'tp-template-'));
  cpSync(join(world.dir, '.trafficport'), join(before, '.trafficport'), { recursive: true });
  world.label = 'into the window';
  expect((await world.cli(applyArgs(IN_WINDOW, 30))).code).toBe(0);
  world.mustNotAnswer = excludedAt(IN_WINDOW);
  world.checkFiles('in the window');
  await world.checkOldOrNew();
  expect(world.violations).toEqual([]);
  return { before, window: world.dir };
}

export interface FaultScenario {
  readonly name: string;
  /**
   * TRAFFICPORT_MOCK_FAULTS for one command: `attempt` counts the commands of one transition
   * (0 = the apply), `seed` every command of the scenario, so each one draws fresh faults.
   */
  readonly faults: (attempt: number, seed: number) => unknown;
  readonly loseAzureResponses?: number;
}

/**
 * Walks the timeline BEFORE → IN_WINDOW (ramped) → IN_WINDOW with aws-zrh down (→ AFTER, in the
 * deep tier) under the scenario's faults, resuming each failed apply until it finishes, then checks
 * convergence.
 */
export async function runScenario(templates: Templates, scenario: FaultScenario): Promise<void> {
  const world = new World(templates.before);
  world.requireAnswers = true;
  const story: string[] = [];
  let from = BEFORE;
  let commands = 0;
  const timeline: [Moment, number | false][] = [
    [IN_WINDOW, 30],
    [IN_WINDOW_ZRH_DOWN, false],
    ...(DEEP ? [[AFTER, false] as [Moment, false]] : []),
  ];
  for (const [target, ramp] of timeline) {
    world.label = `${scenario.name}, ${from.at}${from.down.join('+')} → ${target.at}${target.down.join('+')}`;
    // While moving between two moments, what both exclude must never answer, at any point.
    world.mustNotAnswer = intersect(excludedAt(from), excludedAt(target));
    const options = (attempt: number) => ({
      faults: scenario.faults(attempt, 1000 * ++commands),
      ...(scenario.loseAzureResponses === undefined ? {} : { loseAzureResponses: scenario.loseAzureResponses }),
    });
    let result = await world.cli(applyArgs(target, ramp), options(0));
    story.push(`apply: ${visible(result)}`);
    for (let attempt = 1; result.code !== 0 && attempt <= 12; attempt++) {
      expect(result.stdout + result.stderr).toContain('trafficport apply --resume');
      result = await world.cli(['apply', '--resume', POLICY_FILE], options(attempt));
      story.push(`resume: ${visible(result)}`);
    }
    expect(result.code, `${world.label}\n${story.join('\n')}`).toBe(0);
    world.mustNotAnswer = excludedAt(target);
    world.checkFiles(`${world.label}, finished`);
    await expectConverged(world, target);
    from = target;
  }
  await world.checkOldOrNew();
  expect(world.violations.slice(0, 20)).toEqual([]);
  seen.push(`- ${scenario.name}: ${[...new Set(story)].slice(0, 6).join('; ')}`);
}

/**
 * The writes after which an apply of `writes` writes is killed: every one in the deep tier; in the
 * standard tier the first and second (one resumed, one rolled back), the middle one and the last.
 */
export function killPoints(writes: number): number[] {
  if (DEEP) return Array.from({ length: writes }, (_, i) => i + 1);
  return [...new Set([1, 2, Math.ceil(writes / 2), writes])].filter((n) => n <= writes).sort((a, b) => a - b);
}

/**
 * Counts the writes an apply makes, then kills a fresh run right after its n-th write (nothing
 * later is written: no state, no journal) and recovers — odd n resume, even n roll back — for
 * each n of killPoints. Every state on the way is checked, and the recovery must converge.
 */
export async function killAtEveryWrite(
  name: string,
  template: string,
  from: Moment,
  target: Moment,
  ramp: number | false,
  only: string,
): Promise<number> {
  const counting = new World(template);
  counting.requireAnswers = true;
  const start = totals.states;
  expect((await counting.cli(applyArgs(target, ramp, only))).code).toBe(0);
  const writes = totals.states - start;
  expect(writes).toBeGreaterThan(0);
  for (const n of killPoints(writes)) {
    const world = new World(template);
    world.requireAnswers = true;
    world.mustNotAnswer = intersect(excludedAt(from), excludedAt(target));
    world.label = `${name}, killed after write ${n} of ${writes}`;
    const killed = await world.cli(applyArgs(target, ramp, only), { crashAfterWrites: n });
    expect(killed.crashed, world.label).toBe(true);
    const journal = JSON.parse(readFileSync(join(world.dir, '.trafficport', 'journal', 'current.json'), 'utf8'));
    expect(journal.status, world.label).toBe('in-progress');
    world.checkFiles(`${world.label}, as left`, only);
    const resume = n % 2 === 1;
    // The interrupted apply was forced past the safety limits (applyArgs), so undoing it is too:
    // rollback holds the same limits (README), and undoing most of an Azure move removes more
    // than half of the owned records.
    const recovered = resume
      ? await world.cli(['apply', '--resume', POLICY_FILE])
      : await world.cli(['rollback', POLICY_FILE, '--auto-approve', '--force']);
    expect(recovered.code, `${world.label}: ${recovered.stdout}${recovered.stderr}`).toBe(0);
    world.mustNotAnswer = excludedAt(resume ? target : from);
    world.checkFiles(`${world.label}, recovered`, only);
    await expectConverged(world, resume ? target : from, only);
    await world.checkOldOrNew();
    expect(world.violations.slice(0, 20)).toEqual([]);
  }
  return writes;
}

/** Runs the built binary (real SDK delays) to its end. */
export function binary(
  args: readonly string[],
  cwd: string,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { cwd, env: { ...process.env, NO_COLOR: '1' }, timeout: 60_000 },
      (error, stdout, stderr) =>
        resolve({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : 1, stdout, stderr }),
    );
  });
}

/** Runs the built binary and SIGKILLs it once its output satisfies `when`; true if it was killed. */
export function killWhen(args: readonly string[], cwd: string, when: (output: string) => boolean): Promise<boolean> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, NO_COLOR: '1' } });
    let output = '';
    let killed = false;
    const watch = (chunk: Buffer) => {
      output += chunk.toString();
      if (!killed && when(output)) {
        killed = true;
        child.kill('SIGKILL');
      }
    };
    child.stdout.on('data', watch);
    child.stderr.on('data', watch);
    child.on('close', () => resolve(killed));
  });
}
