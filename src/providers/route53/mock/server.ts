import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { createRoute53Backend, type Route53MockBackend, type Route53MockOptions } from './backend.js';
import type { MockHttpRequest } from './types.js';

/**
 * Serves a mock backend on a loopback port, for clients that need a real socket:
 * `new Route53Client({ endpoint: url, … })`, other processes, curl. Besides the Route 53 API it
 * answers `GET /__mock/counters` with the backend's counters as JSON (mock-only, not counted).
 */

export interface StartRoute53MockOptions extends Route53MockOptions {
  /** 0 (default) picks a free port. */
  readonly port?: number;
  /** Serve this backend instead of creating one from the other options. */
  readonly backend?: Route53MockBackend;
}

export interface RunningRoute53Mock {
  /** `http://127.0.0.1:PORT`, ready for the SDK's `endpoint` option. */
  readonly url: string;
  readonly port: number;
  readonly backend: Route53MockBackend;
  /** Stops listening and drops open connections, including hung ones. */
  close(): Promise<void>;
}

export async function startRoute53Mock(options: StartRoute53MockOptions = {}): Promise<RunningRoute53Mock> {
  const backend = options.backend ?? createRoute53Backend(options);
  const sockets = new Set<Socket>();
  const server = createServer((request, response) => {
    serve(backend, request, response).catch(() => response.destroy());
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', resolve);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    backend,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function toMockRequest(request: IncomingMessage, body: string): MockHttpRequest {
  const url = new URL(request.url ?? '/', 'http://127.0.0.1');
  const query: Record<string, string | undefined> = {};
  for (const [key, value] of url.searchParams) query[key] ??= value;
  const headers: Record<string, string> = {};
  for (const [key, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers[key] = Array.isArray(value) ? value.join(', ') : value;
  }
  return { method: request.method ?? 'GET', path: url.pathname, query, headers, body };
}

async function serve(backend: Route53MockBackend, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const mockRequest = toMockRequest(request, await readBody(request));
  if (mockRequest.method === 'GET' && mockRequest.path === '/__mock/counters') {
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(backend.counters()));
    return;
  }
  const answer = await backend.handle(mockRequest);
  if (answer.fault === 'reset') {
    request.socket.destroy();
    return;
  }
  if (answer.fault === 'hang') {
    // Never answer; drop the connection only after hangMs so the client's timeout fires first.
    setTimeout(() => request.socket.destroy(), answer.hangMs ?? 60_000).unref();
    return;
  }
  response.writeHead(answer.status, { ...answer.headers, 'content-length': Buffer.byteLength(answer.body) });
  response.end(answer.body);
}
