import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, ROOT, runBinary, withoutNodeNote } from '../support/binary.js';
import { loadedSourceModules, moduleLogFlags } from '../support/module-log.js';

/**
 * The module set of the light paths (issue 18, start-up): what each command loads, asserted on the
 * modules themselves, not on time. `--version` loads nothing of the bundle; commands that do not
 * talk to a provider (validate, splits, explain, timeline, report) load no cloud SDK and no mock
 * backend; a `--json` run loads no terminal UI.
 * Each forbidden family is also shown to be seen when it does load (the last test), so an empty
 * match cannot come from a pattern that matches nothing.
 */

const FAMILIES = {
  'AWS SDK': /^node_modules\/@(aws-sdk|smithy)\//,
  'Azure SDK': /^node_modules\/@azure\//,
  'mock backends': /^dist\/providers\/(mock\/|mock-|[^/]+\/mock\/)/,
  'terminal UI (ink, React)':
    /^node_modules\/(ink|react|react-reconciler|yoga-layout)\/|^dist\/ui\/ink\/(?!terminal\.js$)/,
  solver: /^dist\/solve\//,
  'policy schema (zod)': /^node_modules\/zod\//,
  'YAML parser': /^node_modules\/yaml\//,
} as const;
type Family = keyof typeof FAMILIES;

let cwd: string;
let flags: string[];
let runs = 0;

beforeAll(() => {
  assertBuilt();
  cwd = mkdtempSync(join(tmpdir(), 'trafficport-light-'));
  copyFileSync(join(ROOT, 'examples', 'quickstart.yaml'), join(cwd, 'quickstart.yaml'));
  flags = moduleLogFlags(cwd);
});

afterAll(() => {
  if (cwd !== undefined) rmSync(cwd, { recursive: true, force: true });
});

/** Runs the binary with the module log on; returns its output and the source modules it loaded. */
async function loaded(args: readonly string[]): Promise<{ stdout: string; modules: string[] }> {
  const log = join(cwd, `run-${++runs}.log`);
  const run = await runBinary(args, {
    cwd,
    node: flags,
    env: { TP_MODULE_LOG: log, TRAFFICPORT_STATE_DIR: join(cwd, 'state') },
  });
  expect(withoutNodeNote(run.stderr)).toBe('');
  expect(run.code).toBe(0);
  return { stdout: run.stdout, modules: loadedSourceModules(log) };
}

function familiesIn(modules: readonly string[]): Family[] {
  return (Object.keys(FAMILIES) as Family[]).filter((family) => modules.some((m) => FAMILIES[family].test(m)));
}

