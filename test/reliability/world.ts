/**
 * The fault matrix's world: a state directory with the EU-sovereignty policy (plus a maintenance
 * window), the real CLI run in-process against the file-backed mock backends, and an observer
 * that evaluates every state a backend ever persists — as the mock resolvers (Route 53's
 * answerDistribution, the Traffic Manager evaluator) answer it — against the rules.
 */
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { DnsManagementClient, getContinuationToken } from '@azure/arm-dns';
import { TrafficManagerManagementClient } from '@azure/arm-trafficmanager';
import { diffResources } from '../../src/plan/diff.js';
import { loadPolicy } from '../../src/policy/load.js';
import type { AzureProvider, Policy, Provider, Route53Provider } from '../../src/policy/types.js';
import { createAdapterFromClients } from '../../src/providers/azure/adapter.js';
import { createRequestMeter } from '../../src/providers/azure/meter.js';
import {
  type AzureMockState,
  createAzureMockHandler,
  createMockCredential,
  evaluateTrafficManager,
  inProcessClientOptions,
} from '../../src/providers/azure/mock/index.js';
import { readMockStateFile } from '../../src/providers/mock/state-read.js';
import { createRoute53Adapter } from '../../src/providers/route53/client.js';
import { answerer, createRoute53Backend, type Route53State } from '../../src/providers/route53/mock/index.js';
import type { ProviderAdapter } from '../../src/providers/types.js';
import { runsInThisProcess } from '../../src/publish/lock.js';
import { LOCK_LABEL } from '../../src/render/lock-name.js';
import type { Resource } from '../../src/render/types.js';
import { listGeographies } from '../../src/solve/geographies.js';
import { ROOT } from '../support/binary.js';
import { runCli } from '../support/run-cli.js';
import { hooks, runContext, settle } from './hooks.js';
import { endpointOfTarget, forbiddenFor, inWindowAt, placeOf } from './rules.js';

export const SERVICE = 'api.example.eu';
export const POLICY_FILE = 'eu.yaml';
/** The EU example, with a maintenance window on one EU endpoint (drained 02:00–04:00 on Dec 6). */
export const POLICY_TEXT = `${readFileSync(join(ROOT, 'examples', 'eu-sovereignty.yaml'), 'utf8')}  maintenance:
    - { name: gwc-patch, target: az-gwc, start: "2026-12-06T02:00Z", end: "2026-12-06T04:00Z", ramp: 20m, steps: 2 }
`;

export interface Moment {
  readonly at: string;
  readonly down: readonly string[];
}

export const BEFORE: Moment = { at: '2026-12-01T00:00Z', down: [] };
export const IN_WINDOW: Moment = { at: '2026-12-06T03:00Z', down: [] };
export const IN_WINDOW_ZRH_DOWN: Moment = { at: '2026-12-06T03:00Z', down: ['aws-zrh'] };
export const AFTER: Moment = { at: '2026-12-07T00:00Z', down: [] };

export function momentArgs(moment: Moment): string[] {
  return ['--at', moment.at, ...(moment.down.length > 0 ? ['--down', ...moment.down] : [])];
}

const loaded = loadPolicy(POLICY_TEXT, POLICY_FILE);
if (!loaded.ok) throw new Error(`fault-matrix policy does not load: ${JSON.stringify(loaded.diagnostics)}`);
export const POLICY: Policy = loaded.policy;
const GEOS = listGeographies(POLICY).map((g) => g.id);
const FORBIDDEN = new Map(GEOS.map((geo) => [geo, forbiddenFor(POLICY, geo)]));
const NODATA = '∅';

/** Endpoints that must not answer anywhere at a moment: inside their window, or down. */
export function excludedAt(moment: Moment): Set<string> {
  return new Set([...inWindowAt(POLICY, Date.parse(moment.at)), ...moment.down]);
}

type Answers = Map<string, Map<string, number> | undefined>;

function route53Answers(state: Route53State): Answers {
  const answers: Answers = new Map();
  const zone = Object.values(state.zones).find((z) => z.name === 'example.eu.');
  // One name index of the zone for all geographies (the same answers as answerDistribution).
  const answerDistribution = answerer(state);
  for (const geo of GEOS) {
    if (zone === undefined) {
      answers.set(geo, undefined);
      continue;
    }
    const { country, subdivision } = placeOf(geo);
    const location =
      country === undefined
        ? undefined
        : { countryCode: country, ...(subdivision === undefined ? {} : { subdivisionCode: subdivision.slice(3) }) };
    const result = answerDistribution(zone, { name: SERVICE, type: 'A', ...(location ? { location } : {}) });
    if (result.outcomes.length === 0) {
      answers.set(geo, undefined);
      continue;
    }
    const distribution = new Map<string, number>();
    for (const outcome of result.outcomes) {
      const owners = new Set(outcome.recordData.map((value) => endpointOfTarget(POLICY, value)));
      const id = owners.size === 1 ? [...owners][0]! : `?mixed:${outcome.recordData.join(',')}`;
      distribution.set(id, (distribution.get(id) ?? 0) + outcome.share);
    }
    answers.set(geo, distribution);
  }
  return answers;
}

