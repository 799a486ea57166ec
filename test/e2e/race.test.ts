import { type ChildProcess, spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseJournal } from '../../src/apply/journal.js';
import { loadPolicyFile } from '../../src/inputs/policy-file.js';
import type { CliIo } from '../../src/io/io.js';
import { diffResources } from '../../src/plan/diff.js';
import { loadProviderKit } from '../../src/providers/registry.js';
import { adapterOptions, servicesOf } from '../../src/publish/prepare.js';
import type { Resource } from '../../src/render/types.js';
import { assertBuilt, BIN, ROOT, runBinary } from '../support/binary.js';

/**
 * The race of issue 14, as CI runners on several machines would run it: rounds of two or three
 * built CLIs, each with its own state directory, applying different desired states at once to
 * Route 53 and Azure served by one `trafficport mock serve`. The zone leases decide who writes:
 * no timing is assumed or asserted, outcomes are counted. After every round both providers serve
 * exactly the state one winner's journal targeted (the same winner on both); every loser exited 1
 * naming the holder, having written nothing; and a loser's next apply converges to its own state:
 * both providers serve it, and `plan --detailed-exitcode` with the same inputs exits 0 (no changes).
 */

const AT = '2026-12-01T00:00Z';
/** The desired states: the same policy with different endpoints taken out. */
const STATES: Record<string, string[]> = {
  all: [],
  'no-dub': ['--down', 'aws-dub'],
  'no-weu': ['--down', 'az-weu'],
};
const ROUNDS: (keyof typeof STATES)[][] = [
  ['all', 'no-dub'],
  ['no-weu', 'all', 'no-dub'],
  ['no-dub', 'no-weu'],
  ['all', 'no-weu', 'no-dub'],
];

let dir: string;
let serve: ChildProcess;
let env: Record<string, string>;
const tally = { runs: 0, winners: 0, losers: 0 };
/** The state both providers served when the last check ran. */
let previous = new Map<string, readonly Resource[]>();

beforeAll(async () => {
  assertBuilt();
  dir = mkdtempSync(join(tmpdir(), 'tp-race-'));
  copyFileSync(join(ROOT, 'examples', 'eu-sovereignty.yaml'), join(dir, 'eu.yaml'));
  serve = spawn(process.execPath, [BIN, 'mock', 'serve', '--state-dir', join(dir, 'served')], {
    cwd: dir,
    env: { ...process.env, NO_COLOR: '1' },
  });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    serve.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('serving until interrupted')) resolve();
    });
    serve.on('exit', () => reject(new Error(`mock serve ended: ${output}`)));
  });
  env = Object.fromEntries([...output.matchAll(/^export (TRAFFICPORT_\w+)=(\S+)$/gm)].map((m) => [m[1]!, m[2]!]));
  expect(Object.keys(env).sort()).toEqual([
    'TRAFFICPORT_AZURE_CA',
    'TRAFFICPORT_AZURE_ENDPOINT',
    'TRAFFICPORT_ROUTE53_ENDPOINT',
  ]);
});

afterAll(() => {
  serve?.kill('SIGTERM');
  console.log(`[race] ${tally.runs} concurrent applies: ${tally.winners} wrote, ${tally.losers} refused by a lease`);
});

/** One runner: its own state directory (its journal), the shared backends. */
const runner = (name: string, args: string[]) =>
  runBinary(args, { cwd: dir, env: { ...env, TRAFFICPORT_STATE_DIR: join(dir, `runner-${name}`) } });

const apply = (name: string, state: string) =>
  runner(name, ['apply', 'eu.yaml', '--at', AT, ...STATES[state]!, '--auto-approve', '--force']);

/**
 * What a runner's last finished apply wrote to each provider: its journal's target; or, for a run
 * that found nothing to change (no journal), the state served before its round.
 */
function target(name: string): Map<string, readonly Resource[]> {
  const journals = join(dir, `runner-${name}`, 'journal');
  if (!existsSync(journals)) return previous;
  const last = readdirSync(journals)
    .filter((n) => n.endsWith('.json') && n !== 'current.json' && n !== 'last-attempt.json')
    .sort()
    .pop();
  // A runner whose applies found nothing to change wrote no journal (only last-attempt.json).
  if (last === undefined) return previous;
  const journal = parseJournal(readFileSync(join(journals, last), 'utf8'));
  expect(journal.status).toBe('done');
  return new Map(Object.entries(journal.providers).map(([id, entry]) => [id, entry.steps.at(-1)!]));
}

/** Which of these runners' targets each provider serves exactly (read through the SDKs, as the CLI does). */
async function served(names: readonly string[]): Promise<Record<string, string[]>> {
  const io: CliIo = { stdout: { write: () => true }, stderr: { write: () => true }, env, cwd: dir, now: Date.now };
  const { policy } = await loadPolicyFile('eu.yaml', io);
  const found: Record<string, string[]> = {};
  const lives = new Map<string, readonly Resource[]>();
  for (const provider of policy.providers) {
    const adapter = await (await loadProviderKit(provider.type)).createAdapter(provider, adapterOptions(io, {}));
    const live = await adapter.read(servicesOf(policy, provider));
    lives.set(provider.id, live.resources);
    found[provider.id] = names.filter(
      (name) => diffResources(target(name).get(provider.id) ?? [], live.resources, live.retained).length === 0,
    );
  }
  previous = lives;
  return found;
}

describe('concurrent applies from several runners', { timeout: 600_000 }, () => {
  it('serve exactly one desired state after every round; losers name the holder and converge next', async () => {
    for (const [round, states] of ROUNDS.entries()) {
      const names = states.map((state, i) => `${round}-${i}-${state}`);
      const results = await Promise.all(states.map((state, i) => apply(names[i]!, state)));
      tally.runs += results.length;
      const winners = results.filter((r) => r.code === 0);
      for (const result of results) {
        if (result.code === 0) continue;
        // A loser: refused before it read or wrote anything, naming who holds the zone and since when.
        expect(result.code, result.stdout + result.stderr).toBe(1);
        expect(result.stderr).toMatch(
          /APPLY\.LOCKED .*zone example\.eu is locked by apply run \S+ by \S+ on \S+ \(pid \d+\) since \S+Z, lease until/,
        );
        expect(result.stdout).not.toMatch(/changes applied/);
      }
      tally.winners += winners.length;
      tally.losers += results.length - winners.length;
      expect(winners.length).toBeGreaterThan(0);
      // Both providers serve the target of one winner, the same one (a target equal to another
      // winner's counts as that one too: then either is the state served).
      const winnerNames = names.filter((_, i) => results[i]!.code === 0);
      const now = await served(winnerNames);
      expect(now.r53!.length, JSON.stringify(now)).toBeGreaterThan(0);
      expect(now.azdns).toEqual(now.r53);
      // Each loser's next step, alone, converges to its own desired state.
      for (const [i, result] of results.entries()) {
        if (result.code === 0) continue;
        const again = await apply(names[i]!, states[i]!);
        expect(again.code, again.stdout + again.stderr).toBe(0);
        const after = await served([names[i]!]);
        expect(after).toEqual({ r53: [names[i]], azdns: [names[i]] });
        const replan = await runner(names[i]!, [
          'plan',
          'eu.yaml',
          '--at',
          AT,
          ...STATES[states[i]!]!,
          '--detailed-exitcode',
        ]);
        expect(replan.code, replan.stdout + replan.stderr).toBe(0);
      }
    }
  });
});