describe('the module set of light paths', { timeout: 600_000 }, () => {
  it('--version loads no module of the bundle', async () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    const run = await loaded(['--version']);
    expect(run.stdout).toBe(`${version}\n`);
    expect(run.modules).toEqual([]);
  });

  it('--help loads the command tree and nothing a command needs', async () => {
    const run = await loaded(['--help']);
    expect(run.modules).toContain('dist/cli/program.js');
    expect(familiesIn(run.modules)).toEqual([]);
  });

  it('validate loads the policy loader and no SDK, mock, solver or terminal UI', async () => {
    const run = await loaded(['validate', 'quickstart.yaml', '--json']);
    expect(JSON.parse(run.stdout).valid).toBe(true);
    expect(run.modules).toContain('dist/commands/validate.js');
    expect(familiesIn(run.modules)).toEqual(['policy schema (zod)', 'YAML parser']);
  });

  it.each([
    ['splits', ['--json']],
    ['explain', ['--geo', 'DE', '--json']],
    ['timeline', ['--json']],
    ['report', ['--html', 'report.html']],
  ])('%s solves without loading a cloud SDK, a mock or the terminal UI', async (command, rest) => {
    const run = await loaded([command, 'quickstart.yaml', '--at', '2026-12-01T00:00Z', ...rest]);
    expect(familiesIn(run.modules)).toEqual(['solver', 'policy schema (zod)', 'YAML parser']);
  });

  it('plan --json on the quick start (Route 53, in-process mock) loads no Azure SDK and no terminal UI', async () => {
    const run = await loaded(['plan', 'quickstart.yaml', '--at', '2026-12-01T00:00Z', '--json']);
    expect(JSON.parse(run.stdout).providers[0].counts.create).toBeGreaterThan(0);
    expect(familiesIn(run.modules)).toEqual([
      'AWS SDK',
      'mock backends',
      'solver',
      'policy schema (zod)',
      'YAML parser',
    ]);
  });

  it("plan against the in-process mock reads none of the user's AWS configuration files", async () => {
    // The SDK reads ~/.aws/config and ~/.aws/credentials (here: AWS_CONFIG_FILE and
    // AWS_SHARED_CREDENTIALS_FILE) for settings left unset; a mock's client sets them all
    // (MOCK_CLIENT_CONFIG), so neither file is opened. A preload records every file read by name.
    const aws = awsFiles('plan');
    const run = await runBinary(['plan', 'quickstart.yaml', '--at', '2026-12-01T00:00Z', '--json'], {
      cwd,
      node: ['-r', aws.spy],
      env: { ...aws.env, TRAFFICPORT_STATE_DIR: join(cwd, 'state') },
    });
    expect(withoutNodeNote(run.stderr)).toBe('');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).providers[0].counts.create).toBeGreaterThan(0);
    expect(aws.reads()).toEqual([]);
  });

  it("the read recorder sees the SDK's own loader read both files (so an empty record means something)", () => {
    const aws = awsFiles('control');
    const load = "import { loadSharedConfigFiles } from '@smithy/core/config'; await loadSharedConfigFiles();";
    execFileSync(process.execPath, ['-r', aws.spy, '--input-type=module', '-e', load], {
      cwd: ROOT,
      env: { ...process.env, ...aws.env },
    });
    expect(aws.reads().sort()).toEqual([aws.env.AWS_CONFIG_FILE, aws.env.AWS_SHARED_CREDENTIALS_FILE].sort());
  });
});

/**
 * An AWS config and credentials file of their own (what a user's ~/.aws holds, FIPS on), and a
 * preload that records each read of either file (fs and fs/promises, by path) to a log.
 */
function awsFiles(name: string) {
  const config = join(cwd, `${name}-aws-config`);
  const credentials = join(cwd, `${name}-aws-credentials`);
  const log = join(cwd, `${name}-aws-reads.log`);
  writeFileSync(config, '[default]\nregion = eu-west-1\nuse_fips_endpoint = true\n');
  writeFileSync(credentials, '[default]\naws_access_key_id = AKIDUSER\naws_secret_access_key = user-secret\n');
  const spy = join(cwd, `${name}-aws-spy.cjs`);
  writeFileSync(
    spy,
    [
      "const fs = require('node:fs');",
      "const fsp = require('node:fs/promises');",
      `const watched = new Set([${JSON.stringify(config)}, ${JSON.stringify(credentials)}]);`,
      `const note = (path) => { if (watched.has(String(path))) fs.appendFileSync(${JSON.stringify(log)}, String(path) + '\\n'); };`,
      'for (const [target, names] of [[fs, ["readFile", "readFileSync", "open", "openSync", "createReadStream"]], [fsp, ["readFile", "open"]]]) {',
      '  for (const name of names) {',
      '    const original = target[name];',
      '    target[name] = function (path, ...rest) { note(path); return original.call(this, path, ...rest); };',
      '  }',
      '}',
      "require('node:module').syncBuiltinESMExports();",
    ].join('\n'),
  );
  return {
    spy,
    env: { AWS_CONFIG_FILE: config, AWS_SHARED_CREDENTIALS_FILE: credentials, AWS_PROFILE: 'default' },
    reads: () =>
      existsSync(log)
        ? readFileSync(log, 'utf8')
            .split('\n')
            .filter((line) => line !== '')
        : [],
  };
}