function azureAnswers(state: AzureMockState): Answers {
  const answers: Answers = new Map();
  const zone = Object.values(state.zones).find((z) => z.name === 'example.eu');
  // Below the apex the service name is an alias of type CNAME to its root profile.
  const set = zone?.recordSets['CNAME/api'] ?? zone?.recordSets['A/api'];
  const target = (set?.properties.targetResource as { id?: string } | undefined)?.id;
  for (const geo of GEOS) {
    if (target === undefined) {
      answers.set(geo, undefined);
      continue;
    }
    const result = evaluateTrafficManager(state, target, geo === '*' ? 'WORLD' : geo);
    if (result.kind === 'nodata') {
      answers.set(geo, undefined);
      continue;
    }
    const distribution = new Map<string, number>();
    for (const answer of result.answers) {
      const id = endpointOfTarget(POLICY, answer.target);
      distribution.set(id, (distribution.get(id) ?? 0) + answer.share);
    }
    answers.set(geo, distribution);
  }
  return answers;
}

function signature(distribution: Map<string, number> | undefined): string {
  if (distribution === undefined) return NODATA;
  return [...distribution]
    .filter(([, share]) => share > 1e-12)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([id, share]) => `${id}=${share.toFixed(9)}`)
    .join(' ');
}

/** A backend's state without the zone lease record (docs/locking.md). */
function withoutLease(provider: string, state: unknown): unknown {
  if (provider === 'r53') {
    const zones = (state as Route53State).zones;
    return Object.values(zones).map((zone) => zone.recordSets.filter((set) => !set.name.startsWith(`${LOCK_LABEL}.`)));
  }
  const { zones, etagCounter: _counter, ...rest } = state as AzureMockState;
  return {
    ...rest,
    zones: Object.values(zones).map((zone) =>
      Object.entries(zone.recordSets).filter(([key]) => key !== `TXT/${LOCK_LABEL}`),
    ),
  };
}

/** Structural faults no resolver view shows directly: a weighted set or profile with nothing on. */
function structuralProblems(provider: string, state: unknown): string[] {
  const problems: string[] = [];
  if (provider === 'r53') {
    const groups = new Map<string, number[]>();
    for (const zone of Object.values((state as Route53State).zones)) {
      for (const set of zone.recordSets) {
        if (set.weight === undefined || !set.setIdentifier?.startsWith('tp:')) continue;
        const key = `${set.name} ${set.type}`;
        groups.set(key, [...(groups.get(key) ?? []), set.weight]);
      }
    }
    for (const [key, weights] of groups) {
      if (weights.every((w) => w === 0)) problems.push(`all-zero weighted group ${key}`);
    }
  } else {
    for (const profile of Object.values((state as AzureMockState).profiles)) {
      if (profile.properties.trafficRoutingMethod !== 'Weighted') continue;
      if (profile.endpoints.length > 0 && profile.endpoints.every((e) => e.properties.endpointStatus === 'Disabled')) {
        problems.push(`weighted profile ${profile.name} has every endpoint disabled`);
      }
    }
  }
  return problems;
}

interface Snapshot {
  readonly provider: string;
  readonly signatures: Map<string, string>;
  readonly label: string;
}

export interface CliOutcome {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly crashed: boolean;
}

let generations = 0;
/** Materialized planned states, by provider and resource-list JSON (shared by every world). */
const plannedCache = new Map<string, Map<string, string>>();

export const totals = { states: 0, geographyChecks: 0, plannedStates: 0, commands: 0, crashes: 0 };

export class World {
  readonly dir: string;
  readonly violations: string[] = [];
  readonly snapshots: Snapshot[] = [];
  /** Endpoints that must not answer anywhere while the current command runs. */
  mustNotAnswer = new Set<string>();
  /** Once a full publish has landed, every geography must always get an answer. */
  requireAnswers = false;
  label = 'setup';
  private crash: { generation: number; after: number; writes: number; resolve: () => void } | undefined;
  private readonly lastRecords = new Map<string, string>();
  /** Every state an apply of this world planned, gathered after each command (rollback overwrites journals). */
  private readonly planned = new Map<string, Map<string, Resource[]>>([
    ['r53', new Map()],
    ['azdns', new Map()],
  ]);

