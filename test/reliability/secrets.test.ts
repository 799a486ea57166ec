/**
 * Secrets: canary credentials in the environment of the built CLI never appear in its output
 * (human, --json, --markdown, the step summary), in plan files, journals or mock state — on
 * success and on error paths (provider failures, stale plans, bad settings, a corrupted journal,
 * a service that echoes the signed request back), with TRAFFICPORT_DEBUG set. The AWS canaries
 * are really used: a recording Route 53 on loopback sees them sign every request. And the files
 * trafficport writes are owner-only (0600) in owner-only directories (0700), even under umask 000.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { CreateHostedZoneCommand, Route53Client } from '@aws-sdk/client-route-53';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRoute53Backend, mockRequestHandler } from '../../src/providers/route53/mock/index.js';
import { BIN, ROOT } from '../support/binary.js';

const CANARIES = {
  AWS_ACCESS_KEY_ID: 'AKIACANARY7LEAKTEST0',
  AWS_SECRET_ACCESS_KEY: 'cAnArY/sEcReT+aCcEsS/kEy0LeAkTeSt00000000',
  AWS_SESSION_TOKEN: 'IQoJb3JpZ2luX2VjCaNaRySeSsIoNtOkEn//////////wEaLeAkTeSt0000',
  AZURE_CLIENT_SECRET: 'cAnArY~AzUrE.cLiEnT_sEcReT-LeAkTeSt',
  AZURE_CLIENT_CERTIFICATE_PASSWORD: 'cAnArY-cErTiFiCaTe-PaSsWoRd',
  AZURE_PASSWORD: 'cAnArY-aZuRe-UsEr-PaSsWoRd',
  ARM_CLIENT_SECRET: 'cAnArY-aRm-ClIeNt-SeCrEt',
  GITHUB_TOKEN: 'ghp_cAnArYtOkEnLeAkTeSt000000000000000000',
} as const;

/** Each canary, plus a distinctive piece of it and its URL-encoded form: partial leaks count too. */
const NEEDLES = Object.entries(CANARIES).flatMap(([name, value]) => [
  { name, needle: value },
  { name: `${name} (fragment)`, needle: value.slice(4, 20) },
  { name: `${name} (url-encoded)`, needle: encodeURIComponent(value) },
]);

function leaks(text: string): string[] {
  return NEEDLES.filter(({ needle }) => text.includes(needle)).map(({ name }) => name);
}

const tally = { runs: 0, outputsScanned: 0, filesScanned: 0, bytesScanned: 0, modesChecked: 0, signedRequests: 0 };

afterAll(() => {
  console.log(
    `[reliability] secrets: ${Object.keys(CANARIES).length} canaries, ${tally.runs} CLI runs (${tally.outputsScanned} outputs), ` +
      `${tally.filesScanned} files (${tally.bytesScanned} bytes) scanned, ${tally.modesChecked} file modes checked, ` +
      `${tally.signedRequests} requests signed with the canary credentials`,
  );
});

interface Run {
  readonly args: readonly string[];
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

let dir: string;
const runs: Run[] = [];

/** The built CLI under umask 000 (modes must be set explicitly), with only canaries as secrets. */
function cli(args: readonly string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      '/bin/sh',
      ['-c', 'umask 000; exec "$0" "$@"', process.execPath, BIN, ...args],
      {
        cwd: dir,
        env: {
          PATH: process.env.PATH ?? '/usr/bin:/bin',
          HOME: dir,
          NO_COLOR: '1',
          TRAFFICPORT_DEBUG: '1',
          AWS_CONFIG_FILE: join(dir, 'no-aws-config'),
          AWS_SHARED_CREDENTIALS_FILE: join(dir, 'no-aws-credentials'),
          AWS_EC2_METADATA_DISABLED: 'true',
          ...CANARIES,
          ...env,
        },
        timeout: 60_000,
        maxBuffer: 32 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        const run = {
          args,
          code: error === null ? 0 : typeof error.code === 'number' ? error.code : -1,
          stdout,
          stderr,
        };
        runs.push(run);
        tally.runs += 1;
        resolve(run);
      },
    );
  });
}

function expectClean(run: Run): void {
  tally.outputsScanned += 2;
  expect(leaks(run.stdout), `stdout of ${run.args.join(' ')}`).toEqual([]);
  expect(leaks(run.stderr), `stderr of ${run.args.join(' ')}`).toEqual([]);
}

