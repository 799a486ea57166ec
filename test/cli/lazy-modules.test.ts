import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningRoute53Mock, startRoute53Mock } from '../../src/providers/route53/mock/index.js';
import { assertBuilt, ROOT, runBinary, withoutNodeNote } from '../support/binary.js';
import { loadedSourceModules, moduleLogFlags } from '../support/module-log.js';

/**
 * Heavy code loads only on the paths that use it. A Route 53 plan whose requests leave the
 * process (to AWS, or here to a mock on loopback: the same code path) never loads the mock
 * backend's code; the same plan against the in-process mock does, which shows the check sees it.
 */

const AT = ['--at', '2026-12-01T00:00Z'];
const MOCK_CODE = /^dist\/providers\/route53\/mock\//;
let cwd: string;
let flags: string[];
let served: RunningRoute53Mock;

beforeAll(async () => {
  assertBuilt();
  cwd = mkdtempSync(join(tmpdir(), 'trafficport-lazy-'));
  copyFileSync(join(ROOT, 'examples', 'quickstart.yaml'), join(cwd, 'quickstart.yaml'));
  flags = moduleLogFlags(cwd);
  served = await startRoute53Mock();
});

afterAll(async () => {
  await served?.close();
  if (cwd !== undefined) rmSync(cwd, { recursive: true, force: true });
});

async function planModules(name: string, env: Record<string, string>): Promise<string[]> {
  const log = join(cwd, `${name}.log`);
  const args = ['plan', 'quickstart.yaml', ...AT, '--json', '--state-dir', join(cwd, `state-${name}`)];
  const run = await runBinary(args, { cwd, node: flags, env: { TP_MODULE_LOG: log, ...env } });
  expect(withoutNodeNote(run.stderr)).toBe('');
  expect(run.code).toBe(0);
  expect(JSON.parse(run.stdout).providers[0].counts.create).toBeGreaterThan(0);
  return loadedSourceModules(log);
}

describe('lazy loading', { timeout: 600_000 }, () => {
  it('a plan whose Route 53 requests leave the process never loads the mock backend', async () => {
    const [remote, inProcess] = await Promise.all([
      planModules('remote', { TRAFFICPORT_ROUTE53_ENDPOINT: served.url }),
      planModules('in-process', {}),
    ]);
    expect(remote).toContain('dist/providers/route53/sdk-client.js');
    expect(remote.filter((module) => MOCK_CODE.test(module))).toEqual([]);
    expect(inProcess.filter((module) => MOCK_CODE.test(module)).length).toBeGreaterThan(3);
  });
});
