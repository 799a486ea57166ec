import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { CliIo } from '../../src/io/io.js';
import { ROOT } from '../support/binary.js';

/*
 * Every flag value the CLI cannot act on is a usage error: exit 64, the flag named, a hint, and
 * nothing done first. The io below has a terminal that would say "yes": if a command asked, the
 * test would see the question; if it started work, the state directory would exist.
 */

let cwd: string;
beforeEach(() => {
  cwd = mkdtempSync(join(tmpdir(), 'tp-usage-'));
  copyFileSync(join(ROOT, 'examples', 'quickstart.yaml'), join(cwd, 'policy.yaml'));
});
afterEach(() => rmSync(cwd, { recursive: true, force: true }));

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly asked: readonly string[];
}

async function run(argv: readonly string[]): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const asked: string[] = [];
  const io: CliIo = {
    stdout: { write: (text: string) => (stdout += text), isTTY: false },
    stderr: { write: (text: string) => (stderr += text), isTTY: false },
    env: {},
    cwd,
    now: () => Date.parse('2026-12-01T00:00:00Z'),
    confirm: async (question) => {
      asked.push(question);
      return true;
    },
  };
  const code = await main(argv, io);
  return { code, stdout, stderr, asked };
}

const P = 'policy.yaml';

/** Malformed values, caught while the command line is parsed: no file is read. */
const PARSE_TIME: readonly [string, readonly string[], string][] = [
  ['--step-wait', ['apply', P, '--step-wait', 'banana'], 'write it like 90s, 20m or 1h30m'],
  ['--max-shift', ['apply', P, '--max-shift', 'abc'], 'more than 0 and at most 100'],
  ['--max-shift', ['apply', P, '--max-shift', '0'], 'more than 0 and at most 100'],
  ['--max-shift', ['apply', P, '--max-shift', '101%'], 'more than 0 and at most 100'],
  ['--max-record-delete', ['plan', P, '--max-record-delete', '150'], 'from 0 to 100'],
  ['--max-traffic-move', ['apply', P, '--max-traffic-move', 'lots'], 'from 0 to 100'],
  ['--top', ['splits', P, '--top', 'abc'], 'whole number of 1 or more'],
  ['--top', ['splits', P, '--top', '0'], 'whole number of 1 or more'],
  ['--route53-port', ['mock', 'serve', '--route53-port', 'abc'], 'from 1 to 65535'],
  ['--azure-port', ['mock', 'serve', '--azure-port', '70000'], 'from 1 to 65535'],
  ['--at', ['plan', P, '--at', 'yesterday'], 'ISO 8601 time with a zone'],
  ['--at', ['apply', P, '--at', '2026-12-06T02:00'], 'ISO 8601 time with a zone'],
  ['--at', ['splits', P, '--at', 'soon'], 'ISO 8601 time with a zone'],
  ['--at', ['explain', P, '--geo', 'DE', '--at', 'soon'], 'ISO 8601 time with a zone'],
  ['--at', ['report', P, '--html', 'r.html', '--at', 'soon'], 'ISO 8601 time with a zone'],
  ['--at', ['verify', P, '--at', 'soon'], 'ISO 8601 time with a zone'],
  ['--from', ['timeline', P, '--from', 'dawn'], 'ISO 8601 time with a zone'],
  ['--to', ['timeline', P, '--to', 'dusk'], 'ISO 8601 time with a zone'],
  ['--all', ['splits', P, '--top', '3', '--all'], '`trafficport splits --help`'],
  ['--at', ['apply', '--resume', P, '--at', '+1h'], '`trafficport apply --help`'],
  ['--max-shift', ['apply', '--resume', P, '--max-shift', '10'], '`trafficport apply --help`'],
  ['--watch', ['apply', '--resume', P, '--watch', '--auto-approve'], '`trafficport apply --help`'],
  ['--color-by', ['report', P, '--html', 'r.html', '--color-by', 'region'], '`trafficport report --help`'],
  ['shell', ['completion', 'tcsh'], '`trafficport completion --help`'],
  ['--geo', ['explain', P], '`trafficport explain --help`'],
  ['--bogus', ['plan', P, '--bogus'], '`trafficport plan --help`'],
];

