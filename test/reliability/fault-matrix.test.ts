/**
 * The fault matrix: the real CLI (in-process) publishing the EU-sovereignty policy to Route 53
 * and Azure mocks under throttling storms, 5xx, timeouts, lost responses, slow propagation, one
 * provider down, and a crash after every single write of an apply. Every state either backend
 * persists is evaluated as a resolver would see it (the mocks' own answerDistribution and Traffic
 * Manager evaluator) and checked against the rules: no sovereign geography answered by a
 * forbidden endpoint, no endpoint answering while drained or down, no geography without an
 * answer once published, and every geography on a planned split (before, or a step of the apply),
 * never a mix. After every fault, resume (or rollback) converges: plan shows no changes.
 *
 * SDK retry delays are shortened in this file (attempt counts and retry rules are the product's);
 * the built binary is killed for real at the end, with the real delays.
 */
import { execFile, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { BIN } from '../support/binary.js';
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
  POLICY_TEXT,
  totals,
  World,
} from './world.js';

// Every persisted mock state is reported to the world; a crashed "process" freezes.
vi.mock('../../src/providers/mock/state-store.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../src/providers/mock/state-store.js')>();
  const { alive, hooks, never, track } = await import('./hooks.js');
  return {
    ...original,
    fileStore<T>(path: string, initial: () => T, options?: Parameters<typeof original.fileStore>[2]) {
      const inner = original.fileStore(path, initial, options);
      return {
        read: (): Promise<T> => (alive() ? inner.read() : never<T>()),
        async update<R>(change: (state: T) => R | Promise<R>): Promise<R> {
          if (!alive()) return never<R>();
          // Every update is reported; the world drops those that change no record (it compares
          // each state's records with the last it saw), so no copy is compared here.
          let after: T | undefined;
          const result = await track(
            inner.update(async (state) => {
              const value = await change(state);
              after = state;
              return value;
            }),
          );
          if (after !== undefined) hooks.onWrite?.(path, after);
          return result;
        },
      };
    },
  };
});

// Journals (and plan files) of a crashed process are never written again either: neither the
// journal's base file nor its progress log. The mocks' state files are the clouds' side: a write
// already on its way lands (the state-store mock above decides what a dead process starts).
vi.mock('../../src/io/write-file.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../src/io/write-file.js')>();
  const { alive, never, track } = await import('./hooks.js');
  const frozen = (path: string) => !alive() && !/[\\/]mock[\\/]/.test(path);
  return {
    ...original,
    writeFileAtomic: (...args: Parameters<typeof original.writeFileAtomic>) =>
      frozen(args[0]) ? never<boolean>() : track(original.writeFileAtomic(...args)),
    appendFileText: (...args: Parameters<typeof original.appendFileText>) =>
      frozen(args[0]) ? never<void>() : track(original.appendFileText(...args)),
  };
});

// Count the faults the mocks inject.
vi.mock('../../src/providers/route53/mock/faults.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../src/providers/route53/mock/faults.js')>();
  const { countFault } = await import('./hooks.js');
  return {
    ...original,
    createFaultInjector(options?: Parameters<typeof original.createFaultInjector>[0]) {
      const inner = original.createFaultInjector(options);
      return {
        next(operation: Parameters<typeof inner.next>[0]) {
          const fault = inner.next(operation);
          if (fault !== undefined) countFault(`route53 ${fault}`);
          return fault;
        },
      };
    },
  };
});

vi.mock('../../src/providers/azure/mock/faults.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../src/providers/azure/mock/faults.js')>();
  const { countFault } = await import('./hooks.js');
  return {
    ...original,
    createFaultInjector(faults?: Parameters<typeof original.createFaultInjector>[0]) {
      const inner = original.createFaultInjector(faults);
      return {
        pick(operation: string, method: string) {
          const fault = inner.pick(operation, method);
          if (fault !== undefined) countFault(`azure ${fault.kind}`);
          return fault;
        },
      };
    },
  };
});

