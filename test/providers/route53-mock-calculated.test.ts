import {
  ChangeResourceRecordSetsCommand,
  CreateHealthCheckCommand,
  DeleteHealthCheckCommand,
  GetHealthCheckStatusCommand,
  type HealthCheckConfig,
} from '@aws-sdk/client-route-53';
import fc from 'fast-check';
import { beforeEach, describe, expect, it } from 'vitest';
import { isCheckHealthy } from '../../src/providers/route53/mock/health-calculated.js';
import { create, expectFailure, type Fixture, send, weighted, zoneFixture } from './route53-mock-helpers.js';

/**
 * CALCULATED health checks on the Route 53 mock, through the real SDK client: validation of
 * ChildHealthChecks / HealthThreshold, the status derived from the children (as answer evaluation
 * sees it), GetHealthCheckStatus refused, and children that cannot be deleted under a parent.
 */

let fixture: Fixture;
let sequence = 0;
beforeEach(async () => {
  fixture = await zoneFixture({ seed: 3 });
});

async function check(config: HealthCheckConfig): Promise<string> {
  sequence += 1;
  const created = await fixture.client.send(
    new CreateHealthCheckCommand({ CallerReference: `calc-${sequence}`, HealthCheckConfig: config }),
  );
  return created.HealthCheck?.Id ?? '';
}

const tcp = (address: string): HealthCheckConfig => ({ Type: 'TCP', IPAddress: address, Port: 443 });
const calculated = (children: string[], threshold: number): HealthCheckConfig => ({
  Type: 'CALCULATED',
  ChildHealthChecks: children,
  HealthThreshold: threshold,
});

/** Share of answers per value for www.example.com, two weighted sets, one behind `healthCheckId`. */
async function publishPair(healthCheckId: string): Promise<void> {
  await send(fixture, [
    create({ ...weighted('www.example.com', 'multi', 1, '192.0.2.1'), HealthCheckId: healthCheckId }),
    create(weighted('www.example.com', 'other', 1, '192.0.2.9')),
  ]);
}

async function shares(): Promise<Record<string, number>> {
  const distribution = await fixture.backend.answerDistribution({ name: 'www.example.com', type: 'A' });
  return Object.fromEntries(distribution.outcomes.map((outcome) => [outcome.recordData.join(','), outcome.share]));
}

describe('CALCULATED health checks', () => {
  it('validates ChildHealthChecks and HealthThreshold (InvalidInput / NoSuchHealthCheck)', async () => {
    const child = await check(tcp('192.0.2.1'));
    await expectFailure(check({ Type: 'CALCULATED', HealthThreshold: 1 }), 'InvalidInput');
    await expectFailure(check(calculated([child], 257)), 'InvalidInput');
    await expectFailure(check(calculated([child], -1)), 'InvalidInput');
    await expectFailure(check({ Type: 'CALCULATED', ChildHealthChecks: [child] }), 'InvalidInput');
    await expectFailure(check({ ...calculated([child], 1), IPAddress: '192.0.2.1' }), 'InvalidInput');
    await expectFailure(check(calculated([child, child], 1)), 'InvalidInput');
    const tooMany = Array.from({ length: 257 }, (_, index) => `${child}-${index}`);
    await expectFailure(check(calculated(tooMany, 1)), 'InvalidInput');
    await expectFailure(check(calculated([child, 'no-such-check'], 1)), 'NoSuchHealthCheck');
    expect(await check(calculated([child], 0))).not.toBe('');
  });

  it('derives its status from its children, as answers see it (generated states)', async () => {
    const children = [await check(tcp('192.0.2.1')), await check(tcp('192.0.2.2')), await check(tcp('192.0.2.3'))];
    const parents = [0, 1, 2, 3, 4].map(async (threshold) => check(calculated(children, threshold)));
    const ids = await Promise.all(parents);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }), fc.nat(4), async (states, threshold) => {
        for (const [index, id] of children.entries())
          await fixture.backend.setHealthCheckStatus(id, states[index] ?? true);
        const state = await fixture.backend.store.read();
        const healthyChildren = states.filter(Boolean).length;
        // Independent reading of the documented rule: healthy iff at least HealthThreshold children are.
        const expected = healthyChildren >= threshold;
        const parent = state.healthChecks[ids[threshold] ?? ''];
        expect(parent && isCheckHealthy(state, parent)).toBe(expected);
      }),
      { numRuns: 40 },
    );
  });

  it('a record behind a calculated check (threshold 1) keeps answering until every child is down', async () => {
    const children = [await check(tcp('192.0.2.1')), await check(tcp('192.0.2.2'))];
    const parent = await check(calculated(children, 1));
    await publishPair(parent);
    expect(await shares()).toEqual({ '192.0.2.1': 0.5, '192.0.2.9': 0.5 });
    await fixture.backend.setHealthCheckStatus(children[0] ?? '', false);
    expect(await shares()).toEqual({ '192.0.2.1': 0.5, '192.0.2.9': 0.5 });
    await fixture.backend.setHealthCheckStatus(children[1] ?? '', false);
    expect(await shares()).toEqual({ '192.0.2.9': 1 });
    await fixture.backend.setHealthCheckStatus(children[0] ?? '', true);
    expect(await shares()).toEqual({ '192.0.2.1': 0.5, '192.0.2.9': 0.5 });
  });

  it('refuses GetHealthCheckStatus and a test status on a calculated check', async () => {
    const child = await check(tcp('192.0.2.1'));
    const parent = await check(calculated([child], 1));
    await expectFailure(
      fixture.client.send(new GetHealthCheckStatusCommand({ HealthCheckId: parent })),
      'InvalidInput',
    );
    await expect(fixture.backend.setHealthCheckStatus(parent, false)).rejects.toThrow(/CALCULATED/);
    const status = await fixture.client.send(new GetHealthCheckStatusCommand({ HealthCheckId: child }));
    expect(status.HealthCheckObservations?.length).toBeGreaterThan(0);
  });

  it('a child cannot be deleted while a calculated check names it: parents first', async () => {
    const children = [await check(tcp('192.0.2.1')), await check(tcp('192.0.2.2'))];
    const parent = await check(calculated(children, 1));
    await publishPair(parent);
    for (const child of children) {
      await expectFailure(
        fixture.client.send(new DeleteHealthCheckCommand({ HealthCheckId: child })),
        'HealthCheckInUse',
      );
    }
    await expectFailure(
      fixture.client.send(new DeleteHealthCheckCommand({ HealthCheckId: parent })),
      'HealthCheckInUse',
    );
    await fixture.client.send(
      new ChangeResourceRecordSetsCommand({
        HostedZoneId: fixture.zoneId,
        ChangeBatch: {
          Changes: [
            {
              Action: 'DELETE',
              ResourceRecordSet: { ...weighted('www.example.com', 'multi', 1, '192.0.2.1'), HealthCheckId: parent },
            },
          ],
        },
      }),
    );
    await fixture.client.send(new DeleteHealthCheckCommand({ HealthCheckId: parent }));
    for (const child of children) await fixture.client.send(new DeleteHealthCheckCommand({ HealthCheckId: child }));
    expect(Object.keys((await fixture.backend.store.read()).healthChecks)).toEqual([]);
  });
});
