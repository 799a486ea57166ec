import { cleanup, render } from 'ink-testing-library';
import { createElement } from 'react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Change } from '../../src/plan/diff.js';
import type { PlanDocument } from '../../src/plan/types.js';
import { groupChangesByService, SHARED_GROUP, serviceOf } from '../../src/ui/ink/plan-groups.js';
import { PlanView } from '../../src/ui/ink/plan-view.js';
import { planExample, solveExample } from './fixtures.js';

afterEach(() => cleanup());

let eu: PlanDocument;
beforeAll(async () => {
  eu = await planExample('eu-sovereignty.yaml');
});

describe('<PlanView>', () => {
  it('shows the split bars, then a diff per provider grouped by service, then totals', () => {
    const splits = solveExample('eu-sovereignty.yaml');
    const { lastFrame } = render(createElement(PlanView, { plan: eu, splits, color: true, columns: 100 }));
    const frame = lastFrame() ?? '';
    expect(frame).toMatch(/^plan for examples\/eu-sovereignty\.yaml at 2026-12-01T00:00:00Z/);
    expect(frame).toMatch(/DE Germany\s+18%\s+\d+ ms █+/);
    const [r53, azdns] = [
      frame.indexOf('r53 (route53, zone example.eu) +'),
      frame.indexOf('azdns (azure, zone example.eu)'),
    ];
    expect(r53).toBeGreaterThan(0);
    expect(azdns).toBeGreaterThan(r53);
    // Each provider's changes sit under the service they answer for, in a bordered box.
    expect(frame).toMatch(/│ api\.example\.eu \+\d+ ~0 -0/);
    expect(frame).toMatch(/│ {3}\+ api\.example\.eu\. A tp:geo:/);
    expect(frame).toMatch(/│ {3}\+ tp-api-example-eu/);
    expect(frame).toMatch(/… \d+ more \(--all lists every one with its values\)/);
    expect(frame).toMatch(/╭─+╮/);
    expect(frame).toContain('safety: 0% of owned records removed');
    expect(frame).toMatch(/Plan: \d+ to create, 0 to update, 0 to delete\./);
  });

  it('says how to apply a saved plan', () => {
    const splits = solveExample('eu-sovereignty.yaml');
    const { lastFrame } = render(
      createElement(PlanView, { plan: eu, splits, color: false, columns: 100, savedTo: 'plan.json' }),
    );
    expect(lastFrame()).toContain('saved the plan to plan.json; apply it with: trafficport apply plan.json');
  });
});

describe('groupChangesByService', () => {
  const resource = (key: string, body: unknown) => ({ kind: 'rrset', key, body }) as never;
  const create = (key: string, body: unknown = {}): Change => ({ action: 'create', key, after: resource(key, body) });
  const services = ['www.example.com', 'api.example.com'];

  it('matches Route 53 names, Azure relative names and Azure service tags', () => {
    expect(serviceOf(create('route53.rrset|tp-1a.api.example.com.|A|x'), services, 'example.com')).toBe(
      'api.example.com',
    );
    expect(serviceOf(create('azure.recordset|www|A'), services, 'example.com')).toBe('www.example.com');
    const tagged = create('azure.tm-profile|tp-abc', { tags: { 'trafficport-service': 'api.example.com' } });
    expect(serviceOf(tagged, services, 'example.com')).toBe('api.example.com');
  });

  it('keeps the order of services, counts actions, and files unclaimed records under the zone', () => {
    const changes: Change[] = [
      create('route53.rrset|api.example.com.|A|a'),
      { action: 'delete', key: 'route53.rrset|www.example.com.|A|b', before: resource('k', {}) },
      create('route53.rrset|other.example.com.|TXT|c'),
    ];
    const groups = groupChangesByService(changes, services, 'example.com');
    expect(groups.map((g) => [g.service, g.counts])).toEqual([
      ['www.example.com', { create: 0, update: 0, delete: 1 }],
      ['api.example.com', { create: 1, update: 0, delete: 0 }],
      ['example.com', { create: 1, update: 0, delete: 0 }],
    ]);
  });

  it('assigns every change of a real two-provider plan to its service, and Azure shared profiles to their group', () => {
    for (const provider of eu.providers) {
      const groups = groupChangesByService(provider.changes, ['api.example.eu'], provider.zone);
      const shared = provider.type === 'azure' ? [SHARED_GROUP] : [];
      expect(groups.map((g) => g.service)).toEqual(['api.example.eu', ...shared]);
      expect(groups.reduce((sum, g) => sum + g.changes.length, 0)).toBe(provider.changes.length);
      for (const change of groups.find((g) => g.service === SHARED_GROUP)?.changes ?? [])
        expect(change.key).toMatch(/^azure\.tm-profile\|tp-w-[0-9a-f]{12}$/);
    }
  });
});
