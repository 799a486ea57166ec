import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { CliIo } from '../../src/io/io.js';
import type { PlanDocument } from '../../src/plan/types.js';
import { loadPolicy } from '../../src/policy/load.js';
import { solveFlow } from '../../src/solve/flow-model.js';
import { leastMovementLp, splitProblemAsLp } from '../../src/solve/reference-lp.js';
import { flowInputs, solve } from '../../src/solve/solve.js';
import { loadHighs } from '../support/highs.js';

// Three clouds in the same three metros, capacities that bind and a balance rule: many optimal
// splits (an hour of Frankfurt traffic is as good on AWS as on Azure), the shape that made a
// small change reshuffle geographies between them.
const policy = (gcpTokyo: number) => `version: 1
providers:
  r53: { type: route53, zone: example.com, backend: mock }
endpoints:
  aws-fra: { cloud: aws, region: eu-central-1, a: [192.0.2.1], capacity: 9000 }
  az-fra: { cloud: azure, region: germanywestcentral, a: [192.0.2.2], capacity: 9000 }
  gcp-fra: { cloud: gcp, region: europe-west3, a: [192.0.2.3], capacity: 6000 }
  aws-iad: { cloud: aws, region: us-east-1, a: [192.0.2.4], capacity: 9000 }
  az-iad: { cloud: azure, region: eastus, a: [192.0.2.5], capacity: 9000 }
  gcp-iad: { cloud: gcp, region: us-east4, a: [192.0.2.6], capacity: 6000 }
  aws-nrt: { cloud: aws, region: ap-northeast-1, a: [192.0.2.7], capacity: 6000 }
  az-nrt: { cloud: azure, region: japaneast, a: [192.0.2.8], capacity: 6000 }
  gcp-nrt: { cloud: gcp, region: asia-northeast1, a: [192.0.2.9], capacity: ${gcpTokyo} }
services:
  - name: www.example.com
    endpoints: [aws-fra, az-fra, gcp-fra, aws-iad, az-iad, gcp-iad, aws-nrt, az-nrt, gcp-nrt]
    publish: [r53]
demand: { total: 50000 }
rules:
  geography: { minEndpoints: 2 }
  balance:
    - { name: spread, clouds: { aws: 40, azure: 40, gcp: 20 }, tolerance: 2 }
`;

const AT = '2026-12-01T00:00:00Z';
const dir = mkdtempSync(join(tmpdir(), 'trafficport-stable-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(argv: readonly string[]) {
  let stdout = '';
  const io: CliIo = {
    stdout: { write: (text: string) => (stdout += text), isTTY: false } as CliIo['stdout'],
    stderr: { write: () => true, isTTY: false },
    env: {},
    cwd: dir,
    now: () => Date.parse(AT),
  };
  const code = await main([...argv, '--state-dir', join(dir, 'state'), '--at', AT], io);
  return { code, stdout };
}

function loaded(text: string) {
  const result = loadPolicy(text, 'policy.yaml');
  if (!result.ok) throw new Error('invalid policy');
  return result.policy;
}

describe('plan stays close to what is published', () => {
  it('after a 5% capacity cut, moves the least traffic any optimal split allows, far less than a plain re-solve', async () => {
    writeFileSync(join(dir, 'policy.yaml'), policy(4000));
    expect((await run(['apply', 'policy.yaml', '--auto-approve'])).code).toBe(0);
    const unchanged = JSON.parse((await run(['plan', 'policy.yaml', '--json'])).stdout) as PlanDocument;
    expect(unchanged.providers[0]!.counts).toEqual({ create: 0, update: 0, delete: 0 });

    writeFileSync(join(dir, 'policy.yaml'), policy(3800));
    const plan = JSON.parse((await run(['plan', 'policy.yaml', '--json'])).stdout) as PlanDocument;
    const movedByPlan = plan.providers[0]!.trafficMovedPercent / 100;

    // Independently: the least movement over the optimal face (HiGHS), from the split applied before.
    const at = Date.parse(AT);
    const before = solve(loaded(policy(4000)), at).services[0]!;
    const reference = new Map([
      [
        before.service,
        new Map(
          before.geographies.map((g) => [g.geo, new Map(Object.entries(g.shares).map(([id, s]) => [id, s / 100]))]),
        ),
      ],
    ]);
    const [input] = flowInputs(loaded(policy(3800)), at, { reference });
    const highs = await loadHighs();
    const { lp, scale } = splitProblemAsLp(input!);
    const exact = highs.solve(lp);
    const least = highs.solve(leastMovementLp(input!, input!.reference!, lp, exact as never)).ObjectiveValue / scale;
    // A plain re-solve, with no reference, for comparison.
    const { reference: _kept, ...withoutReference } = input!;
    const plain = solveFlow(withoutReference);
    let plainMoved = 0;
    for (let g = 0; g < input!.geoCount; g++)
      for (let e = 0; e < input!.endpointCount; e++)
        plainMoved +=
          input!.demand[g]! *
          Math.max(0, plain.shares[g * input!.endpointCount + e]! - input!.reference![g * input!.endpointCount + e]!);

    // The plan measures published weights (Route 53 rounds to 0-255): within that rounding of the least.
    expect(movedByPlan).toBeLessThanOrEqual(least + 0.005);
    expect(plainMoved).toBeGreaterThan(3 * Math.max(least, 0.001));
  }, 600_000);

  it('verify holds the records to the split plan publishes, not another equally good one', async () => {
    const fresh = mkdtempSync(join(dir, 'verify-'));
    const runIn = async (argv: readonly string[]) => {
      let stdout = '';
      const io: CliIo = {
        stdout: { write: (text: string) => (stdout += text), isTTY: false } as CliIo['stdout'],
        stderr: { write: () => true, isTTY: false },
        env: {},
        cwd: fresh,
        now: () => Date.parse(AT),
      };
      return { code: await main([...argv, '--state-dir', join(fresh, 'state'), '--at', AT], io), stdout };
    };
    writeFileSync(join(fresh, 'policy.yaml'), policy(4000));
    expect((await runIn(['apply', 'policy.yaml', '--auto-approve'])).code).toBe(0);
    writeFileSync(join(fresh, 'policy.yaml'), policy(3800));
    expect((await runIn(['apply', 'policy.yaml', '--auto-approve', '--force'])).code).toBe(0);
    const replan = JSON.parse((await runIn(['plan', 'policy.yaml', '--json'])).stdout) as PlanDocument;
    expect(replan.providers[0]!.counts).toEqual({ create: 0, update: 0, delete: 0 });
    // A tie: the plain solve picks another optimal split than the stable one published.
    const at = Date.parse(AT);
    const before = solve(loaded(policy(4000)), at).services[0]!;
    const reference = new Map([
      [
        before.service,
        new Map(
          before.geographies.map((g) => [g.geo, new Map(Object.entries(g.shares).map(([id, v]) => [id, v / 100]))]),
        ),
      ],
    ]);
    const shares = (split: typeof before) => JSON.stringify(split.geographies.map((g) => g.shares));
    const plain = solve(loaded(policy(3800)), at).services[0]!;
    const stable = solve(loaded(policy(3800)), at, { reference }).services[0]!;
    expect(shares(stable)).not.toBe(shares(plain));
    const verified = await runIn(['verify', 'policy.yaml']);
    expect(verified.code, verified.stdout).toBe(0);
    expect(verified.stdout).toMatch(/✓ r53: \d+ geographies answer as planned/);
  }, 600_000);
});
