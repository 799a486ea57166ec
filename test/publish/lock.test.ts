import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { loadPolicyFile } from '../../src/inputs/policy-file.js';
import type { CliIo } from '../../src/io/io.js';
import { loadProviderKit } from '../../src/providers/registry.js';
import type { LeaseStore } from '../../src/providers/types.js';
import { formatHolder, type LeaseHolder, parseHolder } from '../../src/publish/lease-holder.js';
import { acquireLeases } from '../../src/publish/lock.js';
import { adapterOptions } from '../../src/publish/prepare.js';
import { ROOT } from '../support/binary.js';
import { runCli } from '../support/run-cli.js';

/**
 * Zone leases (docs/locking.md) through the real command tree and the real SDK clients against
 * the embedded mocks: a held lease refuses an apply naming its holder and changes nothing; an
 * expired or dead holder's lease is taken over; the lease record never shows in plans or verify;
 * `unlock` breaks a lease only when confirmed.
 */

const NOW = Date.parse('2026-12-01T00:00:00Z');
const AT = '2026-12-01T00:00Z';
let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tp-lock-'));
  copyFileSync(join(ROOT, 'examples', 'eu-sovereignty.yaml'), join(dir, 'eu.yaml'));
});

const cli = (args: string[]) => runCli(args, { cwd: dir, now: NOW });

function io(): CliIo {
  return { stdout: { write: () => true }, stderr: { write: () => true }, env: {}, cwd: dir, now: () => NOW };
}

async function leaseOf(providerId: string, file = 'eu.yaml'): Promise<LeaseStore> {
  const { policy } = await loadPolicyFile(file, io());
  const provider = policy.providers.find((p) => p.id === providerId)!;
  const adapter = await (await loadProviderKit(provider.type)).createAdapter(provider, adapterOptions(io(), {}));
  return adapter.lease!;
}

const other = (overrides: Partial<LeaseHolder> = {}): LeaseHolder => ({
  run: '20261130T235900Z-c0ffee',
  command: 'apply',
  host: 'ci-runner-7',
  pid: 4242,
  user: 'deploy-bot',
  since: NOW - 60_000,
  expires: NOW + 60_000,
  ...overrides,
});