  constructor(template?: string) {
    this.dir = mkdtempSync(join(tmpdir(), 'tp-faults-'));
    writeFileSync(join(this.dir, POLICY_FILE), POLICY_TEXT);
    if (template !== undefined)
      cpSync(join(template, '.trafficport'), join(this.dir, '.trafficport'), { recursive: true });
    // A failing check is a violation, not an error thrown into the mock's write (which the CLI
    // would see as a failed request and retry: a confusing PROVIDER error instead of the cause).
    hooks.onWrite = (path, state) => {
      try {
        this.observe(path, state);
      } catch (error) {
        this.violations.push(`${this.label}: checking a state of ${basename(path)} failed: ${String(error)}`);
      }
    };
    for (const [provider, file] of [
      ['r53', 'route53.json'],
      ['azdns', 'azure.json'],
    ] as const) {
      const path = join(this.dir, '.trafficport', 'mock', file);
      if (existsSync(path)) {
        this.lastRecords.set(provider, JSON.stringify(withoutLease(provider, readMockStateFile(path))));
      }
    }
  }

  /** Checks one persisted state of one backend against every rule, and keeps its answers. */
  observe(path: string, state: unknown): void {
    if (!path.startsWith(this.dir)) return;
    const provider = basename(path) === 'route53.json' ? 'r53' : basename(path) === 'azure.json' ? 'azdns' : undefined;
    if (provider === undefined) return;
    // Taking, renewing and releasing a zone lease changes no record users are answered from: only
    // writes that change records count (and can be crashed after).
    const records = JSON.stringify(withoutLease(provider, state));
    if (this.lastRecords.get(provider) === records) return;
    this.lastRecords.set(provider, records);
    const context = runContext.getStore();
    if (this.crash !== undefined && context?.generation === this.crash.generation) {
      this.crash.writes += 1;
      if (this.crash.writes === this.crash.after) {
        hooks.dead.add(this.crash.generation);
        this.crash.resolve();
      }
    }
    const answers = provider === 'r53' ? route53Answers(state as Route53State) : azureAnswers(state as AzureMockState);
    const signatures = new Map<string, string>();
    const where = `${this.label} ${provider} state #${this.snapshots.length}`;
    for (const problem of structuralProblems(provider, state)) this.violations.push(`${where}: ${problem}`);
    for (const [geo, distribution] of answers) {
      signatures.set(geo, signature(distribution));
      totals.geographyChecks += 1;
      if (distribution === undefined) {
        if (this.requireAnswers) this.violations.push(`${where}: ${geo} gets no answer`);
        continue;
      }
      const total = [...distribution.values()].reduce((sum, share) => sum + share, 0);
      if (Math.abs(total - 1) > 1e-9) this.violations.push(`${where}: ${geo} answers sum to ${total}`);
      for (const [id, share] of distribution) {
        if (share <= 0) continue;
        if (id.startsWith('?')) this.violations.push(`${where}: ${geo} answered by unknown target ${id}`);
        if (FORBIDDEN.get(geo)?.has(id)) this.violations.push(`${where}: sovereignty: ${geo} answered by ${id}`);
        if (this.mustNotAnswer.has(id)) this.violations.push(`${where}: ${id} answers ${geo} while drained or down`);
      }
    }
    this.snapshots.push({ provider, signatures, label: where });
    totals.states += 1;
  }

  /** Runs the real CLI in-process, as one "process"; optionally crashes it after its n-th write. */
  async cli(
    args: readonly string[],
    options: { faults?: unknown; loseAzureResponses?: number; crashAfterWrites?: number; seed?: number } = {},
  ): Promise<CliOutcome> {
    const generation = ++generations;
    totals.commands += 1;
    const env: Record<string, string> =
      options.faults === undefined ? {} : { TRAFFICPORT_MOCK_FAULTS: JSON.stringify(options.faults) };
    let random = options.seed ?? generation;
    const context = {
      generation,
      ...(options.loseAzureResponses === undefined
        ? {}
        : {
            loseAzureResponses: {
              probability: options.loseAzureResponses,
              // A small seeded generator (mulberry32), so a run repeats.
              random: () => {
                random = (random + 0x6d2b79f5) | 0;
                let t = random;
                t = Math.imul(t ^ (t >>> 15), t | 1);
                t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
                return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
              },
            },
          }),
    };
    let crashed: Promise<void> | undefined;
    if (options.crashAfterWrites !== undefined) {
      crashed = new Promise<void>((resolve) => {
        this.crash = { generation, after: options.crashAfterWrites!, writes: 0, resolve };
      });
    }
    const runsBefore = new Set(runsInThisProcess);
    const run = runContext.run(context, () => runCli(args, { cwd: this.dir, env }));
    const outcome = await Promise.race([
      run.then((r) => ({ ...r, crashed: false })),
      ...(crashed === undefined ? [] : [crashed.then(() => ({ code: -1, stdout: '', stderr: '', crashed: true }))]),
    ]);
    this.crash = undefined;
    if (outcome.crashed) {
      totals.crashes += 1;
      // A crashed process's runs are gone with it: the leases they left name a dead run.
      for (const id of runsInThisProcess) if (!runsBefore.has(id)) runsInThisProcess.delete(id);
      // Requests already sent when a process dies still land; the next command starts after.
      await settle(generation);
    }
    this.gatherPlanned();
    return outcome;
  }

