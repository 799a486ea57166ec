import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateHostedZoneCommand, Route53Client } from '@aws-sdk/client-route-53';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPolicy } from '../../src/policy/load.js';
import type { AzureProvider } from '../../src/policy/types.js';
import { createAzureAdapter } from '../../src/providers/azure/client.js';
import { createAzureMockStore, startAzureMock } from '../../src/providers/azure/mock/index.js';
import { endpointOverride, isLoopback, SEND_CREDENTIALS_FLAG } from '../../src/providers/endpoint-override.js';
import {
  createRoute53Backend,
  type MockHttpRequest,
  startRoute53Mock,
} from '../../src/providers/route53/mock/index.js';
import { MOCK_CREDENTIALS } from '../../src/providers/route53/sdk-client.js';
import { assertBuilt, BIN } from '../support/binary.js';

/*
 * Credentials go only where they belong: an endpoint override gets the mock's fake credentials
 * unless --send-credentials-to-endpoint, and a real backend refuses an override that is not
 * loopback. The refused addresses below are never dialled: 0.0.0.0 would reach this machine if
 * the refusal broke, and the names in the unit table are only parsed.
 */

describe('endpointOverride decides where credentials may go', () => {
  const base = { variable: 'TRAFFICPORT_X_ENDPOINT', protocols: ['http:', 'https:'] as const, example: 'x' };
  it.each([
    // value, real backend, flag → real credentials (true/false) or refused
    ['http://127.0.0.1:4566', false, false, false],
    ['http://dns-proxy.example.com', false, false, false],
    ['http://dns-proxy.example.com', false, true, false],
    ['http://127.0.0.1:4566', true, false, false],
    ['http://127.9.9.9:4566', true, false, false],
    ['https://localhost:8443/', true, false, false],
    ['https://[::1]:8443', true, false, false],
    ['https://127.0.0.1:8443', true, true, true],
    ['https://dns-proxy.example.com', true, true, true],
    ['https://dns-proxy.example.com', true, false, 'refused'],
    ['https://10.0.0.5:8443', true, false, 'refused'],
    ['https://0.0.0.0:8443', true, false, 'refused'],
    ['https://localhost.example.com', true, false, 'refused'],
    ['https://[::ffff:7f00:1]', true, false, 'refused'],
  ] as const)('%s, real backend %s, flag %s → %s', (value, realBackend, sendCredentials, expected) => {
    const decide = () => endpointOverride({ ...base, value, realBackend, sendCredentials });
    if (expected === 'refused') {
      expect(decide).toThrow(expect.objectContaining({ code: 'PROVIDER.ENDPOINT_REFUSED' }));
      return;
    }
    expect(decide()?.realCredentials).toBe(expected);
  });

  it('names the flag and the way back in its refusal', () => {
    const decide = () =>
      endpointOverride({ ...base, value: 'https://proxy.example.com', realBackend: true, sendCredentials: false });
    expect(decide).toThrow(
      expect.objectContaining({
        message: expect.stringContaining('will not send your cloud credentials there'),
        hint: expect.stringContaining(SEND_CREDENTIALS_FLAG),
      }),
    );
  });

  it('unset or empty means no override; a non-URL is PROVIDER.BAD_ENDPOINT', () => {
    for (const value of [undefined, '']) {
      expect(endpointOverride({ ...base, value, realBackend: true, sendCredentials: false })).toBeUndefined();
    }
    expect(() =>
      endpointOverride({ ...base, value: 'ftp://127.0.0.1', realBackend: false, sendCredentials: false }),
    ).toThrow(expect.objectContaining({ code: 'PROVIDER.BAD_ENDPOINT' }));
  });

  it('isLoopback: only 127.0.0.0/8, ::1 and localhost', () => {
    expect(['127.0.0.1', '127.1.2.3', '[::1]', '::1', 'localhost', 'LOCALHOST'].every(isLoopback)).toBe(true);
    expect(
      ['0.0.0.0', '128.0.0.1', '10.0.0.1', '[::2]', 'localhost.', 'evil.localhost', '127.0.0.1.nip.io'].some(
        isLoopback,
      ),
    ).toBe(false);
  });
});

