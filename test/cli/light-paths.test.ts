import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
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

describe('the module set of light paths', { timeout: 60_000 }, () => {
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
});
