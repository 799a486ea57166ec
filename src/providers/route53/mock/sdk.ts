import type { MockHttpRequest, MockHttpResponse } from './types.js';

/**
 * An in-process smithy request handler: `new Route53Client({ requestHandler:
 * mockRequestHandler(backend), … })` sends every request straight to the mock, after the SDK
 * has serialized and signed it and before it would open a socket, so the client's own
 * serializers, error parsing and retry strategy all run. Timeouts and resets are turned into
 * the errors node's HTTP handler raises (TimeoutError, ECONNRESET), which the SDK retries.
 */

/** The parts of smithy's HttpRequest the mock reads (kept structural to avoid a dependency). */
export interface SdkHttpRequest {
  method: string;
  path: string;
  query?: Record<string, string | (string | null)[] | null>;
  headers: Record<string, string>;
  body?: unknown;
}

export interface SdkHandlerOptions {
  abortSignal?: { aborted: boolean; addEventListener?: (type: 'abort', listener: () => void) => void };
  requestTimeout?: number;
}

export interface MockRequestHandlerOptions {
  /** Used when the SDK call sets no `requestTimeout`; how long a hung request waits. Default 1 s. */
  readonly requestTimeoutMs?: number;
}

export interface MockRequestHandler {
  readonly metadata: { handlerProtocol: string };
  handle(
    request: SdkHttpRequest,
    options?: SdkHandlerOptions,
  ): Promise<{ response: { statusCode: number; headers: Record<string, string>; body: Uint8Array } }>;
  updateHttpClientConfig(key: never, value: never): void;
  httpHandlerConfigs(): Record<string, never>;
  destroy(): void;
}

export function mockRequestHandler(
  backend: { handle(request: MockHttpRequest): Promise<MockHttpResponse> },
  options: MockRequestHandlerOptions = {},
): MockRequestHandler {
  return {
    metadata: { handlerProtocol: 'http/1.1' },
    async handle(request, handlerOptions = {}) {
      const response = await backend.handle(toMockRequest(request));
      if (response.fault === 'reset') throw networkError('ECONNRESET', 'socket hang up');
      if (response.fault === 'hang') {
        const timeout = handlerOptions.requestTimeout ?? options.requestTimeoutMs ?? 1000;
        await hang(Math.min(timeout, response.hangMs ?? timeout), handlerOptions.abortSignal);
        throw timeout <= (response.hangMs ?? timeout)
          ? Object.assign(new Error(`Connection timed out after ${timeout} ms`), { name: 'TimeoutError' })
          : networkError('ECONNRESET', 'socket hang up');
      }
      const body = new TextEncoder().encode(response.body);
      return { response: { statusCode: response.status, headers: response.headers, body } };
    },
    updateHttpClientConfig() {},
    httpHandlerConfigs: () => ({}),
    destroy() {},
  };
}

function toMockRequest(request: SdkHttpRequest): MockHttpRequest {
  const query: Record<string, string | undefined> = {};
  for (const [key, value] of Object.entries(request.query ?? {})) {
    const first = Array.isArray(value) ? value[0] : value;
    if (typeof first === 'string') query[key] = first;
  }
  const headers: Record<string, string> = {};
  for (const [key, value] of Object.entries(request.headers)) headers[key.toLowerCase()] = value;
  return { method: request.method, path: request.path, query, headers, body: bodyText(request.body) };
}

function bodyText(body: unknown): string {
  if (body === undefined || body === null) return '';
  if (typeof body === 'string') return body;
  if (body instanceof Uint8Array) return new TextDecoder().decode(body);
  return String(body);
}

function networkError(code: string, message: string): Error {
  return Object.assign(new Error(message), { code });
}

function hang(ms: number, signal: SdkHandlerOptions['abortSignal']): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener?.('abort', () => {
      clearTimeout(timer);
      reject(Object.assign(new Error('Request aborted'), { name: 'AbortError' }));
    });
  });
}