/** Values that need the policy to judge: refused after it is read, before a provider is called. */
const POLICY_TIME: readonly [string, readonly string[], string][] = [
  ['--step-wait', ['apply', P, '--step-wait', '10s'], 'use at least 60s, or --force'],
  ['--provider', ['plan', P, '--provider', 'r54'], "did you mean 'r53'?"],
  ['--provider', ['apply', P, '--provider', 'route53'], 'known: r53'],
  ['--down', ['plan', P, '--down', 'aws-fre'], "did you mean 'aws-fra'?"],
  ['--down-region', ['apply', P, '--down-region', 'us-east-9'], "did you mean 'us-east-1'?"],
  ['--down-cloud', ['splits', P, '--down-cloud', 'gcp'], 'known: aws, azure'],
  ['--service', ['splits', P, '--service', 'shop.example.org'], "did you mean 'shop.example.com'?"],
  ['--geo', ['splits', P, '--geo', 'XX'], "did you mean 'AX'?"],
  ['--geo', ['explain', P, '--geo', 'DX'], 'did you mean'],
  ['--to', ['timeline', P, '--from', '2026-12-06T00:00Z', '--to', '2026-12-05T00:00Z'], ''],
  ['--watch', ['apply', P, '--watch'], '--auto-approve'],
  ['cloud', ['regions', 'azur'], "did you mean 'azure'?"],
];

describe('usage errors exit 64 with the flag named and a hint, before any work or question', () => {
  it.each(PARSE_TIME)('%s: %j (found while parsing)', async (flag, argv, hint) => {
    const result = await run(argv);
    expect(result.code, result.stderr).toBe(64);
    expect(result.stderr).toContain(flag);
    expect(result.stderr).toContain('hint:');
    expect(result.stderr).toContain(hint);
    expect(result.stdout).toBe('');
    expect(result.asked).toEqual([]);
    expect(existsSync(join(cwd, '.trafficport')), 'no state written').toBe(false);
  });

  it.each(POLICY_TIME)('%s: %j (found against the policy)', async (flag, argv, hint) => {
    const result = await run(argv);
    expect(result.code, result.stderr).toBe(64);
    expect(result.stderr).toMatch(/^error USAGE\.[A-Z_]+ /m);
    expect(result.stderr).toContain(flag);
    expect(result.stderr).toContain(hint);
    expect(result.asked).toEqual([]);
    expect(existsSync(join(cwd, '.trafficport', 'journal')), 'no journal written').toBe(false);
  });

  it('--json turns a parse-time usage error into the JSON error envelope on stdout', async () => {
    const result = await run(['apply', P, '--step-wait', 'banana', '--json']);
    expect(result.code).toBe(64);
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toEqual({
      version: 1,
      error: {
        code: 'USAGE.INVALID_ARGUMENT',
        message: "option '--step-wait <duration>' argument 'banana' is invalid. It is not a duration.",
        hint: 'write it like 90s, 20m or 1h30m; `trafficport apply --help` lists the arguments and options',
      },
    });
  });

  it('--markdown and --json conflict: one output format per run', async () => {
    const result = await run(['plan', P, '--markdown', '--json']);
    expect(result.code).toBe(64);
    expect(JSON.parse(result.stdout).error).toEqual({
      code: 'USAGE.CONFLICTING_OPTION',
      message: "option '--markdown' cannot be used with option '--json'",
      hint: '`trafficport plan --help` lists the arguments and options',
    });
  });

  it('good values of the same flags pass the checks (the table above is not refusing everything)', async () => {
    for (const argv of [
      ['splits', P, '--top', '3', '--at', '+2h'],
      ['timeline', P, '--from', '2026-12-01T00:00Z', '--to', '+30d'],
      ['plan', P, '--max-record-delete', '100%', '--max-traffic-move', '0', '--at', 'now'],
      ['apply', P, '--max-shift', '12.5', '--step-wait', '1m30s', '--auto-approve'],
    ]) {
      const result = await run(argv);
      expect(result.code, `${argv.join(' ')}\n${result.stderr}`).toBe(0);
    }
  });
});

describe('apply --resume', () => {
  it('with nothing to resume says so and exits 0 (a pipeline can run it before every apply)', async () => {
    const result = await run(['apply', '--resume', P]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe('Nothing to resume: no apply was interrupted.\n');
    const json = await run(['apply', '--resume', P, '--json']);
    expect(JSON.parse(json.stdout)).toEqual({ version: 1, status: 'nothing to resume', providers: [] });
  });
});