const CANARY = {
  AWS_ACCESS_KEY_ID: 'AKIACANARYENDPOINT00',
  AWS_SECRET_ACCESS_KEY: 'cAnArY/eNdPoInT+sEcReT/kEy0000000000000',
  AWS_SESSION_TOKEN: 'IQoJcAnArYeNdPoInTsEsSiOnToKeN0000',
};

const AWS_POLICY = `version: 1
providers:
  r53: { type: route53, zone: example.com, backend: aws }
endpoints:
  aws-use1: { cloud: aws, region: us-east-1, a: [203.0.113.10] }
  aws-fra: { cloud: aws, region: eu-central-1, a: [203.0.113.20] }
services:
  - { name: shop.example.com, ttl: 60, endpoints: [aws-use1, aws-fra], publish: [r53] }
`;

let dir: string;
beforeAll(() => {
  assertBuilt();
  dir = mkdtempSync(join(tmpdir(), 'tp-endpoint-'));
  writeFileSync(join(dir, 'aws.yaml'), AWS_POLICY);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function cli(args: readonly string[], env: Record<string, string>) {
  return new Promise<{ code: number; out: string }>((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      {
        cwd: dir,
        env: {
          PATH: process.env.PATH ?? '/usr/bin:/bin',
          HOME: dir,
          NO_COLOR: '1',
          AWS_CONFIG_FILE: join(dir, 'none'),
          AWS_SHARED_CREDENTIALS_FILE: join(dir, 'none'),
          AWS_EC2_METADATA_DISABLED: 'true',
          ...CANARY,
          ...env,
        },
      },
      (error, stdout, stderr) =>
        resolve({ code: error === null ? 0 : Number(error.code ?? 1), out: `${stdout}${stderr}` }),
    );
  });
}

describe('Route 53 (backend: aws) with TRAFFICPORT_ROUTE53_ENDPOINT (built binary)', () => {
  it('a loopback mock gets fake credentials; real ones only with --send-credentials-to-endpoint', async () => {
    const backend = createRoute53Backend();
    const seen: string[] = [];
    const handle = backend.handle;
    backend.handle = (request: MockHttpRequest) => {
      seen.push(String(request.headers.authorization));
      return handle(request);
    };
    const mock = await startRoute53Mock({ backend });
    try {
      // backend: aws never creates a zone, so the "account" needs one first.
      await new Route53Client({ region: 'us-east-1', endpoint: mock.url, credentials: MOCK_CREDENTIALS }).send(
        new CreateHostedZoneCommand({ Name: 'example.com', CallerReference: 'setup' }),
      );
      seen.length = 0;
      const env = { TRAFFICPORT_ROUTE53_ENDPOINT: mock.url };
      const plain = await cli(['plan', 'aws.yaml', '--at', '2026-12-01T00:00Z'], env);
      expect(plain.code, plain.out).toBe(0);
      expect(seen.length).toBeGreaterThan(0);
      expect(seen.every((auth) => auth.includes(`Credential=${MOCK_CREDENTIALS.accessKeyId}/`))).toBe(true);
      expect(seen.join('\n')).not.toContain(CANARY.AWS_ACCESS_KEY_ID);

      seen.length = 0;
      const sent = await cli(['plan', 'aws.yaml', '--at', '2026-12-01T00:00Z', SEND_CREDENTIALS_FLAG], env);
      expect(sent.code, sent.out).toBe(0);
      expect(seen.length).toBeGreaterThan(0);
      expect(seen.every((auth) => auth.includes(`Credential=${CANARY.AWS_ACCESS_KEY_ID}/`))).toBe(true);
    } finally {
      await mock.close();
    }
  });

  it("a loopback mock's client ignores the user's AWS settings meant for AWS (FIPS, dual-stack)", async () => {
    // The SDK refuses a custom endpoint under FIPS ("FIPS and custom endpoint are not supported");
    // a mock's client sets these itself (MOCK_CLIENT_CONFIG), so the mock answers as without them.
    const mock = await startRoute53Mock({ backend: createRoute53Backend() });
    try {
      await new Route53Client({ region: 'us-east-1', endpoint: mock.url, credentials: MOCK_CREDENTIALS }).send(
        new CreateHostedZoneCommand({ Name: 'example.com', CallerReference: 'setup' }),
      );
      const run = await cli(['plan', 'aws.yaml', '--at', '2026-12-01T00:00Z'], {
        TRAFFICPORT_ROUTE53_ENDPOINT: mock.url,
        AWS_USE_FIPS_ENDPOINT: 'true',
        AWS_USE_DUALSTACK_ENDPOINT: 'true',
      });
      expect(run.code, run.out).toBe(0);
      expect(run.out).toContain('shop.example.com');
    } finally {
      await mock.close();
    }
  });

  it('an override that is not loopback is refused before any request, naming the flag', async () => {
    for (const command of [['plan'], ['apply', '--auto-approve'], ['verify']]) {
      const run = await cli([...command, 'aws.yaml'], { TRAFFICPORT_ROUTE53_ENDPOINT: 'http://0.0.0.0:9' });
      expect(run.code, run.out).toBe(1);
      expect(run.out).toContain('PROVIDER.ENDPOINT_REFUSED');
      expect(run.out).toContain(SEND_CREDENTIALS_FLAG);
      expect(run.out).not.toContain(CANARY.AWS_ACCESS_KEY_ID);
    }
  });
});

describe('Azure (backend: azure) with TRAFFICPORT_AZURE_ENDPOINT', () => {
  const policy = loadPolicy(
    `version: 1
providers:
  az: { type: azure, zone: example.com, subscription: 11111111-2222-3333-4444-555555555555, resourceGroup: dns, backend: azure }
endpoints:
  az-weu: { cloud: azure, region: westeurope, a: [198.51.100.20] }
services:
  - { name: www.example.com, ttl: 60, endpoints: [az-weu], publish: [az] }
`,
    'azure.yaml',
  );
  if (!policy.ok) throw new Error(JSON.stringify(policy.diagnostics));
  const provider = policy.policy.providers[0] as AzureProvider;

  it('a loopback mock gets the fixed fake token, never a token of the real credential chain', async () => {
    const server = await startAzureMock({ store: createAzureMockStore(join(dir, 'azure.json')) });
    const tokens: string[] = [];
    const handle = server.backend.handle;
    server.backend.handle = (request) => {
      tokens.push(String(request.headers.authorization));
      return handle(request);
    };
    try {
      const ca = join(dir, 'azure-ca.pem');
      writeFileSync(ca, server.ca);
      const adapter = await createAzureAdapter(provider, {
        mockStateDir: join(dir, 'unused'),
        env: { TRAFFICPORT_AZURE_ENDPOINT: server.url, TRAFFICPORT_AZURE_CA: ca },
        retryOptions: { maxRetries: 0 },
      });
      await adapter.read(['www.example.com']).catch(() => undefined);
      expect(tokens.length).toBeGreaterThan(0);
      expect([...new Set(tokens)]).toEqual(['Bearer mock-token']);
    } finally {
      await server.close();
    }
  });

  it('an override that is not loopback is refused before a credential or a request is made', async () => {
    const adapter = createAzureAdapter(provider, {
      mockStateDir: join(dir, 'unused'),
      env: { TRAFFICPORT_AZURE_ENDPOINT: 'https://0.0.0.0:9' },
    });
    await expect(adapter).rejects.toMatchObject({
      code: 'PROVIDER.ENDPOINT_REFUSED',
      hint: expect.stringContaining(SEND_CREDENTIALS_FLAG),
    });
  });
});
