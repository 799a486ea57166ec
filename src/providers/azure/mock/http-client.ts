import type { HttpClient, HttpHeaders, PipelineRequest, PipelineResponse } from '@azure/core-rest-pipeline';
import type { TokenCredential } from '@azure/identity';
import { TransportFault } from './faults.js';
import type { MockHttpRequest, MockHttpResponse } from './wire.js';

/**
 * In-process transport: the SDK clients' pipeline (auth, retries, serialization) runs unchanged and
 * its last step calls the mock instead of the network. The endpoint must be https:// because the
 * bearer-token policy refuses plain http; nothing is ever resolved or dialled.
 */
export const MOCK_ARM_ENDPOINT = 'https://management.mock';

/** The ARM scope; any value works with the mock, this is what production uses. */
export const ARM_SCOPE = 'https://management.azure.com/.default';

export interface MockTransportTarget {
  handle(request: MockHttpRequest): Promise<MockHttpResponse>;
}

/** A credential that hands out a fixed token; the mock accepts any bearer token. */
export function createMockCredential(): TokenCredential {
  return {
    async getToken() {
      return { token: 'mock-token', expiresOnTimestamp: Date.now() + 3_600_000 };
    },
  };
}

export function createInProcessHttpClient(target: MockTransportTarget): HttpClient {
  return {
    async sendRequest(request: PipelineRequest): Promise<PipelineResponse> {
      if (request.abortSignal?.aborted) throw abortError();
      const mockRequest: MockHttpRequest = {
        method: request.method,
        url: request.url,
        headers: request.headers.toJSON(),
        ...bodyOf(request),
      };
      try {
        const response = await target.handle(mockRequest);
        return {
          request,
          status: response.status,
          headers: createHeaders(response.headers),
          bodyAsText: response.body,
        };
      } catch (error) {
        if (!(error instanceof TransportFault)) throw error;
        if (error.fault === 'timeout') await hang(request, error.delayMs);
        throw transportError('socket hang up', 'ECONNRESET', request);
      }
    },
  };
}

/** Options for `new DnsManagementClient(credential, subscriptionId, options)` (and Traffic Manager). */
export function inProcessClientOptions(target: MockTransportTarget) {
  return {
    endpoint: MOCK_ARM_ENDPOINT,
    credentialScopes: [ARM_SCOPE],
    httpClient: createInProcessHttpClient(target),
  };
}

function bodyOf(request: PipelineRequest): { body?: string } {
  const body = request.body;
  if (body === undefined || body === null) return {};
  if (typeof body === 'string') return { body };
  if (ArrayBuffer.isView(body))
    return { body: Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8') };
  if (body instanceof ArrayBuffer) return { body: Buffer.from(body).toString('utf8') };
  throw new Error('the in-process Azure mock transport supports string and byte bodies only');
}

/** Waits as a client would on a server that never answers: until aborted, timed out, or dropped. */
async function hang(request: PipelineRequest, delayMs: number): Promise<void> {
  const limit = request.timeout > 0 ? Math.min(request.timeout, delayMs) : delayMs;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      request.abortSignal?.removeEventListener('abort', onAbort);
      if (request.timeout > 0 && request.timeout <= delayMs) reject(abortError());
      else resolve();
    }, limit);
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortError());
    };
    request.abortSignal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Shaped like the errors the SDK's Node client raises, so its retry strategies treat them alike. */
function transportError(message: string, code: string, request: PipelineRequest): Error {
  return Object.assign(new Error(message), { name: 'RestError', code, request });
}

function abortError(): Error {
  return Object.assign(new Error('The operation was aborted.'), { name: 'AbortError' });
}

function createHeaders(raw: Readonly<Record<string, string>>): HttpHeaders {
  const map = new Map<string, { name: string; value: string }>();
  for (const [name, value] of Object.entries(raw)) map.set(name.toLowerCase(), { name, value });
  const headers: HttpHeaders = {
    get: (name) => map.get(name.toLowerCase())?.value,
    has: (name) => map.has(name.toLowerCase()),
    set: (name, value) => void map.set(name.toLowerCase(), { name, value: String(value) }),
    delete: (name) => void map.delete(name.toLowerCase()),
    toJSON: (options) =>
      Object.fromEntries(
        [...map.entries()].map(([key, entry]) => [options?.preserveCase ? entry.name : key, entry.value]),
      ),
    *[Symbol.iterator]() {
      for (const [key, entry] of map) yield [key, entry.value];
    },
  };
  return headers;
}
