/**
 * What `validate` warns about, every command that solves says too, through the built CLI: one
 * line on stderr (file:line:column), and with --json an entry in the document's `warnings` (or in
 * the error envelope's, when the command then fails), never twice in one run. Before, plan, apply
 * and verify said nothing, while splits and explain printed it on stderr only.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, runBinary, withoutNodeNote } from '../support/binary.js';

const AT = '2026-12-01T00:00Z';
const POLICY = `version: 1
providers: { r53: { type: route53, zone: example.com, backend: mock } }
endpoints:
  aws-use1: { cloud: aws, region: us-east-1, a: [192.0.2.1] }
  az-eus: { cloud: azure, region: eastus, a: [192.0.2.2] }
  gcp-tyo: { cloud: gcp, region: asia-northeast1, a: [192.0.2.3] }
services:
  - { name: www.example.com, endpoints: [aws-use1, az-eus, gcp-tyo], publish: [r53] }
rules:
  balance:
    - { name: half, clouds: { aws: 50, azure: 50 }, tolerance: 10 }
`;
const CODE = 'POLICY.BALANCE_OMITS_CLOUD';
const LINE = /^warning POLICY\.BALANCE_OMITS_CLOUD policy\.yaml:11:\d+: balance rule 'half' holds gcp/;

let dir: string;
const run = async (...args: string[]) => {
  const result = await runBinary(args, { cwd: dir, env: { TRAFFICPORT_STATE_DIR: join(dir, 'state') } });
  return { ...result, stderr: withoutNodeNote(result.stderr) };
};
/** The stderr lines that carry the policy's warning. */
const warningLines = (stderr: string) => stderr.split('\n').filter((line) => line.includes(CODE));

beforeAll(() => {
  assertBuilt();
  dir = mkdtempSync(join(tmpdir(), 'tp-policy-warnings-'));
  writeFileSync(join(dir, 'policy.yaml'), POLICY);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the policy's own warnings", { timeout: 600_000 }, () => {
  it('validate finds the warning this file is about', async () => {
    const validated = await run('validate', 'policy.yaml', '--json');
    expect(validated.code).toBe(0);
    const doc = JSON.parse(validated.stdout) as { warnings: { code: string; location: { line: number } }[] };
    expect(doc.warnings.filter((w) => w.code === CODE).map((w) => w.location.line)).toEqual([11]);
  });

  it('plan, apply, verify, splits and explain say it once on stderr, and in --json `warnings`', async () => {
    const commands = [
      ['plan', 'policy.yaml', '--at', AT],
      ['apply', 'policy.yaml', '--at', AT, '--auto-approve'],
      ['verify', 'policy.yaml', '--at', AT],
      ['splits', 'policy.yaml', '--at', AT],
      ['explain', 'policy.yaml', '--geo', 'JP', '--at', AT],
    ];
    for (const args of commands) {
      const name = args[0]!;
      const text = await run(...args);
      expect(text.code, `${name}: ${text.stderr}`).toBe(0);
      expect(warningLines(text.stderr), name).toHaveLength(1);
      expect(warningLines(text.stderr)[0], name).toMatch(LINE);
      expect(text.stdout, name).not.toContain(CODE);

      const json = await run(...args, '--json');
      expect(json.code, `${name} --json: ${json.stderr}`).toBe(0);
      expect(warningLines(json.stderr), name).toHaveLength(1);
      const doc = JSON.parse(json.stdout) as { warnings?: { code: string; message: string; location?: object }[] };
      const found = (doc.warnings ?? []).filter((w) => w.code === CODE);
      expect(found, name).toHaveLength(1);
      expect(found[0]!.message, name).toMatch(/^balance rule 'half' holds gcp/);
      expect(found[0]!.location, name).toMatchObject({ file: 'policy.yaml', line: 11 });
    }
  });

  it('a run that fails after warning carries it in the error envelope', async () => {
    const failed = await run('explain', 'policy.yaml', '--geo', 'ZZ', '--at', AT, '--json');
    expect(failed.code).toBe(64);
    const envelope = JSON.parse(failed.stdout) as { error?: { code: string }; warnings?: { code: string }[] };
    expect(envelope.error?.code).toBe('USAGE.UNKNOWN_GEOGRAPHY');
    expect((envelope.warnings ?? []).map((w) => w.code)).toContain(CODE);
  });
});
