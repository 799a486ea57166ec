import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { CliIo } from '../../src/io/io.js';
import type { PlanDocument } from '../../src/plan/types.js';
import type { Splits } from '../../src/solve/types.js';

// Every kind of shortfall at once: two overloaded endpoints (4,000 rps for 2,500 of capacity),
// a balance minimum nothing can meet, geographies beyond maxLatencyMs, the US left with one
// endpoint for minEndpoints 2, and Route 53 unable to answer AAAA for the US (its only endpoint
// has no IPv6 address).
const POLICY = `version: 1
providers:
  r53: { type: route53, zone: example.com, backend: mock }
endpoints:
  aws-use1: { cloud: aws, region: us-east-1, a: [192.0.2.1], capacity: 1000 }
  aws-fra: { cloud: aws, region: eu-central-1, aaaa: ['2001:db8::2'], capacity: 1000 }
  az-weu: { cloud: azure, region: westeurope, a: [192.0.2.3], aaaa: ['2001:db8::3'], capacity: 500 }
services: [{ name: www.example.com, endpoints: [aws-use1, aws-fra, az-weu], publish: [r53] }]
demand: { total: 4000 }
rules:
  geography: { maxLatencyMs: 100, minEndpoints: 2 }
  sovereignty:
    - { name: us-only, users: [US], allow: { regions: [us-east-1] } }
  balance:
    - { name: warm, min: { azure: 60 } }
`;

const dir = mkdtempSync(join(tmpdir(), 'trafficport-shortfalls-'));
const policy = join(dir, 'policy.yaml');
writeFileSync(policy, POLICY);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(argv: readonly string[], tty: boolean) {
  let stdout = '';
  const io: CliIo = {
    stdout: { write: (text: string) => (stdout += text), isTTY: tty, columns: 160 } as CliIo['stdout'],
    stderr: { write: () => true, isTTY: tty },
    env: {},
    cwd: dir,
    now: () => Date.parse('2026-12-01T00:00:00Z'),
  };
  const code = await main(argv, io);
  expect(code).toBe(0);
  return stdout;
}

const SPLIT_LINES = [
  /capacity: aws-fra carries [\d.]+ rps, [\d.]+ over its 1000/,
  /capacity: az-weu carries [\d.]+ rps, [\d.]+ over its 500/,
  /balance 'warm': azure at [\d.]+%, [\d.]+ points below its minimum of 60%/,
  /maxLatencyMs 100: \d+ geographies with users served beyond it \(/,
  /minEndpoints 2: 1 geography with fewer endpoints available \(US\)/,
];
const DEGRADATION = /r53 cannot express: no endpoint with AAAA values has a share in 'US'/;

describe('shortfalls in every output', () => {
  const splits = ['splits', 'policy.yaml', '--top', '2'];
  const plan = ['plan', 'policy.yaml', '--state-dir', join(dir, 'state')];

  it('splits, piped: every shortfall', async () => {
    const text = await run(splits, false);
    for (const line of SPLIT_LINES) expect(text).toMatch(line);
  });

  it('splits, on a terminal (ink): every shortfall the plain text prints', async () => {
    const text = await run(splits, true);
    expect(text).toMatch(/█/);
    for (const line of SPLIT_LINES) expect(text).toMatch(line);
  });

  it('splits --json: each shortfall with its figures', async () => {
    const json = JSON.parse(await run([...splits, '--json'], false)) as Splits;
    const kinds = json.services[0]!.shortfalls.map((s) => s.kind);
    expect(new Set(kinds)).toEqual(new Set(['capacity', 'balance', 'latency', 'spread']));
    expect(json.services[0]!.shortfalls).toContainEqual({
      kind: 'spread',
      geo: 'US',
      minEndpoints: 2,
      available: 1,
    });
  });

  it('plan, piped and on a terminal: the split shortfalls and the degradation in one list', async () => {
    for (const tty of [false, true]) {
      const text = await run(plan, tty);
      const section = text.slice(text.indexOf('shortfalls'));
      for (const line of [...SPLIT_LINES, DEGRADATION]) expect(section, `tty ${tty}`).toMatch(line);
      // One list: the degradation is not printed a second time under its provider.
      expect(text.match(/cannot express/g), `tty ${tty}`).toHaveLength(1);
    }
  });

  it('plan --json: one shortfalls list, degradations included, with services', async () => {
    const json = JSON.parse(await run([...plan, '--json'], false)) as PlanDocument;
    expect(new Set(json.shortfalls.map((s) => s.kind))).toEqual(
      new Set(['capacity', 'balance', 'latency', 'spread', 'degradation']),
    );
    expect(json.shortfalls).toContainEqual(
      expect.objectContaining({ kind: 'degradation', provider: 'r53', code: 'ROUTE53.TYPE_UNSERVED', geo: 'US' }),
    );
    expect(json.shortfalls).toContainEqual(
      expect.objectContaining({ kind: 'balance', rule: 'warm', cloud: 'azure', bound: 60, service: 'www.example.com' }),
    );
  });

  it('plan --markdown: the same list for pull-request comments', async () => {
    const text = await run([...plan, '--markdown'], false);
    const section = text.slice(text.indexOf('**Shortfalls:**'));
    for (const line of [...SPLIT_LINES, DEGRADATION]) expect(section).toMatch(new RegExp(`- ${line.source}`));
  });
});
