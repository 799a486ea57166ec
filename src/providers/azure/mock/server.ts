import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { TransportFault } from './faults.js';
import { type AzureMockBackend, type AzureMockOptions, createAzureMockHandler } from './handler.js';
import { ARM_SCOPE } from './http-client.js';
import { createLoopbackCertificate } from './tls/loopback-certificate.js';

export interface AzureMockServerOptions extends AzureMockOptions {
  /** 0 (default) picks a free port. */
  readonly port?: number;
  readonly host?: string;
}

export interface AzureMockServer {
  /** `https://127.0.0.1:<port>`: the ARM endpoint to give the SDK clients. */
  readonly url: string;
  /**
   * The certificate the clients must trust (PEM): made for this server when it started, for the
   * loopback names only, not a CA; its key never leaves this process's memory.
   */
  readonly ca: string;
  readonly backend: AzureMockBackend;
  /** Options for the SDK client constructors: endpoint, scope and the CA to trust. */
  clientOptions(): { endpoint: string; credentialScopes: string[]; tlsOptions: { ca: string } };
  close(): Promise<void>;
}

/**
 * Serves the mock over HTTPS on loopback (the SDK refuses bearer tokens over http://) with a
 * certificate made for this server (tls/loopback-certificate.ts). Connection resets and timeouts are real here: the
 * socket is destroyed, or held open without an answer.
 */
export async function startAzureMock(options: AzureMockServerOptions = {}): Promise<AzureMockServer> {
  const backend = createAzureMockHandler(options);
  const held = new Set<NodeJS.Timeout>();
  const { cert, key } = createLoopbackCertificate();
  const server = createServer({ key, cert }, (request, response) => {
    void serve(backend, request, response, held);
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const url = `https://${host.includes(':') ? `[${host}]` : host}:${port}`;
  return {
    url,
    ca: cert,
    backend,
    clientOptions: () => ({ endpoint: url, credentialScopes: [ARM_SCOPE], tlsOptions: { ca: cert } }),
    close: () =>
      new Promise<void>((resolve, reject) => {
        for (const timer of held) clearTimeout(timer);
        held.clear();
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

async function serve(
  backend: AzureMockBackend,
  request: IncomingMessage,
  response: ServerResponse,
  held: Set<NodeJS.Timeout>,
): Promise<void> {
  try {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(request.headers)) {
      if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
    }
    const body = Buffer.concat(chunks).toString('utf8');
    const answer = await backend.handle({
      method: request.method ?? 'GET',
      url: `https://${request.headers.host ?? 'localhost'}${request.url ?? '/'}`,
      headers,
      ...(body === '' ? {} : { body }),
    });
    response.writeHead(answer.status, answer.headers);
    response.end(answer.body);
  } catch (error) {
    if (error instanceof TransportFault) {
      if (error.fault === 'reset') {
        request.socket.destroy();
        return;
      }
      const timer = setTimeout(() => {
        held.delete(timer);
        request.socket.destroy();
      }, error.delayMs);
      held.add(timer);
      return;
    }
    response.writeHead(500, { 'content-type': 'application/json; charset=utf-8' });
    response.end(JSON.stringify({ error: { code: 'InternalServerError', message: (error as Error).message } }));
  }
}