// The Azure mock has no afterApply: lose the response of a write that landed, as a reset would.
vi.mock('../../src/providers/azure/mock/handler.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../src/providers/azure/mock/handler.js')>();
  const { countFault, runContext } = await import('./hooks.js');
  const { TransportFault } = await import('../../src/providers/azure/mock/faults.js');
  return {
    ...original,
    createAzureMockHandler(options?: Parameters<typeof original.createAzureMockHandler>[0]) {
      const backend = original.createAzureMockHandler(options);
      return {
        ...backend,
        async handle(request: Parameters<typeof backend.handle>[0]) {
          const response = await backend.handle(request);
          const lose = runContext.getStore()?.loseAzureResponses;
          const write = ['PUT', 'PATCH', 'DELETE'].includes(request.method.toUpperCase());
          if (lose !== undefined && write && response.status < 300 && lose.random() < lose.probability) {
            countFault('azure lost response (write applied)');
            throw new TransportFault('reset', 0);
          }
          return response;
        },
      };
    },
  };
});

// Short SDK retry delays, GetChange polls and request timeouts (100 ms instead of 1 s), small
// change batches; the number of attempts and what is retried stay the product's.
vi.mock('../../src/providers/route53/client.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../src/providers/route53/client.js')>();
  const { ConfiguredRetryStrategy } = await import('@smithy/core/retry');
  const mock = await import('../../src/providers/route53/mock/index.js');
  const { join } = await import('node:path');
  return {
    ...original,
    createRoute53Adapter: (...[provider, options]: Parameters<typeof original.createRoute53Adapter>) => {
      const inProcess = provider.backend === 'mock' && !options.env?.TRAFFICPORT_ROUTE53_ENDPOINT && !options.backend;
      // The same backend client.ts builds (file state, the faults asked for), with a shorter timeout.
      const backend = inProcess
        ? mock.createRoute53Backend({
            store: mock.route53StateFile(join(options.mockStateDir, 'route53.json')),
            ...(options.faults === undefined ? {} : { faults: options.faults }),
          })
        : undefined;
      return original.createRoute53Adapter(provider, {
        ...options,
        clientConfig: {
          retryStrategy: new ConfiguredRetryStrategy(original.ROUTE53_MAX_ATTEMPTS, () => 2),
          ...(backend === undefined
            ? {}
            : { requestHandler: mock.mockRequestHandler(backend, { requestTimeoutMs: 100 }) }),
          ...options.clientConfig,
        },
        // Small change batches (40 records): every step takes several requests, so the order
        // of the changes is observed between them, as it would be for a large estate.
        adapter: {
          pollIntervalMs: 20,
          limits: { maxElements: 40, maxValueChars: 32_000, aliasElements: 1 },
          ...options.adapter,
        },
      });
    },
  };
});

vi.mock('../../src/providers/azure/client.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../src/providers/azure/client.js')>();
  return {
    ...original,
    createAzureAdapter: (...[provider, options]: Parameters<typeof original.createAzureAdapter>) =>
      original.createAzureAdapter(provider, {
        ...options,
        retryOptions: { retryDelayInMs: 2, maxRetryDelayInMs: 10, ...options.retryOptions },
      }),
  };
});

const SCALE = Math.max(1, Number(process.env.RELIABILITY_RUNS ?? 1) || 1);

/** What the user saw, per scenario, for the summary and docs/reliability.md. */
const seen: string[] = [];

afterAll(() => {
  const faults = Object.entries(hooks.faults)
    .sort()
    .map(([kind, n]) => `${kind} ${n}`)
    .join(', ');
  const injected = Object.values(hooks.faults).reduce((sum, n) => sum + n, 0);
  console.log(
    `[reliability] fault-matrix: ${injected} faults injected (${faults}); ${totals.crashes} crashes; ` +
      `${totals.states} published states checked (${totals.geographyChecks} geography answers), ` +
      `${totals.plannedStates} planned states evaluated, ${totals.commands} CLI commands\n${seen.join('\n')}`,
  );
});

