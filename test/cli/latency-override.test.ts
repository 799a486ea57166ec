/**
 * `--latency FILE` beside a policy that names its own `rules.geography.latencyFile`: the flag wins
 * (a what-if, or fresher measurements than the policy names) and the run says so, once, naming
 * both files: a line on stderr, and with --json a `warnings` entry in the document (in the error
 * envelope too, when the run then fails). The same file
 * given both ways, or no flag, says nothing. Through the built CLI.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, ROOT, runBinary, withoutNodeNote } from '../support/binary.js';

const AT = '2026-12-01T00:00Z';
let dir: string;
const run = async (...args: string[]) => {
  const result = await runBinary([...args, '--at', AT], { cwd: dir });
  return { ...result, stderr: withoutNodeNote(result.stderr) };
};
const MESSAGE = "--latency fresh.csv is used instead of the policy's latencyFile measured.csv";
const WARNING = `warning LATENCY.OVERRIDDEN: ${MESSAGE}\n`;

beforeAll(() => {
  assertBuilt();
  dir = mkdtempSync(join(tmpdir(), 'tp-latency-override-'));
  const quickstart = readFileSync(join(ROOT, 'examples', 'quickstart.yaml'), 'utf8');
  const geography = 'geography: { prefer: nearest, maxLatencyMs: 150, minEndpoints: 2 }';
  expect(quickstart).toContain(geography);
  const withFile = (file: string) => quickstart.replace(geography, geography.replace(' }', `, latencyFile: ${file} }`));
  writeFileSync(join(dir, 'policy.yaml'), withFile('measured.csv'));
  // The same policy naming the flag's file: what the flag must give, computed without the flag.
  writeFileSync(join(dir, 'policy-fresh.yaml'), withFile('fresh.csv'));
  // German users measured close to Frankfurt in one file and to Ashburn in the other.
  writeFileSync(join(dir, 'measured.csv'), 'geography,endpoint,ms\nDE,aws-fra,5\nDE,az-weu,8\nDE,aws-use1,140\n');
  writeFileSync(join(dir, 'fresh.csv'), 'geography,endpoint,ms\nDE,aws-fra,149\nDE,az-weu,149\nDE,aws-use1,3\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface SplitsJson {
  services: { geographies: { geo: string; shares: Record<string, number> }[] }[];
  warnings?: { code: string; message: string }[];
}
const germany = (splits: SplitsJson) => splits.services[0]!.geographies.find((g) => g.geo === 'DE')!.shares;

describe('--latency beside the policy latencyFile', { timeout: 600_000 }, () => {
  it('the flag wins, and splits --json says so on stderr and in `warnings`', async () => {
    const flagged = await run('splits', 'policy.yaml', '--latency', 'fresh.csv', '--json');
    expect(flagged.code, flagged.stderr).toBe(0);
    expect(flagged.stderr).toBe(WARNING);
    const doc = JSON.parse(flagged.stdout) as SplitsJson;
    expect(doc.warnings).toEqual([{ code: 'LATENCY.OVERRIDDEN', message: MESSAGE }]);
    const fresh = JSON.parse((await run('splits', 'policy-fresh.yaml', '--json')).stdout) as SplitsJson;
    const measured = JSON.parse((await run('splits', 'policy.yaml', '--json')).stdout) as SplitsJson;
    expect(germany(doc)).toEqual(germany(fresh));
    // The two files give German users different splits, so the equality above shows which was read.
    expect(germany(fresh)).not.toEqual(germany(measured));
    expect(measured.warnings).toBeUndefined();
  });

  it('plan names the file in the plan and warns; text output gets the stderr line only', async () => {
    const planned = await run('plan', 'policy.yaml', '--latency', 'fresh.csv', '--json');
    expect(planned.code, planned.stderr).toBe(0);
    expect(planned.stderr).toBe(WARNING);
    const plan = JSON.parse(planned.stdout) as { latency: { file: string }; warnings: { code: string }[] };
    expect(plan.latency.file).toBe('fresh.csv');
    expect(plan.warnings.map((w) => w.code)).toEqual(['LATENCY.OVERRIDDEN']);
    const text = await run('splits', 'policy.yaml', '--latency', 'fresh.csv');
    expect(text.code).toBe(0);
    expect(text.stderr).toBe(WARNING);
    expect(text.stdout).not.toContain('LATENCY.OVERRIDDEN');
  });

  it('a --json run that fails after warning carries the warnings in its error envelope', async () => {
    const failed = await run('explain', 'policy.yaml', '--latency', 'fresh.csv', '--geo', 'ZZ', '--json');
    expect(failed.code).toBe(64);
    expect(failed.stderr).toBe(WARNING);
    const envelope = JSON.parse(failed.stdout) as { version: number; error: { code: string }; warnings?: unknown };
    expect(envelope.version).toBe(1);
    expect(envelope.error.code).toBe('USAGE.UNKNOWN_GEOGRAPHY');
    expect(envelope.warnings).toEqual([{ code: 'LATENCY.OVERRIDDEN', message: MESSAGE }]);
    // Without a warning the envelope has no `warnings`, as a result has none.
    const plain = await run('explain', 'policy.yaml', '--geo', 'ZZ', '--json');
    expect(plain.code).toBe(64);
    expect(Object.keys(JSON.parse(plain.stdout) as object)).toEqual(['version', 'error']);
  });

  it('says nothing when the flag names the policy file itself, or is not given', async () => {
    for (const args of [['--latency', 'measured.csv'], ['--latency', `./measured.csv`], []]) {
      const quiet = await run('splits', 'policy.yaml', ...args, '--json');
      expect(quiet.code).toBe(0);
      expect(quiet.stderr, args.join(' ')).toBe('');
      expect((JSON.parse(quiet.stdout) as SplitsJson).warnings).toBeUndefined();
    }
  });
});
