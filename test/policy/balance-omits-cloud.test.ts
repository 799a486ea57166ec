import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadPolicy } from '../../src/policy/load.js';
import { solve } from '../../src/solve/solve.js';
import { runCli } from '../support/run-cli.js';

function policyText(balance: string, services = '[aws-use1, az-eus, gcp-tyo]'): string {
  return `version: 1
providers: { r53: { type: route53, zone: example.com, backend: mock } }
endpoints:
  aws-use1: { cloud: aws, region: us-east-1, a: [192.0.2.1] }
  az-eus: { cloud: azure, region: eastus, a: [192.0.2.2] }
  gcp-tyo: { cloud: gcp, region: asia-northeast1, a: [192.0.2.3] }
services:
  - { name: www.example.com, endpoints: ${services}, publish: [r53] }
  - { name: api.example.com, endpoints: [aws-use1, az-eus], publish: [r53] }
rules:
  balance:
    - ${balance}
`;
}

function warnings(text: string) {
  const loaded = loadPolicy(text, 'policy.yaml');
  if (!loaded.ok) throw new Error(loaded.diagnostics.map((d) => d.message).join('; '));
  return loaded.warnings.filter((w) => w.code === 'POLICY.BALANCE_OMITS_CLOUD');
}

describe('a balance rule that leaves out a cloud the service runs in', () => {
  it('warns that its targets pin the cloud near zero, naming the cloud, its endpoints and the fix', () => {
    const found = warnings(policyText('{ name: half, clouds: { aws: 50, azure: 50 }, tolerance: 10 }'));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      severity: 'warning',
      path: 'rules.balance[0].clouds',
      message:
        "balance rule 'half' holds gcp to at most 10% of www.example.com: its targets do not name gcp, which runs gcp-tyo, so gcp's target is 0% ± 10",
      location: { file: 'policy.yaml', line: 12 },
    });
    expect(found[0]!.hint).toMatch(/give gcp its target .* or bound only some clouds with min\/max/);
  });

  it('and the solver does what the rule says: gcp stays within 0–10% although Japan is nearest to it', () => {
    const loaded = loadPolicy(policyText('{ name: half, clouds: { aws: 50, azure: 50 }, tolerance: 10 }'), 'p.yaml');
    if (!loaded.ok) throw new Error('invalid');
    const www = solve(loaded.policy, Date.parse('2026-12-01T00:00Z')).services[0]!;
    expect(www.clouds.gcp).toBeLessThanOrEqual(10 + 1e-6);
  });

  it('does not warn when every cloud is named, when only min/max bound clouds, or where the cloud does not run', () => {
    expect(warnings(policyText('{ clouds: { aws: 45, azure: 45, gcp: 10 } }'))).toEqual([]);
    expect(warnings(policyText('{ min: { aws: 40, azure: 40 } }'))).toEqual([]);
    expect(warnings(policyText('{ services: [api.example.com], clouds: { aws: 50, azure: 50 } }'))).toEqual([]);
  });
});

describe('the warning on the command line', () => {
  const dir = mkdtempSync(join(tmpdir(), 'trafficport-balance-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'policy.yaml');
  writeFileSync(file, policyText('{ name: half, clouds: { aws: 50, azure: 50 }, tolerance: 10 }'));

  it('validate prints it (and --json lists it) while the policy stays valid', async () => {
    const text = await runCli(['validate', file]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('warning POLICY.BALANCE_OMITS_CLOUD');
    const json = JSON.parse((await runCli(['validate', file, '--json'])).stdout);
    expect(json.valid).toBe(true);
    expect(json.warnings.map((w: { code: string }) => w.code)).toContain('POLICY.BALANCE_OMITS_CLOUD');
  });

  it('splits and explain pass it on, on stderr, in every output mode', async () => {
    for (const argv of [
      ['splits', file],
      ['splits', file, '--json'],
      ['explain', file, '--geo', 'JP'],
      ['explain', file, '--geo', 'JP', '--json'],
    ]) {
      const run = await runCli(argv);
      expect(run.code, argv.join(' ')).toBe(0);
      expect(run.stderr, argv.join(' ')).toMatch(
        /warning POLICY\.BALANCE_OMITS_CLOUD .*policy\.yaml:12:\d+: balance rule 'half' holds gcp/,
      );
    }
  });
});