  /** Adds what the journals now on disk planned: the state before each apply, and each step's target. */
  gatherPlanned(): void {
    const journals = join(this.dir, '.trafficport', 'journal');
    if (!existsSync(journals)) return;
    for (const name of readdirSync(journals).filter((n) => n.endsWith('.json'))) {
      const journal = JSON.parse(readFileSync(join(journals, name), 'utf8')) as {
        providers: Record<string, { before: Resource[] | null; steps: Resource[][] }>;
      };
      for (const [provider, entry] of Object.entries(journal.providers)) {
        for (const resources of [...(entry.before === null ? [] : [entry.before]), ...entry.steps]) {
          this.planned.get(provider)?.set(JSON.stringify(resources), resources);
        }
      }
    }
  }

  /**
   * Old or new, never a mix: every geography, in every state observed, answers exactly as in one
   * of the states the applies planned (before an apply, or a step of it), or not at all before
   * the first publish. Planned states are published to a fresh in-memory mock and evaluated by
   * the same resolver, so equal records give equal answers.
   */
  async checkOldOrNew(): Promise<void> {
    this.gatherPlanned();
    const allowed = new Map<string, Map<string, Set<string>>>();
    for (const [provider, states] of this.planned) {
      const byGeo = new Map(GEOS.map((geo) => [geo, new Set([NODATA])]));
      for (const resources of states.values()) {
        for (const [geo, sig] of await plannedSignatures(provider, resources)) byGeo.get(geo)?.add(sig);
      }
      allowed.set(provider, byGeo);
    }
    for (const snapshot of this.snapshots) {
      const byGeo = allowed.get(snapshot.provider)!;
      for (const [geo, sig] of snapshot.signatures) {
        if (!byGeo.get(geo)?.has(sig)) {
          this.violations.push(`${snapshot.label}: ${geo} answers ${sig}, which no planned state gives (a mix?)`);
        }
      }
    }
  }

  /** The states the backends hold now, as files, checked as a resolver would see them. */
  checkFiles(label: string, only?: string): void {
    this.label = label;
    const names =
      only === undefined ? ['route53.json', 'azure.json'] : [only === 'r53' ? 'route53.json' : 'azure.json'];
    for (const name of names) {
      const path = join(this.dir, '.trafficport', 'mock', name);
      if (existsSync(path)) this.observe(path, readMockStateFile(path));
    }
  }
}

function provider(id: string): Provider {
  return POLICY.providers.find((p) => p.id === id)!;
}

async function plannedSignatures(id: string, resources: readonly Resource[]): Promise<Map<string, string>> {
  const key = `${id}|${JSON.stringify(resources)}`;
  const cached = plannedCache.get(key);
  if (cached !== undefined) return cached;
  totals.plannedStates += 1;
  let adapter: ProviderAdapter;
  let read: () => Promise<unknown>;
  if (id === 'r53') {
    const backend = createRoute53Backend();
    adapter = createRoute53Adapter(provider(id) as Route53Provider, { mockStateDir: '/nonexistent', backend, env: {} });
    read = () => backend.store.read();
  } else {
    const backend = createAzureMockHandler();
    const options = { ...inProcessClientOptions(backend), retryOptions: { retryDelayInMs: 1, maxRetryDelayInMs: 5 } };
    const az = provider(id) as AzureProvider;
    adapter = createAdapterFromClients(az, {
      dns: new DnsManagementClient(createMockCredential(), az.subscription, options),
      tm: new TrafficManagerManagementClient(createMockCredential(), az.subscription, options),
      continuationToken: getContinuationToken,
      meter: createRequestMeter(),
    });
    read = () => backend.store.read();
  }
  const live = await adapter.read([SERVICE]);
  await adapter.apply(diffResources(resources, live.resources), live);
  const state = await read();
  const answers = id === 'r53' ? route53Answers(state as Route53State) : azureAnswers(state as AzureMockState);
  const signatures = new Map([...answers].map(([geo, distribution]) => [geo, signature(distribution)]));
  plannedCache.set(key, signatures);
  return signatures;
}