describe('zone leases', { timeout: 600_000 }, () => {
  it.each(['r53', 'azdns'])(
    'an apply finds %s locked by a live holder: refused, holder named, nothing written',
    async (id) => {
      await (await leaseOf(id)).create(formatHolder(other()));
      const applied = await cli(['apply', 'eu.yaml', '--at', AT, '--auto-approve']);
      expect(applied.code).toBe(1);
      expect(applied.stderr).toContain('APPLY.LOCKED');
      expect(applied.stderr).toContain(
        `zone example.eu is locked by apply run 20261130T235900Z-c0ffee by deploy-bot on ci-runner-7 (pid 4242) since 2026-11-30T23:59:00Z, lease until 2026-12-01T00:01:00Z`,
      );
      expect(applied.stderr).toContain('trafficport unlock POLICY --zone example.eu');
      // Nothing was written anywhere, and no journal was started.
      const plan = await cli(['plan', 'eu.yaml', '--at', AT, '--json']);
      const providers = JSON.parse(plan.stdout).providers as {
        counts: { update: number; delete: number };
        liveResources: number;
      }[];
      expect(providers.map((p) => p.liveResources)).toEqual([0, 0]);
      // The lease is still the holder's.
      expect(parseHolder((await (await leaseOf(id)).read())!.text)?.run).toBe('20261130T235900Z-c0ffee');
    },
  );

  it('takes over an expired lease, and a lease whose holder on this host is gone; releases its own', async () => {
    await (await leaseOf('r53')).create(formatHolder(other({ expires: NOW - 1 })));
    await (await leaseOf('azdns')).create(
      formatHolder(other({ host: hostname(), pid: 2 ** 22 + 17, expires: NOW + 3_600_000 })),
    );
    const applied = await cli(['apply', 'eu.yaml', '--at', AT, '--auto-approve']);
    expect(applied.code, applied.stderr).toBe(0);
    expect(await (await leaseOf('r53')).read()).toBeUndefined();
    expect(await (await leaseOf('azdns')).read()).toBeUndefined();
  });

  it('is invisible to plan and verify, also for a service at the zone apex', async () => {
    const apex = `version: 1
providers:
  r53: { type: route53, zone: example.eu, backend: mock }
endpoints:
  a: { cloud: aws, region: eu-central-1, a: [203.0.113.20] }
  b: { cloud: aws, region: eu-west-1, a: [203.0.113.30] }
services:
  - { name: example.eu, ttl: 60, endpoints: [a, b], publish: [r53] }
`;
    writeFileSync(join(dir, 'apex.yaml'), apex);
    expect((await cli(['apply', 'apex.yaml', '--at', AT, '--auto-approve'])).code).toBe(0);
    await (await leaseOf('r53', 'apex.yaml')).create(formatHolder(other()));
    const plan = await cli(['plan', 'apex.yaml', '--at', AT, '--json', '--detailed-exitcode']);
    expect(plan.code, plan.stdout).toBe(0);
    expect(plan.stdout).not.toContain('_trafficport-lock');
    const verified = await cli(['verify', 'apex.yaml', '--at', AT, '--json']);
    expect(verified.code, verified.stdout).toBe(0);
    expect(verified.stdout).not.toContain('_trafficport-lock');
  });

  it('unlock: exit 64 without --yes and a terminal; with --yes it breaks the lease and apply proceeds', async () => {
    await (await leaseOf('r53')).create(formatHolder(other()));
    const refused = await cli(['unlock', 'eu.yaml']);
    expect(refused.code).toBe(64);
    expect(refused.stderr).toContain('USAGE.NEEDS_YES');
    expect(await (await leaseOf('r53')).read()).toBeDefined();
    const unknown = await cli(['unlock', 'eu.yaml', '--zone', 'example.com', '--yes']);
    expect(unknown.code).toBe(64);
    const broken = await cli(['unlock', 'eu.yaml', '--zone', 'example.eu', '--yes']);
    expect(broken.code, broken.stderr).toBe(0);
    expect(broken.stdout).toContain(
      'r53: broke the lease of zone example.eu (apply run 20261130T235900Z-c0ffee by deploy-bot',
    );
    expect(broken.stdout).toContain('azdns: zone example.eu is not locked');
    expect(await (await leaseOf('r53')).read()).toBeUndefined();
    expect((await cli(['apply', 'eu.yaml', '--at', AT, '--auto-approve'])).code).toBe(0);
  });

  it('takes leases in scope order and waits for a holder up to the timeout', async () => {
    const r53 = await leaseOf('r53');
    const azdns = await leaseOf('azdns');
    // Given in the other order, taken azure first (scope order), so two runs never wait in a cycle.
    const order: string[] = [];
    const spy = (store: LeaseStore): LeaseStore => ({
      scope: store.scope,
      read: () => store.read(),
      create: (text) => {
        order.push(store.scope.split(' ')[0]!);
        return store.create(text);
      },
      replace: (previous, text) => store.replace(previous, text),
      remove: (previous) => store.remove(previous),
    });
    const first = await acquireLeases(
      [
        { provider: 'r53', store: spy(r53) },
        { provider: 'azdns', store: spy(azdns) },
      ],
      { command: 'apply', now: () => NOW, timeoutMs: 0 },
    );
    expect(order).toEqual(['azure', 'route53']);
    // A second run waits (sleeps counted, no clock read), and gets it once the first releases.
    let sleeps = 0;
    let elapsed = 0;
    const second = acquireLeases([{ provider: 'r53', store: r53 }], {
      command: 'apply',
      now: () => NOW,
      timeoutMs: 60_000,
      elapsed: () => elapsed,
      sleep: async (ms) => {
        sleeps += 1;
        elapsed += ms;
        if (sleeps === 3) await first.release();
      },
    });
    const held = await second;
    expect(sleeps).toBe(3);
    expect(parseHolder((await r53.read())!.text)?.run).toBe(held.holder.run);
    await held.release();
    // With no wait, a held lease fails at once.
    const again = await acquireLeases([{ provider: 'r53', store: r53 }], {
      command: 'apply',
      now: () => NOW,
      timeoutMs: 0,
    });
    await expect(
      acquireLeases([{ provider: 'r53', store: r53 }], { command: 'rollback', now: () => NOW, timeoutMs: 0 }),
    ).rejects.toMatchObject({ code: 'APPLY.LOCKED' });
    await again.release();
  });
});