// ---------------------------------------------------------------------------------------------
// A Route 53 on loopback that records who signs, and can answer like AWS does to a bad signature
// ---------------------------------------------------------------------------------------------

let route53: { server: Server; url: string; seen: IncomingHttpHeaders[]; mode: 'serve' | 'bad-signature' };
let azureRun: Promise<Run>;

async function startRecordingRoute53(): Promise<typeof route53> {
  const backend = createRoute53Backend();
  const state: typeof route53 = { server: undefined as never, url: '', seen: [], mode: 'serve' };
  state.server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', async () => {
      state.seen.push(request.headers);
      const url = new URL(request.url ?? '/', 'http://localhost');
      if (state.mode === 'bad-signature') {
        // What AWS answers when the signature does not match: the canonical request it computed,
        // signed headers and their values included.
        const canonical = [
          request.method,
          url.pathname,
          url.search.slice(1),
          `host:${request.headers.host}`,
          `x-amz-date:${request.headers['x-amz-date']}`,
          `x-amz-security-token:${request.headers['x-amz-security-token']}`,
          '',
          'host;x-amz-date;x-amz-security-token',
        ].join('\n');
        response.writeHead(403, { 'content-type': 'text/xml', 'x-amzn-requestid': 'req-1' });
        response.end(
          `<?xml version="1.0"?>\n<ErrorResponse xmlns="https://route53.amazonaws.com/doc/2013-04-01/"><Error><Type>Sender</Type>` +
            '<Code>SignatureDoesNotMatch</Code><Message>The request signature we calculated does not match the signature you provided. ' +
            'Check your AWS Secret Access Key and signing method. Consult the service documentation for details.\n\n' +
            `The Canonical String for this request should have been\n'${canonical}'\n\nThe String-to-Sign should have been\n` +
            `'AWS4-HMAC-SHA256\n${request.headers['x-amz-date']}\n20261201/us-east-1/route53/aws4_request\n0000'\n</Message></Error>` +
            '<RequestId>req-1</RequestId></ErrorResponse>',
        );
        return;
      }
      const headers: Record<string, string> = {};
      for (const [key, value] of Object.entries(request.headers)) headers[key] = String(value);
      const answer = await backend.handle({
        method: request.method ?? 'GET',
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        headers,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      response.writeHead(answer.status, answer.headers);
      response.end(answer.body);
    });
  });
  await new Promise<void>((resolve) => state.server.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(state.server.address() as AddressInfo).port}`;
  // backend: aws never creates zones: the hosted zone exists, as it would at AWS.
  const admin = new Route53Client({
    region: 'us-east-1',
    credentials: { accessKeyId: 'admin', secretAccessKey: 'admin' },
    requestHandler: mockRequestHandler(backend),
  });
  await admin.send(new CreateHostedZoneCommand({ Name: 'example.com', CallerReference: 'secrets-test' }));
  return state;
}

const EU = readFileSync(join(ROOT, 'examples', 'eu-sovereignty.yaml'), 'utf8');
const AWS_POLICY = readFileSync(join(ROOT, 'examples', 'quickstart.yaml'), 'utf8').replace(
  'zone: example.com, backend: mock',
  'zone: example.com, backend: aws',
);
const AZURE_POLICY = EU.replace(/backend: mock\n {4}trafficManager/, 'backend: azure\n    trafficManager');

beforeAll(async () => {
  expect(AWS_POLICY).toContain('backend: aws }');
  expect(AZURE_POLICY).toContain('backend: azure\n');
  dir = mkdtempSync(join(tmpdir(), 'tp-secrets-'));
  writeFileSync(join(dir, 'eu.yaml'), EU);
  writeFileSync(join(dir, 'aws.yaml'), AWS_POLICY);
  writeFileSync(join(dir, 'azure.yaml'), AZURE_POLICY);
  writeFileSync(join(dir, 'plan.json'), '{}\n', { mode: 0o644 }); // replaced by `plan --out`
  route53 = await startRecordingRoute53();
  // Started now, awaited by its test: the credential chain takes seconds to give up. The
  // identity endpoints are closed loopback ports, so nothing leaves the machine.
  azureRun = cli(['plan', 'azure.yaml', '--provider', 'azdns', '--json'], {
    AZURE_TENANT_ID: '11111111-2222-3333-4444-555555555555',
    AZURE_CLIENT_ID: '66666666-7777-8888-9999-000000000000',
    AZURE_AUTHORITY_HOST: 'https://127.0.0.1:9',
    IDENTITY_ENDPOINT: 'http://127.0.0.1:9/msi/token',
    IDENTITY_HEADER: 'closed',
    IMDS_ENDPOINT: 'http://127.0.0.1:9',
  });
});

afterAll(async () => {
  await new Promise((resolve) => route53?.server.close(resolve));
});

describe('canary credentials never leak', { timeout: 600_000 }, () => {
  it('through a plan/apply/verify/rollback cycle on the mock backends, and its error paths', async () => {
    const summary = join(dir, 'step-summary.md');
    await Promise.all([
      cli(['validate', 'eu.yaml']),
      cli(['validate', 'eu.yaml', '--json']),
      cli(['splits', 'eu.yaml', '--json']),
      cli(['explain', 'eu.yaml', '--geo', 'DE']),
    ]);
    const planned = await cli(['plan', 'eu.yaml', '--at', '2026-12-01T00:00Z', '--out', 'plan.json', '--markdown'], {
      GITHUB_STEP_SUMMARY: summary,
    });
    expect(planned.code, planned.stderr).toBe(0);
    expect(statSync(join(dir, 'plan.json')).mode & 0o777).toBe(0o600);
    const applied = await cli(['apply', 'plan.json', '--auto-approve', '--json']);
    expect(applied.code, applied.stderr).toBe(0);
    // Error paths: a stale plan (human and --json), a provider failing mid-apply, bad settings.
    // The two applies one after the other: at once, one would find the other's zone lease.
    const stale = await cli(['apply', 'plan.json', '--auto-approve']);
    const staleJson = await cli(['apply', 'plan.json', '--auto-approve', '--json']);
    const bad = await Promise.all([
      cli(['plan', 'eu.yaml'], { TRAFFICPORT_MOCK_FAULTS: '{not json' }),
      cli(['plan', 'eu.yaml', '--json'], {
        TRAFFICPORT_AZURE_ENDPOINT: 'https://127.0.0.1:9',
        TRAFFICPORT_AZURE_CA: join(dir, 'no-such-ca.pem'),
      }),
      cli(['plan', 'eu.yaml'], { TRAFFICPORT_ROUTE53_ENDPOINT: 'ftp://127.0.0.1' }),
    ]);
    expect([stale.code, staleJson.code]).toEqual([1, 1]);
    expect(stale.stderr).toContain('PLAN.STALE');
    expect(JSON.parse(staleJson.stdout).error.code).toBe('PLAN.STALE');
    expect(bad.map((r) => r.code)).toEqual([1, 1, 1]);
    const failing = await cli(
      ['apply', 'eu.yaml', '--at', '2026-12-06T03:00Z', '--auto-approve', '--force', '--json'],
      {
        TRAFFICPORT_MOCK_FAULTS: JSON.stringify({
          azure: { rules: [{ kind: 'status', status: 503, retryAfterSeconds: 0 }] },
        }),
      },
    );
    expect(failing.code).toBe(1);
    expect(failing.stdout).toContain('PROVIDER.UNAVAILABLE');
    // The failed apply's journal is on disk now: owner-only, like everything else.
    expect(statSync(join(dir, '.trafficport', 'journal', 'current.json')).mode & 0o777).toBe(0o600);
    expect(bad.map((r) => r.stdout + r.stderr).join('\n')).not.toContain('INTERNAL.UNEXPECTED');
    const resumed = await cli(['apply', '--resume', 'eu.yaml']);
    expect(resumed.code, resumed.stderr).toBe(0);
    await Promise.all([
      cli(['verify', 'eu.yaml', '--at', '2026-12-06T03:00Z', '--json']),
      cli(['apply', '--resume', 'eu.yaml']),
    ]);
    const rolledBack = await cli(['rollback', 'eu.yaml', '--auto-approve', '--force', '--json']);
    expect(rolledBack.code, rolledBack.stderr).toBe(0);
    // A damaged journal is reported, not a crash (and not an excuse to print anything else).
    writeFileSync(
      join(dir, '.trafficport', 'journal', 'current.json'),
      '{"version":1,"kind":"trafficport-journal","providers":null}',
    );
    const damaged = await cli(['apply', '--resume', 'eu.yaml']);
    expect(damaged.code).toBe(1);
    expect(damaged.stderr).toContain('JOURNAL.UNREADABLE');
    writeFileSync(
      join(dir, '.trafficport', 'journal', 'current.json'),
      '{"version":1,"kind":"trafficport-journal","status":"done","providers":{}}',
    );
    for (const run of runs) expectClean(run);
    expect(runs.map((r) => r.stdout + r.stderr).join('\n')).not.toContain('INTERNAL.UNEXPECTED');
    expect(leaks(readFileSync(summary, 'utf8'))).toEqual([]);
  });

  it('through real AWS credentials: every request is signed with them, no error echoes them', async () => {
    const env = { AWS_ENDPOINT_URL_ROUTE_53: route53.url };
    route53.mode = 'serve';
    const first = await cli(['apply', 'aws.yaml', '--at', '2026-12-01T00:00Z', '--auto-approve', '--json'], env);
    expect(first.code, first.stdout + first.stderr).toBe(0);
    expect((await cli(['plan', 'aws.yaml', '--at', '2026-12-01T00:00Z', '--detailed-exitcode'], env)).code).toBe(0);
    const signed = route53.seen.filter(
      (headers) =>
        String(headers.authorization).includes(`Credential=${CANARIES.AWS_ACCESS_KEY_ID}/`) &&
        headers['x-amz-security-token'] === CANARIES.AWS_SESSION_TOKEN,
    );
    expect(signed.length).toBe(route53.seen.length);
    expect(signed.length).toBeGreaterThan(2);
    tally.signedRequests += signed.length;
    // AWS echoes the canonical request (session token included) when a signature does not match.
    route53.mode = 'bad-signature';
    const refused = await Promise.all([
      cli(['plan', 'aws.yaml'], env),
      cli(['plan', 'aws.yaml', '--json'], env),
      cli(['apply', 'aws.yaml', '--auto-approve'], env),
    ]);
    for (const run of refused) {
      expect(run.code).toBe(1);
      expect(run.stdout + run.stderr).toContain('PROVIDER.AUTH');
      expect(run.stdout + run.stderr).toContain('SignatureDoesNotMatch');
      expectClean(run);
    }
    expect(route53.seen.some((headers) => headers['x-amz-security-token'] === CANARIES.AWS_SESSION_TOKEN)).toBe(true);
    for (const run of runs) expectClean(run);
  });

  it('through Azure credentials that cannot get a token', async () => {
    const refused = await azureRun;
    expect(refused.code).toBe(1);
    expect(JSON.parse(refused.stdout).error.code).toBe('PROVIDER.AUTH');
    expectClean(refused);
  });
});

describe('what trafficport writes', () => {
  it('holds no canary, and is owner-only in owner-only directories', () => {
    const files: string[] = [];
    const directories: string[] = [];
    const walk = (path: string) => {
      for (const entry of readdirSync(path, { withFileTypes: true })) {
        const full = join(path, entry.name);
        if (entry.isDirectory()) {
          directories.push(full);
          walk(full);
        } else files.push(full);
      }
    };
    walk(dir);
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      tally.filesScanned += 1;
      tally.bytesScanned += text.length;
      expect(leaks(text), relative(dir, file)).toEqual([]);
    }
    const state = join(dir, '.trafficport');
    const ours = [join(dir, 'plan.json'), ...files.filter((f) => f.startsWith(state) && !f.endsWith('.lock'))];
    expect(ours.some((f) => f.endsWith('route53.json'))).toBe(true);
    expect(ours.some((f) => f.endsWith('azure.json'))).toBe(true);
    expect(ours.filter((f) => f.includes(`${join('.trafficport', 'journal')}`)).length).toBeGreaterThan(2);
    for (const file of ours) {
      tally.modesChecked += 1;
      expect((statSync(file).mode & 0o777).toString(8), relative(dir, file)).toBe('600');
    }
    for (const directory of [state, ...directories.filter((d) => d.startsWith(state))]) {
      tally.modesChecked += 1;
      expect((statSync(directory).mode & 0o777).toString(8), relative(dir, directory)).toBe('700');
    }
  });
});
