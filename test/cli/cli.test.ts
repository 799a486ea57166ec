import { execFile, execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, BUNDLE_ENTRY } from '../support/binary.js';

/**
 * End-to-end: the built binary, run the way a user runs it, from a scratch working directory.
 * `npm test` builds first; when the bundle the binary runs is missing (e.g. `npx vitest` on a fresh
 * clone) it is built here once.
 */
const root = join(import.meta.dirname, '..', '..');
const bin = join(root, 'bin', 'trafficport.js');
const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching ANSI escapes is the point
const ANSI = /\u001b\[/;

let cwd: string;

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function run(args: readonly string[], options: { env?: Record<string, string>; dir?: string } = {}): Promise<Run> {
  const env: Record<string, string | undefined> = { ...process.env, ...options.env };
  for (const name of ['NO_COLOR', 'FORCE_COLOR', 'TRAFFICPORT_DEBUG']) {
    if (options.env?.[name] === undefined) delete env[name];
  }
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [bin, ...args],
      { cwd: options.dir ?? cwd, env, timeout: 20_000 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

beforeAll(() => {
  if (!existsSync(BUNDLE_ENTRY)) {
    try {
      execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'ignore' });
    } catch {
      // A failed build is reported by the check below, which says what to run.
    }
  }
  assertBuilt();
  cwd = mkdtempSync(join(tmpdir(), 'trafficport-cli-'));
  mkdirSync(join(cwd, 'examples'));
  copyFileSync(join(root, 'examples', 'quickstart.yaml'), join(cwd, 'examples', 'quickstart.yaml'));
  writeFileSync(
    join(cwd, 'bad.yaml'),
    [
      'version: 1',
      'providers:',
      '  r53: { type: route53, zone: example.com, backend: mock }',
      'endpoints:',
      '  aws-fra: { cloud: aws, region: eu-centrl-1, a: [203.0.113.20] }',
      'services:',
      '  - { name: www.example.com, endpoints: [aws-fra], publish: [r53] }',
      '',
    ].join('\n'),
  );
});

afterAll(() => {
  if (cwd !== undefined) rmSync(cwd, { recursive: true, force: true });
});

describe('trafficport (built binary)', () => {
  it('--version prints the package version', async () => {
    const result = await run(['--version']);
    expect(result).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
  });

  it('--help lists the commands and the exit-code table', async () => {
    const result = await run(['--help']);
    expect(result.code).toBe(0);
    for (const command of ['validate', 'schema', 'init', 'regions']) {
      expect(result.stdout).toMatch(new RegExp(`^  ${command} `, 'm'));
    }
    expect(result.stdout).toContain('Exit codes:');
    for (const code of ['0', '1', '2', '64']) expect(result.stdout).toMatch(new RegExp(`^  ${code} +\\S`, 'm'));
    expect(result.stdout).toMatch(/64 +usage error/);
  });

  it('validate examples/quickstart.yaml exits 0 with a ✓ line', async () => {
    const result = await run(['validate', 'examples/quickstart.yaml']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^✓ examples\/quickstart\.yaml is valid: \d+ provider\(s\), \d+ endpoint\(s\)/m);
  });

  it('an invalid policy exits 1 with file:line:col, the fix and a code frame on stderr', async () => {
    const result = await run(['validate', 'bad.yaml']);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('error POLICY.UNKNOWN_REGION bad.yaml:5:34\n');
    expect(result.stderr).toContain("  unknown region 'eu-centrl-1' for aws\n");
    expect(result.stderr).toContain('  at endpoints.aws-fra.region\n');
    expect(result.stderr).toContain('  5 |   aws-fra: { cloud: aws, region: eu-centrl-1, a: [203.0.113.20] }\n');
    expect(result.stderr).toContain(`    | ${' '.repeat(33)}^\n`);
    expect(result.stderr).toContain("  hint: did you mean 'eu-central-1'?\n");
    expect(result.stderr).toMatch(/✗ bad\.yaml: 1 error\n$/);
  });

  it('validate --json gives parseable JSON with valid:false and the errors', async () => {
    const result = await run(['validate', 'bad.yaml', '--json']);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('');
    const report = JSON.parse(result.stdout) as {
      valid: boolean;
      file: string;
      errors: unknown[];
      warnings: unknown[];
    };
    expect(report).toMatchObject({ version: 1, file: 'bad.yaml', valid: false, warnings: [] });
    expect(report.errors).toEqual([
      {
        severity: 'error',
        code: 'POLICY.UNKNOWN_REGION',
        message: "unknown region 'eu-centrl-1' for aws",
        path: 'endpoints.aws-fra.region',
        location: { file: 'bad.yaml', line: 5, column: 34 },
        hint: "did you mean 'eu-central-1'?",
      },
    ]);
  });

  it('validate --json on a valid policy reports valid:true and a summary', async () => {
    const result = await run(['validate', 'examples/quickstart.yaml', '--json']);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as { valid: boolean; errors: unknown[]; summary: { endpoints: number } };
    expect(report.valid).toBe(true);
    expect(report.errors).toEqual([]);
    expect(report.summary.endpoints).toBeGreaterThan(0);
  });

  it('validate on a missing file exits 1 with a clear message and hint, and no stack trace', async () => {
    const result = await run(['validate', 'missing.yaml']);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      "error INPUT.UNREADABLE cannot read policy 'missing.yaml': no such file\n" +
        '  hint: check the path, or run `trafficport init` to write a starter policy\n',
    );
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('validate --json on a missing file gives a JSON error envelope', async () => {
    const result = await run(['validate', 'missing.yaml', '--json']);
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toEqual({
      version: 1,
      error: {
        code: 'INPUT.UNREADABLE',
        message: "cannot read policy 'missing.yaml': no such file",
        hint: 'check the path, or run `trafficport init` to write a starter policy',
        location: { file: 'missing.yaml' },
      },
    });
  });

  it('an unknown command exits 64 with a suggestion', async () => {
    const result = await run(['valdate', 'bad.yaml']);
    expect(result.code).toBe(64);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain("unknown command 'valdate'");
    expect(result.stderr).toContain('Did you mean validate?');
  });

  it('an unknown option and a missing argument are usage errors (64) too', async () => {
    const option = await run(['validate', 'bad.yaml', '--jsn']);
    expect(option.code).toBe(64);
    expect(option.stderr).toContain("unknown option '--jsn'");
    const argument = await run(['validate']);
    expect(argument.code).toBe(64);
    expect(argument.stderr).toContain("missing required argument 'policy'");
  });

  it('init writes trafficport.yaml and trafficport.schema.json, and the result validates', async () => {
    const dir = mkdtempSync(join(cwd, 'init-'));
    const init = await run(['init'], { dir });
    expect(init.code).toBe(0);
    expect(init.stdout).toContain('wrote trafficport.yaml');
    expect(existsSync(join(dir, 'trafficport.yaml'))).toBe(true);
    const schema = JSON.parse(readFileSync(join(dir, 'trafficport.schema.json'), 'utf8')) as { $id: string };
    expect(schema.$id).toBe('https://trafficport.dev/schema/policy-v1.json');
    expect(readFileSync(join(dir, 'trafficport.yaml'), 'utf8')).toMatch(
      /^# yaml-language-server: \$schema=\.\/trafficport\.schema\.json\n/,
    );
    const validate = await run(['validate', 'trafficport.yaml'], { dir });
    expect(validate.code).toBe(0);
    expect(validate.stdout).toMatch(/^✓ trafficport\.yaml is valid/m);
  });

  it('init into a new directory creates it', async () => {
    const init = await run(['init', 'infra/traffic']);
    expect(init.code).toBe(0);
    expect(existsSync(join(cwd, 'infra', 'traffic', 'trafficport.yaml'))).toBe(true);
    expect(existsSync(join(cwd, 'infra', 'traffic', 'trafficport.schema.json'))).toBe(true);
  });

  it('init twice without --force exits 1 and leaves the file alone; --force overwrites', async () => {
    const dir = mkdtempSync(join(cwd, 'init-'));
    expect((await run(['init'], { dir })).code).toBe(0);
    const edited = '# my own policy\nversion: 1\n';
    writeFileSync(join(dir, 'trafficport.yaml'), edited);
    const again = await run(['init'], { dir });
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('INIT.EXISTS');
    expect(again.stderr).toContain('hint: pass --force to overwrite it');
    expect(readFileSync(join(dir, 'trafficport.yaml'), 'utf8')).toBe(edited);
    const forced = await run(['init', '--force'], { dir });
    expect(forced.code).toBe(0);
    expect(readFileSync(join(dir, 'trafficport.yaml'), 'utf8')).not.toBe(edited);
  });

  it('schema prints valid JSON Schema', async () => {
    const result = await run(['schema']);
    expect(result.code).toBe(0);
    const schema = JSON.parse(result.stdout) as { $schema: string; properties: Record<string, unknown> };
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(Object.keys(schema.properties)).toContain('endpoints');
  });

  it('regions aws --json lists us-east-1 with its country and jurisdictions', async () => {
    const result = await run(['regions', 'aws', '--json']);
    expect(result.code).toBe(0);
    const { regions } = JSON.parse(result.stdout) as { regions: { cloud: string; code: string; country: string }[] };
    expect(regions.find((r) => r.code === 'us-east-1')).toMatchObject({
      cloud: 'aws',
      country: 'US',
      jurisdictions: ['US'],
    });
    expect(regions.every((r) => r.cloud === 'aws')).toBe(true);
  });

  it('on Node 20 a Route 53 plan says once, in our words, what the AWS SDK dropping Node 20 means', async () => {
    const result = await run(['plan', 'examples/quickstart.yaml', '--json']);
    expect(result.code).toBe(0);
    expect(result.stderr).not.toContain('NodeVersionSupportWarning');
    const notes = result.stderr.match(/note: Node\.js \S+ reached end of life/g) ?? [];
    const major = Number(process.versions.node.split('.')[0]);
    expect(notes.length).toBe(major < 22 ? 1 : 0);
    if (major < 22) expect(result.stderr).toContain('upgrade to Node 22 or 24');
  });

  it('regions with an unknown cloud is a usage error (64) with a suggestion', async () => {
    const result = await run(['regions', 'azur']);
    expect(result.code).toBe(64);
    expect(result.stderr).toContain("unknown cloud 'azur'");
    expect(result.stderr).toContain("hint: did you mean 'azure'?");
  });

  it('NO_COLOR and --no-color give no ANSI escapes; FORCE_COLOR=1 gives some', async () => {
    const forced = await run(['validate', 'bad.yaml'], { env: { FORCE_COLOR: '1' } });
    expect(forced.stderr).toMatch(ANSI);
    const noColor = await run(['validate', 'bad.yaml'], { env: { FORCE_COLOR: '1', NO_COLOR: '1' } });
    expect(noColor.stderr).not.toMatch(ANSI);
    expect(noColor.stderr).toContain('error POLICY.UNKNOWN_REGION bad.yaml:5:34');
    const flag = await run(['validate', 'bad.yaml', '--no-color'], { env: { FORCE_COLOR: '1' } });
    expect(flag.stderr).not.toMatch(ANSI);
    const valid = await run(['validate', 'examples/quickstart.yaml', '--no-color'], { env: { FORCE_COLOR: '1' } });
    expect(valid.stdout).not.toMatch(ANSI);
    const forcedValid = await run(['validate', 'examples/quickstart.yaml'], { env: { FORCE_COLOR: '1' } });
    expect(forcedValid.stdout).toMatch(ANSI);
  });
});
