import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { AZURE_DOCUMENTED_GEO_LIST } from '../../src/geo/provider-lists/azure-hierarchy.js';
import { ROUTE53_DOCUMENTED_GEO_LIST } from '../../src/geo/provider-lists/route53-locations.js';
import type { PlanDocument } from '../../src/plan/types.js';
import { runCli } from '../support/run-cli.js';

/**
 * The commands read each provider's geography list through its adapter (here the mocks, in
 * process, offline) and render against it. Route 53 does not list EH (Western Sahara) [Developer
 * Guide: Geolocation routing], so Route 53 answers its users with the Africa record; Traffic
 * Manager's published hierarchy does not list it either, so Azure answers them with WORLD.
 */

const AT = '2026-12-01T00:00Z';
let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tp-geo-lists-'));
});

function policy(saharaAllows: string): string {
  return `version: 1
providers:
  r53: { type: route53, zone: example.com, backend: mock }
  az: { type: azure, zone: example.com, resourceGroup: dns, subscription: 00000000-0000-0000-0000-000000000000, backend: mock }
endpoints:
  aws-fra: { cloud: aws, region: eu-central-1, a: [203.0.113.20] }
  aws-cpt: { cloud: aws, region: af-south-1, a: [203.0.113.30] }
services:
  - { name: www.example.com, ttl: 60, endpoints: [aws-fra, aws-cpt], publish: [r53, az] }
rules:
  sovereignty:
    - { name: sahara, users: [EH], allow: { endpoints: [${saharaAllows}] } }
`;
}

const run = (...args: string[]) => runCli([...args, '--state-dir', join(dir, 'state')], { cwd: dir });

describe('plan, apply and verify against the providers’ own geography lists', { timeout: 600_000 }, () => {
  it('says which list it used, routes EH by a wider record and says so, and verify holds it to that', async () => {
    writeFileSync(join(dir, 'policy.yaml'), policy('aws-fra, aws-cpt'));
    const planned = await run('plan', 'policy.yaml', '--at', AT, '--json');
    expect(planned.code, planned.stderr).toBe(0);
    const plan = JSON.parse(planned.stdout) as PlanDocument;
    const r53 = plan.providers.find((p) => p.provider === 'r53')!;
    const az = plan.providers.find((p) => p.provider === 'az')!;
    expect(r53.geography).toEqual({
      source: 'route53 ListGeoLocations (mock)',
      fingerprint: ROUTE53_DOCUMENTED_GEO_LIST.fingerprint,
      codes: 305,
    });
    expect(az.geography).toEqual({
      source: 'azure trafficManagerGeographicHierarchies/default (mock)',
      fingerprint: AZURE_DOCUMENTED_GEO_LIST.fingerprint,
      codes: AZURE_DOCUMENTED_GEO_LIST.entries.length,
    });
    expect(r53.fallbacks.find((f) => f.geo === 'EH')).toEqual({
      service: 'www.example.com',
      type: 'A',
      geo: 'EH',
      answeredBy: 'continent:AF',
      weights: { 'aws-cpt': 1 },
      exact: false,
    });
    expect(az.fallbacks.find((f) => f.geo === 'EH')).toMatchObject({ answeredBy: '*', exact: true });
    expect(r53.changes.some((c) => c.key.endsWith('|tp:geo:EH'))).toBe(false);

    const text = await run('plan', 'policy.yaml', '--at', AT);
    expect(text.stdout).toContain(
      "EH is not in the provider's list: www.example.com answers its users with the 'continent:AF' record (aws-cpt 100%)",
    );
    expect(text.stdout).toContain(
      `geography list: route53 ListGeoLocations (mock), 305 codes, fingerprint ${ROUTE53_DOCUMENTED_GEO_LIST.fingerprint}`,
    );

    const applied = await run('apply', 'policy.yaml', '--at', AT, '--auto-approve');
    expect(applied.code, applied.stderr).toBe(0);
    const verified = await run('verify', 'policy.yaml', '--at', AT, '--json');
    expect(verified.code, verified.stdout).toBe(0);
    const again = await run('plan', 'policy.yaml', '--at', AT, '--detailed-exitcode');
    expect(again.code).toBe(0);
  });

  it('fails the plan, before anything is written, where that wider record crosses a sovereignty rule', async () => {
    writeFileSync(join(dir, 'policy.yaml'), policy('aws-fra'));
    const planned = await run('plan', 'policy.yaml', '--at', AT);
    expect(planned.code).toBe(1);
    expect(planned.stderr).toContain('PLAN.SOVEREIGNTY_FALLBACK');
    expect(planned.stderr).toContain(
      "'EH' is not in the provider's geography list, so www.example.com A users there are answered by the 'continent:AF' record, which sends part of them to aws-cpt, forbidden for 'EH' by sovereignty rule 'sahara'",
    );
    const applied = await run('apply', 'policy.yaml', '--at', AT, '--auto-approve');
    expect(applied.code).toBe(1);
    expect(applied.stderr).toContain('PLAN.SOVEREIGNTY_FALLBACK');
  });
});
