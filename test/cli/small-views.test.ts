import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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

  it('the report keeps endpoints in one city apart, and rings a down endpoint so it shows', async () => {
    // A second endpoint in us-east-1: the same city as aws-use1.
    const text = readFileSync(join(cwd, 'quickstart.yaml'), 'utf8').replace(
      '  aws-fra:',
      '  aws-use1b: { cloud: aws, region: us-east-1, a: [203.0.113.11], capacity: 2000 }\n  aws-fra:',
    );
    writeFileSync(join(cwd, 'twin.yaml'), text.replace('endpoints: [aws-use1,', 'endpoints: [aws-use1, aws-use1b,'));
    const report = await run(['report', 'twin.yaml', ...AT, '--html', 'twin.html', '--down', 'aws-fra']);
    expect(report.code, report.stderr).toBe(0);
    const html = readFileSync(join(cwd, 'twin.html'), 'utf8');
    const dot = (id: string) => {
      const group = new RegExp(`<g class="endpoint" data-endpoint="${id}"[^>]*>(.*?)</g>`).exec(html)?.[1] ?? '';
      const circles = [...group.matchAll(/<circle( class="[^"]*")? cx="([\d.-]+)" cy="([\d.-]+)" r="([\d.]+)"/g)];
      const own = circles.find((c) => c[1] === undefined)!;
      return { x: Number(own[2]), y: Number(own[3]), r: Number(own[4]), group };
    };
    const [a, b] = [dot('aws-use1'), dot('aws-use1b')];
    // Apart by more than a dot's diameter: neither hides the other.
    expect(Math.hypot(a.x - b.x, a.y - b.y)).toBeGreaterThanOrEqual(2 * a.r);
    const down = dot('aws-fra').group;
    expect(down).toMatch(/<circle class="halo"[^>]*stroke="#fff"[^>]*\/><circle class="ring" /);
    expect(dot('aws-use1').group).not.toContain('ring');
  });
});
