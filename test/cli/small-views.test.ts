import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, ROOT, runBinary } from '../support/binary.js';

/* Small views a new user meets: each option honoured in every output mode, words that read right. */
const AT = ['--at', '2026-12-01T00:00Z'];
let cwd: string;
const run = (args: readonly string[]) => runBinary(args, { cwd });

beforeAll(() => {
  assertBuilt();
  cwd = mkdtempSync(join(tmpdir(), 'trafficport-views-'));
  copyFileSync(join(ROOT, 'examples', 'quickstart.yaml'), join(cwd, 'quickstart.yaml'));
  copyFileSync(join(ROOT, 'examples', 'eu-sovereignty.yaml'), join(cwd, 'eu.yaml'));
});
afterAll(() => {
  if (cwd !== undefined) rmSync(cwd, { recursive: true, force: true });
});

describe('small views (built binary)', () => {
  it('splits --geo narrows --json as it narrows the table', async () => {
    const all = JSON.parse((await run(['splits', 'quickstart.yaml', ...AT, '--json'])).stdout);
    const some = JSON.parse((await run(['splits', 'quickstart.yaml', ...AT, '--geo', 'FR', 'DE', '--json'])).stdout);
    for (const [i, service] of some.services.entries()) {
      const geos = service.geographies.map((g: { geo: string }) => g.geo);
      expect(geos.sort()).toEqual(['DE', 'FR']);
      const full = all.services[i].geographies.filter((g: { geo: string }) => ['DE', 'FR'].includes(g.geo));
      expect(service.geographies).toEqual(full);
    }
    const table = await run(['splits', 'quickstart.yaml', ...AT, '--geo', 'FR', 'DE']);
    expect(table.stdout).toMatch(/^ {2}DE Germany/m);
    expect(table.stdout).not.toMatch(/^ {2}US /m);
  });

  it('plan summarizes each service in the provider’s terms: no part larger than the whole', async () => {
    const plan = await run(['plan', 'eu.yaml', ...AT, '--state-dir', join(cwd, 'eu-state')]);
    expect(plan.code, plan.stderr).toBe(0);
    const route53 =
      /api\.example\.eu: (\d+) records — (\d+) geolocation records for (\d+) geographies, \d+ weighted groups/.exec(
        plan.stdout,
      );
    expect(route53, plan.stdout).not.toBeNull();
    expect(Number(route53![2])).toBeLessThanOrEqual(Number(route53![1]));
    expect(plan.stdout).toMatch(
      /api\.example\.eu: \d+ record sets and Traffic Manager endpoints — \d+ geography codes mapped for \d+ geographies, \d+ weighted profiles; \d+ Traffic Manager profiles \(1 its own\)/,
    );
    expect(plan.stdout).not.toMatch(/geography records/);
  });
});