function intersect(a: Set<string>, b: Set<string>): Set<string> {
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
function applyArgs(target: Moment, ramp: number | false, only?: string): string[] {
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

async function expectConverged(world: World, target: Moment, only?: string): Promise<void> {
  const plan = await world.cli([
    'plan',
    POLICY_FILE,
    ...momentArgs(target),
    '--detailed-exitcode',
    ...(only === undefined ? [] : ['--provider', only]),
  ]);
  expect(plan.code, `plan after recovery:\n${plan.stdout}\n${plan.stderr}`).toBe(0);
}

let templates: { before: string; window: string };

beforeAll(async () => {
  // One clean publish at BEFORE, and one more into the maintenance window, reused by every case.
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
  templates = { before, window: world.dir };
}, 600_000);

interface FaultScenario {
  readonly name: string;
  /**
   * TRAFFICPORT_MOCK_FAULTS for one command: `attempt` counts the commands of one transition
   * (0 = the apply), `seed` every command of the scenario, so each one draws fresh faults.
   */
  readonly faults: (attempt: number, seed: number) => unknown;
  readonly loseAzureResponses?: number;
}

/**
 * Walks the timeline BEFORE → IN_WINDOW (ramped) → IN_WINDOW with aws-zrh down (→ AFTER, in deeper
 * runs) under the scenario's faults, resuming each failed apply until it finishes, then checks
 * convergence.
 */
async function runScenario(scenario: FaultScenario): Promise<void> {
  const world = new World(templates.before);
  world.requireAnswers = true;
  const story: string[] = [];
  let from = BEFORE;
  let commands = 0;
  const timeline: [Moment, number | false][] = [
    [IN_WINDOW, 30],
    [IN_WINDOW_ZRH_DOWN, false],
    ...(SCALE > 1 ? [[AFTER, false] as [Moment, false]] : []),
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

describe('publishing under faults', { timeout: 600_000 }, () => {
  const scenarios: FaultScenario[] = [
    {
      name: 'throttling storm on both providers',
      faults: (_, seed) => ({
        route53: { throttleRate: 0.5, seed },
        azure: { rules: [{ kind: 'throttle', probability: 0.5, retryAfterSeconds: 0 }], seed },
      }),
    },
    {
      name: '5xx on both providers',
      faults: (_, seed) => ({
        route53: { failRate: 0.4, failStatus: 503, seed },
        azure: {
          rules: [
            { kind: 'status', status: 500, probability: 0.3 },
            { kind: 'status', status: 503, probability: 0.2, retryAfterSeconds: 0 },
          ],
          seed,
        },
      }),
    },
    {
      name: 'timeouts (Route 53 change requests time out, Azure connections hang and drop)',
      faults: (_, seed) => ({
        // Every third list or change request never answers; the SDK times out after 1 s and retries.
        route53: { timeoutEvery: 3, operations: ['ListResourceRecordSets', 'ChangeResourceRecordSets'] },
        azure: { rules: [{ kind: 'timeout', delayMs: 20, probability: 0.25 }], seed },
      }),
    },
    {
      name: 'connection resets after the write landed (responses lost)',
      faults: (attempt, seed) => ({
        // The first change of each apply lands, but its connection drops before the answer: the
        // SDK sends it again and Route 53 refuses the repeat (exact-match CREATE/DELETE).
        route53:
          attempt === 0
            ? { resetEvery: 2, afterApply: true, operations: ['ListResourceRecordSets', 'ChangeResourceRecordSets'] }
            : { resetRate: 0.2, afterApply: true, seed },
        azure: { rules: [{ kind: 'reset', probability: 0.15 }], seed },
      }),
      loseAzureResponses: 0.25,
    },
    {
      name: 'slow propagation and slow answers',
      faults: (_, seed) => ({
        route53: { propagationMs: 60 },
        azure: { rules: [{ kind: 'slow', delayMs: 5, probability: 0.5 }], seed },
      }),
    },
    {
      name: 'Azure down while Route 53 is up (Azure back for the resume)',
      faults: (n) =>
        n === 0 ? { azure: { rules: [{ kind: 'status', status: 503, retryAfterSeconds: 0 }] } } : undefined,
    },
    {
      name: 'Route 53 down while Azure is up (Route 53 back for the resume)',
      faults: (n) => (n === 0 ? { route53: { failRate: 1, failStatus: 500 } } : undefined),
    },
  ];
  for (const scenario of scenarios) {
    it(scenario.name, () => runScenario(scenario));
  }

  it('one provider down: the other is published, the journal says which to resume', async () => {
    const world = new World(templates.before);
    world.requireAnswers = true;
    world.mustNotAnswer = intersect(excludedAt(BEFORE), excludedAt(IN_WINDOW));
    const down = { azure: { rules: [{ kind: 'status', status: 503, retryAfterSeconds: 0 }] } };
    const partial = await world.cli(applyArgs(IN_WINDOW, false), { faults: down });
    expect(partial.code).toBe(1);
    expect(partial.stdout).toMatch(/✓ r53: \d+ changes applied/);
    expect(partial.stdout).toMatch(/✗ azdns: PROVIDER\.UNAVAILABLE/);
    const journal = JSON.parse(readFileSync(join(world.dir, '.trafficport', 'journal', 'current.json'), 'utf8'));
    expect([journal.status, journal.providers.r53.status, journal.providers.azdns.status]).toEqual([
      'failed',
      'done',
      'failed',
    ]);
    // Still down: resuming fails the same way and changes nothing at Route 53.
    const again = await world.cli(['apply', '--resume', POLICY_FILE], { faults: down });
    expect(again.code).toBe(1);
    // A plan meanwhile cannot be made against a provider it cannot read.
    const blocked = await world.cli(['plan', POLICY_FILE, ...momentArgs(IN_WINDOW)], { faults: down });
    expect(blocked.code).toBe(1);
    expect(blocked.stderr).toContain('PROVIDER.UNAVAILABLE');
    expect((await world.cli(['apply', '--resume', POLICY_FILE])).code).toBe(0);
    await expectConverged(world, IN_WINDOW);
    await world.checkOldOrNew();
    expect(world.violations.slice(0, 20)).toEqual([]);
  });
});

describe('a process killed at every step of an apply', { timeout: 600_000 }, () => {
  /**
   * Counts the writes an apply makes, then kills a fresh run right after its n-th write (nothing
   * later is written: no state, no journal) and recovers — odd n resume, even n roll back — for
   * n spread over all writes (8 of them, always the first and the last; every n when
   * RELIABILITY_RUNS > 1). Every state on the way is checked, and the recovery must converge.
   */
  async function killAtEveryWrite(
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
    const every = SCALE > 1 ? 1 : Math.max(1, Math.ceil(writes / 8));
    for (let n = 1; n <= writes; n += n === writes ? 1 : every) {
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
      const recovered = resume
        ? await world.cli(['apply', '--resume', POLICY_FILE])
        : await world.cli(['rollback', POLICY_FILE, '--auto-approve']);
      expect(recovered.code, `${world.label}: ${recovered.stdout}${recovered.stderr}`).toBe(0);
      world.mustNotAnswer = excludedAt(resume ? target : from);
      world.checkFiles(`${world.label}, recovered`, only);
      await expectConverged(world, resume ? target : from, only);
      await world.checkOldOrNew();
      expect(world.violations.slice(0, 20)).toEqual([]);
    }
    return writes;
  }

  it('Route 53: a ramped move into a maintenance window, killed after its change batches', async () => {
    const writes = await killAtEveryWrite('r53 ramp', templates.before, BEFORE, IN_WINDOW, 30, 'r53');
    seen.push(
      `- killed after ${SCALE > 1 ? 'each' : 'a spread of'} ${writes} Route 53 writes: resume/rollback converged every time`,
    );
  });

  it('Azure: taking an endpoint down inside the window, killed after its profile and record-set writes', async () => {
    const writes = await killAtEveryWrite(
      'azure down',
      templates.window,
      IN_WINDOW,
      IN_WINDOW_ZRH_DOWN,
      false,
      'azdns',
    );
    seen.push(
      `- killed after ${SCALE > 1 ? 'each' : 'a spread of'} ${writes} Azure writes: resume/rollback converged every time`,
    );
  });

  it('a lock file left by a killed process does not block the next command', async () => {
    const world = new World(templates.before);
    const dead = await new Promise<number>((resolve) => {
      const child = spawn(process.execPath, ['-e', '']);
      child.on('exit', () => resolve(child.pid!));
    });
    for (const name of ['route53.json', 'azure.json']) {
      writeFileSync(join(world.dir, '.trafficport', 'mock', `${name}.lock`), String(dead));
    }
    world.requireAnswers = true;
    world.mustNotAnswer = intersect(excludedAt(BEFORE), excludedAt(IN_WINDOW));
    const applied = await world.cli(applyArgs(IN_WINDOW, false));
    expect(applied.code, applied.stdout + applied.stderr).toBe(0);
    // Without the dead owner's lock broken, this waits out its 10 s lock timeout and fails ("locked by
    // another process"): the fresh locks are far from the 30 s after which any lock counts as stale.
    for (const name of ['route53.json', 'azure.json']) {
      expect(existsSync(join(world.dir, '.trafficport', 'mock', `${name}.lock`))).toBe(false);
    }
    await expectConverged(world, IN_WINDOW);
  });

  it('the built binary, SIGKILLed between ramp steps, resumes to the planned state', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tp-kill-'));
    writeFileSync(join(dir, POLICY_FILE), POLICY_TEXT);
    cpSync(join(templates.before, '.trafficport'), join(dir, '.trafficport'), { recursive: true });
    const args = [...applyArgs(IN_WINDOW, false), '--max-shift', '30', '--step-wait', '1s'];
    const killed = await killWhen(args, dir, (output) => (output.match(/before the next step/g) ?? []).length >= 1);
    expect(killed).toBe(true);
    const world = new World();
    // Judge the files the killed process left, as a resolver would.
    cpSync(join(dir, '.trafficport'), join(world.dir, '.trafficport'), { recursive: true });
    world.requireAnswers = true;
    world.mustNotAnswer = intersect(excludedAt(BEFORE), excludedAt(IN_WINDOW));
    world.checkFiles('binary killed between steps');
    const journal = JSON.parse(readFileSync(join(dir, '.trafficport', 'journal', 'current.json'), 'utf8'));
    expect(journal.status).toBe('in-progress');
    const resumed = await binary(['apply', '--resume', POLICY_FILE], dir);
    expect(resumed.code, resumed.stdout + resumed.stderr).toBe(0);
    const plan = await binary(['plan', POLICY_FILE, ...momentArgs(IN_WINDOW), '--detailed-exitcode'], dir);
    expect(plan.code, plan.stdout).toBe(0);
    cpSync(join(dir, '.trafficport'), join(world.dir, '.trafficport'), { recursive: true });
    world.mustNotAnswer = excludedAt(IN_WINDOW);
    world.checkFiles('binary resumed');
    await world.checkOldOrNew();
    expect(world.violations).toEqual([]);
    expect(existsSync(join(dir, '.trafficport', 'journal', 'current.json'))).toBe(false);
  });
});

function binary(args: readonly string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
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

function killWhen(args: readonly string[], cwd: string, when: (output: string) => boolean): Promise<boolean> {
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
