import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/io/io.js';
import { type PublishFlags, type PublishTarget, preparePlan, preparePublish } from '../../src/publish/prepare.js';
import { solve } from '../../src/solve/solve.js';
import { ROOT } from '../support/binary.js';

/** What `plan` and `apply` prepare: the split they keep, the states they share, providers that fail. */

const AT = '2026-12-06T03:00:00Z';
const EXCLUSIONS = new Set(['sovereignty', 'sovereignty-override', 'down', 'maintenance']);
let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tp-prepare-'));
  copyFileSync(join(ROOT, 'examples', 'eu-sovereignty.yaml'), join(dir, 'eu.yaml'));
});

function io(env: Record<string, string> = {}): CliIo {
  return {
    stdout: { write: () => true },
    stderr: { write: () => true },
    env,
    cwd: dir,
    now: () => Date.parse(AT),
  };
}

const flags = (): PublishFlags => ({ at: AT, stateDir: join(dir, 'state') });

async function publish(targets: readonly PublishTarget[]): Promise<void> {
  for (const target of targets) await target.adapter.apply(target.plan.changes, target.live);
}

describe('preparePublish', { timeout: 600_000 }, () => {
  it('keeps a split with every share, demand and latency, and only the reasons that exclude endpoints', async () => {
    const prepared = await preparePublish('eu.yaml', flags(), io());
    const full = solve(prepared.policy, Date.parse(AT));
    expect(prepared.splits.services.map((s) => s.service)).toEqual(full.services.map((s) => s.service));
    prepared.splits.services.forEach((service, s) => {
      const whole = full.services[s]!;
      expect({ ...service, geographies: [] }).toEqual({ ...whole, geographies: [] });
      service.geographies.forEach((geo, g) => {
        const { reasons, ...rest } = whole.geographies[g]!;
        expect({ ...geo, reasons: [] }).toEqual({ ...rest, reasons: [] });
        expect(geo.reasons).toEqual(reasons.filter((reason) => EXCLUSIONS.has(reason.kind)));
      });
      // Geographies with the same split share one shares object.
      const distinct = new Set(service.geographies.map((geo) => geo.shares));
      const splits = new Set(service.geographies.map((geo) => JSON.stringify(geo.shares)));
      expect(distinct.size).toBe(splits.size);
    });
    expect(full.services.some((s) => s.geographies.some((g) => g.reasons.some((r) => r.kind === 'sovereignty')))).toBe(
      true,
    );
  });

  it('shares the live resources that equal desired ones, and finds nothing to change once published', async () => {
    const first = await preparePublish('eu.yaml', flags(), io());
    expect(first.targets.map((t) => t.provider.id)).toEqual(['r53', 'azdns']);
    await publish(first.targets);
    const again = await preparePublish('eu.yaml', flags(), io());
    for (const target of again.targets) {
      expect(target.plan.changes).toEqual([]);
      expect(target.plan.moves).toEqual([]);
      const desired = new Set(target.desired.resources);
      expect(target.live.resources.length).toBeGreaterThan(10);
      expect(target.live.resources.every((resource) => desired.has(resource))).toBe(true);
    }
  });

  it('plans for `plan` what it plans for `apply`, keeping only the plans, with the moves', async () => {
    await publish((await preparePublish('eu.yaml', flags(), io())).targets);
    const down = { ...flags(), down: ['aws-fra'] };
    const full = await preparePublish('eu.yaml', down, io());
    const planned = await preparePlan('eu.yaml', down, io());
    // Azure also keeps what it draws from its subscription's profile quota, counted across providers;
    // both keep what resolvers get now (where a ramp starts), as apply has it.
    expect(planned.targets.map((t) => Object.keys(t).sort())).toEqual([
      ['before', 'plan', 'provider'],
      ['before', 'plan', 'provider', 'quota'],
    ]);
    expect(planned.targets.map((t) => t.before)).toEqual(full.targets.map((t) => t.before));
    expect(planned.targets.map((t) => t.plan)).toEqual(full.targets.map((t) => t.plan));
    // Something moved, so "before" was evaluated from the live records, not taken from "after".
    for (const { plan } of planned.targets) {
      expect(plan.changes.length).toBeGreaterThan(0);
      expect(plan.moves.length).toBeGreaterThan(0);
    }
  });

  it('plans the other providers when one cannot be read, in the policy order', async () => {
    const down = JSON.stringify({ azure: { rules: [{ kind: 'status', status: 503, retryAfterSeconds: 0 }] } });
    const prepared = await preparePublish('eu.yaml', flags(), io({ TRAFFICPORT_MOCK_FAULTS: down }));
    expect(prepared.targets.map((t) => t.provider.id)).toEqual(['r53']);
    expect(prepared.unreachable.map((u) => [u.provider.id, u.error.code])).toEqual([['azdns', 'PROVIDER.UNAVAILABLE']]);
    expect(prepared.unreachable[0]!.desired.resources.length).toBeGreaterThan(0);
  });
});
