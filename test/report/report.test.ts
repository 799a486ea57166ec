import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cloudColor } from '../../src/report/palette.js';
import { countryServing } from '../../src/report/serving.js';
import type { ServiceSplit } from '../../src/solve/types.js';
import { runCli } from '../support/run-cli.js';

const ROOT = join(import.meta.dirname, '..', '..');
const atlas = createRequire(import.meta.url)('world-atlas/countries-110m.json') as {
  objects: { countries: { geometries: unknown[] } };
};
const FEATURES = atlas.objects.countries.geometries.length;

let dir: string;
let eu: string;
let drain: string;

async function report(policy: string, at: string, name: string, extra: readonly string[] = []) {
  const file = join(dir, name);
  const run = await runCli(['report', `examples/${policy}`, '--html', file, '--at', at, ...extra], { cwd: ROOT });
  expect(run.code, run.stderr).toBe(0);
  return readFileSync(file, 'utf8');
}

/** Attributes of every country path, as the map drew them. */
function countries(html: string) {
  return [...html.matchAll(/<path id="m0-c\d+" class="country[^"]*"([^>]*)>/g)].map(([, attrs]) => {
    const attr = (name: string) => new RegExp(` ${name}="([^"]*)"`).exec(attrs ?? '')?.[1];
    return { code: attr('data-code'), fill: attr('fill'), key: attr('data-fill'), geo: attr('data-geo') };
  });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'trafficport-report-'));
  eu = await report('eu-sovereignty.yaml', '2026-12-01T00:00Z', 'eu.html');
  drain = await report('maintenance-drain.yaml', '2026-12-06T01:45Z', 'drain.html');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('report --html', () => {
  it('draws every country of the atlas, each filled by who serves it', async () => {
    const shapes = countries(eu);
    expect(shapes).toHaveLength(FEATURES);
    const byCode = new Map(shapes.map((s) => [s.code, s]));
    expect(byCode.get('AU')).toMatchObject({ fill: cloudColor('azure'), key: 'azure', geo: 'AU' });
    // South Africa is filled by the clouds the split gives it, read from `splits --json`.
    const splits = await runCli(['splits', 'examples/eu-sovereignty.yaml', '--at', '2026-12-01T00:00Z', '--json'], {
      cwd: ROOT,
    });
    const service = (JSON.parse(splits.stdout) as { services: ServiceSplit[] }).services[0]!;
    const za = service.geographies.find((g) => g.geo === 'ZA')!;
    const zaClouds = [
      ...new Set(service.endpoints.filter((e) => (za.shares[e.id] ?? 0) > 0).map((e) => e.cloud)),
    ].sort();
    expect(byCode.get('ZA')?.key).toBe(zaClouds.join('+'));
    // The US is split evenly between the clouds: stripes, not a winner picked by name.
    expect(byCode.get('US')).toMatchObject({ fill: 'url(#m0-mix-aws-azure)', key: 'aws+azure' });
    // Western Sahara is a plan geography like every catalog country (a provider that cannot target
    // it answers it with a wider record, which the plan shows).
    expect(byCode.get('EH')?.geo).toBe('EH');
    const fills = new Set(shapes.map((s) => s.fill));
    expect([...fills].sort()).toEqual([cloudColor('aws'), cloudColor('azure'), 'url(#m0-mix-aws-azure)'].sort());
    expect(eu).toContain('<pattern id="m0-mix-aws-azure"');
  });

  it('hatches each sovereignty zone over the countries its rule binds', () => {
    const zone = (rule: string) => new RegExp(`<g class="zone" data-rule="${rule}"[^>]*>(.*?)</g>`).exec(eu)?.[1] ?? '';
    expect(zone('gdpr').match(/<path /g)?.length).toBeGreaterThanOrEqual(28);
    expect(zone('swiss-data').match(/<path /g)).toHaveLength(1);
    expect(eu).toMatch(
      /<tr data-rule="gdpr"><td>.*gdpr<\/td><td>EEA<\/td><td>only jurisdiction EU<\/td><td class="num">\d+<\/td><\/tr>/,
    );
  });

  it('lists the split tables: every endpoint, the top geographies and the default', () => {
    expect(eu.match(/<tr data-endpoint=/g)).toHaveLength(8);
    expect(eu.match(/<tr data-geo=/g)).toHaveLength(21);
    expect(eu).toMatch(/<tr data-geo="DE"><td>DE<\/td><td>Germany<\/td><td class="num">18%<\/td>/);
    expect(eu).toContain('… and 230 more geographies');
    expect(eu.match(/<g class="endpoint" /g)).toHaveLength(8);
  });

  it('shows active and upcoming maintenance windows, and rings drained endpoints', () => {
    expect(drain).toMatch(/<tr class="window-active" data-window="weu-patch"><td>weu-patch<\/td><td>az-weu<\/td>/);
    expect(drain).toMatch(/<tr class="window-upcoming" data-window="usw2-weekly">/);
    expect(drain).toContain('2026-12-06T02:00:00Z → 2026-12-06T04:00:00Z');
    expect(drain).toMatch(
      /<g class="endpoint" data-endpoint="az-weu" data-status="draining">.*?<circle class="halo"[^>]*\/><circle class="ring moving"/,
    );
    expect(drain).toContain('The policy has no sovereignty rules.');
    expect(eu).toContain('No maintenance window is active or due in the next 7 days.');
  });

  it('is one self-contained file: no script, no stylesheet link, nothing fetched', () => {
    for (const html of [eu, drain]) {
      expect(html).not.toMatch(/<script|<link|<img|<iframe|@import|url\(http/i);
      expect(html.replace('xmlns="http://www.w3.org/2000/svg"', '')).not.toMatch(/(src|href)="?https?:/i);
      expect(html.startsWith('<!doctype html>')).toBe(true);
    }
    expect(statSync(join(dir, 'eu.html')).size).toBeLessThan(400_000);
  });

  it('colors by endpoint on request, and summarizes itself as JSON', async () => {
    const byEndpoint = await report('eu-sovereignty.yaml', '2026-12-01T00:00Z', 'endpoints.html', [
      '--color-by',
      'endpoint',
    ]);
    const keys = new Set(countries(byEndpoint).map((s) => s.key));
    expect(keys.has('aws-use1+az-eus')).toBe(true);
    const run = await runCli(
      ['report', 'examples/eu-sovereignty.yaml', '--html', join(dir, 'j.html'), '--at', '2026-12-01T00:00Z', '--json'],
      { cwd: ROOT },
    );
    expect(JSON.parse(run.stdout)).toMatchObject({
      version: 1,
      services: [{ service: 'api.example.eu', countries: expect.any(Number) }],
      // Counted from the catalog: EU law's 34 territories and IS, LI, NO, not the 110m map's shapes.
      zones: [
        { rule: 'gdpr', countries: 37 },
        { rule: 'swiss-data', countries: 1 },
      ],
      windows: 0,
    });
  });
});

describe('countryServing', () => {
  const geo = (id: string, demand: number, shares: Record<string, number>) => ({
    geo: id,
    name: id,
    demand,
    shares,
    latencyMs: 10,
    reasons: [],
  });
  const service = {
    service: 'www.example.com',
    endpoints: [
      { id: 'a', cloud: 'aws', status: 'active', share: 50, windows: [] },
      { id: 'z', cloud: 'azure', status: 'active', share: 50, windows: [] },
    ],
    geographies: [geo('*', 0, { a: 0, z: 100 }), geo('US', 6, { a: 100, z: 0 }), geo('US-CA', 4, { a: 0, z: 100 })],
  } as unknown as ServiceSplit;
  const countryOf = (id: string) => (id === '*' ? undefined : id.slice(0, 2));

  it('mixes a country’s state records by demand, and sends the rest to the default record', () => {
    const serving = countryServing(service, countryOf, ['US', 'EH']);
    expect(serving.get('US')).toMatchObject({ geo: 'US', shares: { a: 60, z: 40 }, topCloud: 'aws', topEndpoint: 'a' });
    expect(serving.get('EH')).toMatchObject({ geo: '*', shares: { z: 100 }, topCloud: 'azure' });
  });
});
