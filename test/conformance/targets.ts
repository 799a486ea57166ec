import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadPolicy } from '../../src/policy/load.js';
import type { AzureProvider, Provider, Route53Provider } from '../../src/policy/types.js';
import { createAzureClients } from '../../src/providers/azure/client.js';
import { loadProviderKit } from '../../src/providers/registry.js';
import { createRoute53Adapter, createRoute53Client } from '../../src/providers/route53/client.js';
import { assertBuilt, BIN } from '../support/binary.js';
import { azureDriver } from './azure-driver.js';
import { route53Driver } from './route53-driver.js';
import type { ConformanceTarget } from './target.js';

/**
 * Where the conformance suite runs: the mocks in process (as `backend: mock` commands use them),
 * the mocks behind a real `trafficport mock serve` process (reached over loopback like a cloud),
 * or the real services when a user opts in with a throwaway zone (see the README, "Conformance").
 */

export const ROUTE53_LIVE_ENV = 'TRAFFICPORT_CONFORMANCE_ROUTE53_ZONE';
export const AZURE_LIVE_ENV = 'TRAFFICPORT_CONFORMANCE_AZURE';

const MOCK_SUBSCRIPTION = '00000000-0000-0000-0000-00000000c0f0';

/** Why the live mode of a provider is skipped, or undefined when it runs. */
export function liveSkipReason(variable: string, example: string): string | undefined {
  const value = process.env[variable];
  if (value !== undefined && value !== '') return undefined;
  return `live mode off: set ${variable}=${example} (and the provider's usual credentials) to run these scenarios against the real service in a throwaway zone`;
}

function providerOf(yaml: string, zone: string): Provider {
  const text = `version: 1\nproviders:\n  t: ${yaml}\nendpoints:\n  e: { cloud: aws, region: us-east-1, a: [192.0.2.1] }\nservices:\n  - { name: probe.${zone}, ttl: 60, endpoints: [e], publish: [t] }\n`;
  const loaded = loadPolicy(text, 'target.yaml');
  if (!loaded.ok) throw new Error(`target provider does not load: ${JSON.stringify(loaded.diagnostics)}`);
  return loaded.policy.providers[0]!;
}

interface Backend {
  readonly name: string;
  readonly live: boolean;
  readonly env: Record<string, string | undefined>;
  readonly stateDir: string;
  close(): Promise<void>;
}

/** The mocks in this process, state in a temporary directory. */
export function inProcess(): Backend {
  const stateDir = mkdtempSync(join(tmpdir(), 'tp-conformance-'));
  return {
    name: 'mock in process',
    live: false,
    env: {},
    stateDir,
    close: async () => rmSync(stateDir, { recursive: true, force: true }),
  };
}

/** A `trafficport mock serve` process (the built CLI), reached through its endpoint variables. */
export async function served(): Promise<Backend> {
  assertBuilt();
  const stateDir = mkdtempSync(join(tmpdir(), 'tp-conformance-serve-'));
  const child = spawn(process.execPath, [BIN, 'mock', 'serve', '--state-dir', join(stateDir, 'served')], {
    env: { ...process.env, NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = await new Promise<string>((resolve, reject) => {
    let text = '';
    child.stdout.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      if (text.includes('serving until interrupted')) resolve(text);
    });
    child.once('exit', (code) => reject(new Error(`mock serve exited (${code}): ${text}`)));
  });
  const exported = (name: string) => new RegExp(`export ${name}=(\\S+)`).exec(output)?.[1];
  return {
    name: 'mock serve',
    live: false,
    env: {
      TRAFFICPORT_ROUTE53_ENDPOINT: exported('TRAFFICPORT_ROUTE53_ENDPOINT'),
      TRAFFICPORT_AZURE_ENDPOINT: exported('TRAFFICPORT_AZURE_ENDPOINT'),
      TRAFFICPORT_AZURE_CA: exported('TRAFFICPORT_AZURE_CA'),
    },
    stateDir,
    close: async () => {
      await stop(child);
      rmSync(stateDir, { recursive: true, force: true });
    },
  };
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGINT');
  });
}

/** The real service, with the user's credentials (the SDKs' default chains). */
export function live(): Backend {
  const stateDir = mkdtempSync(join(tmpdir(), 'tp-conformance-live-'));
  return {
    name: 'live',
    live: true,
    env: process.env,
    stateDir,
    close: async () => rmSync(stateDir, { recursive: true, force: true }),
  };
}

function runLabel(backend: Backend): string {
  return backend.live ? `tpc-${randomBytes(3).toString('hex')}` : 'tpc-run';
}

export async function route53Target(backend: Backend): Promise<ConformanceTarget> {
  const zone = backend.live ? (process.env[ROUTE53_LIVE_ENV] ?? '') : 'conformance.example.com';
  const zoneId = process.env.TRAFFICPORT_CONFORMANCE_ROUTE53_ZONE_ID;
  const providerYaml = `{ type: route53, zone: ${zone}, backend: ${backend.live ? 'aws' : 'mock'}${
    backend.live && zoneId ? `, hostedZoneId: ${zoneId}` : ''
  } }`;
  const provider = providerOf(providerYaml, zone) as Route53Provider;
  const options = { mockStateDir: backend.stateDir, env: backend.env };
  const kit = await loadProviderKit('route53');
  return {
    name: `route53 (${backend.name})`,
    live: backend.live,
    zone,
    providerYaml,
    run: runLabel(backend),
    // ListResourceRecordSets returns at most 300 sets a page.
    pagingFill: 310,
    adapter: () => kit.createAdapter(provider, options),
    smallBatches: async (elements) =>
      createRoute53Adapter(provider, {
        ...options,
        adapter: { limits: { maxElements: elements, maxValueChars: 32_000, aliasElements: 1 } },
      }),
    raw: route53Driver(createRoute53Client(provider, options), provider),
    close: backend.close,
  };
}

export async function azureTarget(backend: Backend): Promise<ConformanceTarget> {
  const [subscription = MOCK_SUBSCRIPTION, resourceGroup = 'conformance-dns', zone = 'conformance.example.com'] =
    backend.live ? (process.env[AZURE_LIVE_ENV] ?? '').split('/') : [];
  const providerYaml = `{ type: azure, zone: ${zone}, resourceGroup: ${resourceGroup}, subscription: ${subscription}, backend: ${
    backend.live ? 'azure' : 'mock'
  } }`;
  const provider = providerOf(providerYaml, zone) as AzureProvider;
  const options = { mockStateDir: backend.stateDir, env: backend.env };
  const kit = await loadProviderKit('azure');
  return {
    name: `azure (${backend.name})`,
    live: backend.live,
    zone,
    providerYaml,
    run: runLabel(backend),
    // Azure DNS lists 100 record sets a page.
    pagingFill: 110,
    adapter: () => kit.createAdapter(provider, options),
    smallBatches: () => 'Azure writes one resource per request: there is no batch to cut',
    raw: azureDriver(await createAzureClients(provider, options), provider),
    close: backend.close,
  };
}
