import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { GeographyExplanation } from '../../src/solve/explain.js';
import type { Splits } from '../../src/solve/types.js';
import { runCli } from '../support/run-cli.js';

const EU = 'examples/eu-sovereignty.yaml';
const DRAIN = 'examples/maintenance-drain.yaml';

describe('splits', () => {
  it('prints a split table with endpoints, clouds and the top geographies', async () => {
    const run = await runCli(['splits', EU, '--top', '3']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('splits at 2026-12-01T00:00:00Z');
    expect(run.stdout).toMatch(/aws-fra\s+aws\s+eu-central-1\s+active/);
    expect(run.stdout).toMatch(/clouds: aws \d/);
    expect(run.stdout).toContain('US United States');
    expect(run.stdout).toContain('more geographies');
  });

  it('gives versioned JSON whose every geography sums to 100', async () => {
    const run = await runCli(['splits', EU, '--json']);
    const plan = JSON.parse(run.stdout) as Splits;
    expect(plan.version).toBe(1);
    expect(plan.services[0]!.geographies.length).toBeGreaterThan(240);
    for (const geo of plan.services[0]!.geographies) {
      expect(Object.values(geo.shares).reduce((a, b) => a + b, 0)).toBeCloseTo(100, 6);
    }
  });

  it('--down moves all traffic off an endpoint and says so', async () => {
    const run = await runCli(['splits', EU, '--down', 'aws-fra', '--json']);
    const plan = JSON.parse(run.stdout) as Splits;
    const fra = plan.services[0]!.endpoints.find((e) => e.id === 'aws-fra')!;
    expect(fra.status).toBe('down');
    expect(fra.share).toBe(0);
    expect(plan.overrides.downEndpoints).toEqual(['aws-fra']);
  });

  it('--down-cloud that empties the EU fails naming the rule and the geography', async () => {
    const run = await runCli([
      'splits',
      EU,
      '--down-cloud',
      'aws',
      '--down-region',
      'westeurope',
      'germanywestcentral',
      'swedencentral',
    ]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('SOLVE.UNSERVABLE');
    expect(run.stderr).toMatch(/sovereignty rule 'gdpr' leaves geography AT \(Austria\) unservable/);
  });

  it('reads a health file and refuses an unknown endpoint in it with a suggestion', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tp-health-'));
    writeFileSync(join(dir, 'ok.yaml'), 'az-weu: down\naws-fra: up\n');
    writeFileSync(join(dir, 'bad.yaml'), 'az-wue: down\n');
    const ok = JSON.parse((await runCli(['splits', EU, '--health', join(dir, 'ok.yaml'), '--json'])).stdout) as Splits;
    expect(ok.services[0]!.endpoints.find((e) => e.id === 'az-weu')!.status).toBe('down');
    const bad = await runCli(['splits', EU, '--health', join(dir, 'bad.yaml')]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("unknown endpoint 'az-wue'");
    expect(bad.stderr).toContain("did you mean 'az-weu'?");
  });

  it('uses measured latency from a CSV over the distance model', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tp-latency-'));
    // Claim Germany is closest to the US endpoints: the split must follow the measurement.
    writeFileSync(join(dir, 'l.csv'), 'geography,endpoint,ms\nDE,aws-use1,1\nDE,az-eus2,2\n');
    const before = JSON.parse((await runCli(['explain', 'examples/quickstart.yaml', '--geo', 'DE', '--json'])).stdout);
    expect(before.services[0].geography.shares['aws-use1']).toBe(0);
    const args = ['explain', 'examples/quickstart.yaml', '--geo', 'DE', '--latency', join(dir, 'l.csv'), '--json'];
    const shares = JSON.parse((await runCli(args)).stdout).services[0].geography.shares;
    expect(shares['aws-use1']).toBe(50);
    expect(shares['az-eus2']).toBe(50);
  });

  it('rejects an unknown --down endpoint with a suggestion', async () => {
    const run = await runCli(['splits', EU, '--down', 'aws-frx']);
    expect(run.code).toBe(64);
    expect(run.stderr).toContain("did you mean 'aws-fra'?");
  });
});

describe('explain', () => {
  it('names the sovereignty rule that excluded each endpoint and the DNS caveats', async () => {
    const run = await runCli(['explain', EU, '--geo', 'DE']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('DE Germany');
    expect(run.stdout).toMatch(/aws-use1\s+0%.*excluded by sovereignty rule 'gdpr'/);
    // Switzerland is not in the EU: its endpoint is excluded for German users too.
    expect(run.stdout).toContain("sovereignty rule 'gdpr' excludes aws-zrh, aws-use1, az-eus");
    expect(run.stdout).toContain('what DNS cannot promise');
  });

  it('explains a drain during a maintenance window', async () => {
    const run = await runCli(['explain', DRAIN, '--geo', 'NL', '--at', '2026-12-06T03:00Z', '--json']);
    const [service] = JSON.parse(run.stdout).services;
    expect(service.geography.shares['az-weu']).toBe(0);
    expect(service.because).toContain("maintenance window 'weu-patch': az-weu drained (100% drained)");
  });

  it('names the balance rule that sends Japan to US East rather than nearer Singapore, with each bound', async () => {
    const run = await runCli(['explain', 'examples/multicloud-balance.yaml', '--geo', 'JP', '--json']);
    expect(run.code).toBe(0);
    const [x] = JSON.parse(run.stdout).services as GeographyExplanation[];
    const shares = x!.geography.shares;
    expect(shares['az-eus']).toBeGreaterThan(0);
    expect(shares['gcp-tyo']).toBeLessThan(50);
    expect(x!.geography.reasons).toContainEqual({
      kind: 'balance',
      rule: 'half-half',
      cloud: 'gcp',
      bound: 'max',
      endpoints: ['gcp-tyo'],
    });
    expect(x!.geography.reasons).toContainEqual(
      expect.objectContaining({ kind: 'balance', rule: 'half-half', cloud: 'azure', bound: 'min' }),
    );
    expect(x!.because.join('\n')).toContain(
      "balance rule 'half-half' keeps azure at its minimum of 40%, so this geography stays on azure rather than nearer",
    );
    const gcp = x!.endpoints.find((e) => e.endpoint === 'gcp-tyo')!;
    expect(gcp.notes.join('; ')).toContain(
      "balance rule 'half-half' holds gcp at its maximum of 10% (the rule's targets do not name gcp, so its target is 0% ± 10)",
    );
    // No row without a reason.
    for (const row of x!.endpoints) expect(row.notes.length, row.endpoint).toBeGreaterThan(0);
    // The plain text says the same.
    const text = await runCli(['explain', 'examples/multicloud-balance.yaml', '--geo', 'JP']);
    expect(text.stdout).toMatch(/gcp-tyo\s+[\d.]+%.*balance rule 'half-half' holds gcp at its maximum of 10%/);
  });

  it('says what DNS cannot promise for a sovereign geography: resolvers abroad and the default record', async () => {
    const [x] = JSON.parse((await runCli(['explain', EU, '--geo', 'DE', '--json'])).stdout)
      .services as GeographyExplanation[];
    expect(x!.caveats.join('\n')).toMatch(
      /behind a resolver abroad gets that country's answer, which rule 'gdpr' does not govern/,
    );
    // The default record happens to serve EU endpoints, but nothing holds it there.
    expect(x!.caveats.join('\n')).toMatch(
      /gets the default record's answer \(aws-fra, az-weu\), inside what rule 'gdpr' allows today only: no rule holds the default record, so add \* to the users of rule 'gdpr'/,
    );
  });

  it('suggests a geography on a typo', async () => {
    const run = await runCli(['explain', EU, '--geo', 'DX']);
    expect(run.code).toBe(64);
    expect(run.stderr).toContain("'DX' is not a geography");
  });
});

describe('timeline', () => {
  it('lists the drain start one TTL plus the ramp before the window, every step, and the restore', async () => {
    const run = await runCli(['timeline', DRAIN, '--from', '2026-12-06T00:00Z', '--to', '2026-12-06T06:00Z', '--json']);
    expect(run.code).toBe(0);
    const { services } = JSON.parse(run.stdout);
    const steps = services[0].steps as { at: string; events: { phase: string }[]; endpoints: Record<string, number> }[];
    // ttl 60s + ramp 20m before 02:00 = 01:39; four steps of 5 minutes; restore from 04:00.
    expect(steps.map((s) => s.at)).toEqual([
      '2026-12-06T00:00:00Z',
      '2026-12-06T01:39:00Z',
      '2026-12-06T01:44:00Z',
      '2026-12-06T01:49:00Z',
      '2026-12-06T01:54:00Z',
      '2026-12-06T04:00:00Z',
      '2026-12-06T04:05:00Z',
      '2026-12-06T04:10:00Z',
      '2026-12-06T04:15:00Z',
    ]);
    expect(steps[4]!.endpoints['az-weu']).toBe(0);
    const weu = steps.map((s) => s.endpoints['az-weu']!);
    for (let i = 1; i <= 4; i++) expect(weu[i]!).toBeLessThan(weu[i - 1]!);
    expect(weu[8]).toBe(weu[0]);
  });

  it('expands recurring windows in their time zone', async () => {
    const run = await runCli(['timeline', DRAIN, '--from', '2026-12-06T00:00Z', '--to', '2026-12-07T00:00Z', '--json']);
    const steps = JSON.parse(run.stdout).services[0].steps as { at: string; events: { window: string }[] }[];
    // Sunday 01:00 in Los Angeles is 09:00Z; drain starts 60s + 10m earlier.
    const weekly = steps.filter((s) => s.events.some((e) => e.window === 'usw2-weekly')).map((s) => s.at);
    expect(weekly[0]).toBe('2026-12-06T08:49:00Z');
    expect(weekly).toContain('2026-12-06T10:30:00Z');
  });

  it('refuses an interval that ends before it starts', async () => {
    const run = await runCli(['timeline', DRAIN, '--from', '2026-12-06T00:00Z', '--to', '2026-12-05T00:00Z']);
    expect(run.code).toBe(64);
    expect(run.stderr).toContain('--to must be later than --from');
  });
});
