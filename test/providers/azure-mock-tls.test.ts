import { spawn } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startAzureMock } from '../../src/providers/azure/mock/index.js';
import { createLoopbackCertificate } from '../../src/providers/azure/mock/tls/loopback-certificate.js';
import { assertBuilt, BIN } from '../support/binary.js';

/*
 * The Azure mock's certificate is made when a server starts: loopback names only, not a CA, a key
 * that never leaves the process. Node's X.509 parser and real TLS handshakes are the judges here,
 * not the DER writer that made it.
 */

const NOW = Date.parse('2026-12-01T00:00:00Z');

describe('createLoopbackCertificate', () => {
  const made = createLoopbackCertificate(NOW);
  const x509 = new X509Certificate(made.cert);

  it('is a self-signed end-entity certificate (not a CA) for the loopback names only', () => {
    expect(x509.ca).toBe(false);
    expect(x509.verify(x509.publicKey)).toBe(true);
    expect(x509.subjectAltName).toBe('IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1, DNS:localhost');
    expect(x509.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(x509.checkIP('::1')).toBe('::1');
    expect(x509.checkHost('localhost')).toBe('localhost');
    for (const other of ['example.com', 'management.azure.com', 'localhost.example.com']) {
      expect(x509.checkHost(other)).toBeUndefined();
    }
    expect(x509.checkIP('10.0.0.1')).toBeUndefined();
    expect(x509.keyUsage).toEqual(['1.3.6.1.5.5.7.3.1']); // serverAuth only
    expect(x509.publicKey.asymmetricKeyDetails).toEqual({ namedCurve: 'prime256v1' });
  });

  it('is valid from an hour before it was made for 90 days', () => {
    expect(Date.parse(x509.validFrom)).toBe(NOW - 3_600_000);
    expect(Date.parse(x509.validTo)).toBe(NOW + 90 * 86_400_000);
  });

  it('is new every time: another key, another serial', () => {
    const again = new X509Certificate(createLoopbackCertificate(NOW).cert);
    expect(again.serialNumber).not.toBe(x509.serialNumber);
    expect(again.publicKey.export({ format: 'jwk' })).not.toEqual(x509.publicKey.export({ format: 'jwk' }));
  });
});

/** GET / over TLS, trusting only `ca`; resolves with the error code on a failed handshake. */
function handshake(url: string, ca: string, servername?: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const req = request({ host: hostname, port, ca, path: '/', ...(servername ? { servername } : {}) }, (response) => {
      response.resume();
      response.on('end', () => resolve(`HTTP ${response.statusCode}`));
    });
    req.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
    req.end();
  });
}

describe('startAzureMock over TLS', () => {
  it('each server has its own certificate; a client trusts exactly the one it was given', async () => {
    const [a, b] = await Promise.all([startAzureMock(), startAzureMock()]);
    try {
      expect(a.ca).not.toBe(b.ca);
      expect(await handshake(a.url, a.ca)).toMatch(/^HTTP \d+$/);
      expect(await handshake(b.url, a.ca)).toBe('DEPTH_ZERO_SELF_SIGNED_CERT');
      // Right key, wrong name: nothing but the loopback names verifies.
      expect(await handshake(a.url, a.ca, 'management.azure.com')).toBe('ERR_TLS_CERT_ALTNAME_INVALID');
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});

describe('trafficport mock serve (built binary)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tp-mock-tls-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes the certificate (never a key) for other processes, and removes it when it stops', async () => {
    assertBuilt();
    const child = spawn(process.execPath, [BIN, 'mock', 'serve', '--state-dir', join(dir, 'state')], {
      cwd: dir,
      env: { ...process.env, NO_COLOR: '1' },
    });
    let output = '';
    const printed = new Promise<void>((resolve) => {
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('serving until interrupted')) resolve();
      });
    });
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    await printed;
    const file = /export TRAFFICPORT_AZURE_CA=(.+)/.exec(output)?.[1];
    const url = /export TRAFFICPORT_AZURE_ENDPOINT=(.+)/.exec(output)?.[1];
    expect(file).toBe(join(dir, 'state', 'mock', 'azure-mock-cert.pem'));
    const cert = readFileSync(file!, 'utf8');
    expect(cert).toMatch(/^-----BEGIN CERTIFICATE-----\n[\s\S]+-----END CERTIFICATE-----\n$/);
    expect(new X509Certificate(cert).ca).toBe(false);
    expect(statSync(file!).mode & 0o777).toBe(0o600);
    expect(await handshake(url!, cert)).toMatch(/^HTTP \d+$/);
    // No key anywhere the server wrote, nor in what it printed.
    const written = readdirSync(join(dir, 'state'), { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => readFileSync(join(entry.parentPath, entry.name), 'utf8'));
    expect(written.length).toBeGreaterThan(0);
    expect([...written, output].filter((text) => /PRIVATE KEY/.test(text))).toEqual([]);
    child.kill('SIGTERM');
    // 128 + SIGTERM: stopped by the signal, as shells report it (test/cli/mock-serve-stop.test.ts).
    expect(await exited).toBe(143);
    expect(existsSync(file!)).toBe(false);
  });
});
