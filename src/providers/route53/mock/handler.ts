import { randomUUID } from 'node:crypto';
import { TrafficportError } from '../../../errors.js';
import type { OperationContext, OperationResult } from './context.js';
import { countCall, countError, type Route53MockCounters } from './counters.js';
import { internalFailure, Route53MockError, throttling } from './errors.js';
import type { FaultInjector, FaultKind } from './faults.js';
import { OPERATION_TABLE } from './operations.js';
import type { TokenBucket } from './rate-limit.js';
import { routeRequest } from './router.js';
import type { MockHttpRequest, MockHttpResponse, OperationName } from './types.js';
import { errorDocument } from './xml-write.js';

/**
 * One request in, one response out: route, count, inject faults, rate-limit, run the operation
 * and render errors in the shape the SDK parses. Transports (node:http, the in-process SDK
 * handler) only move bytes.
 */
export interface HandlerParts {
  readonly context: OperationContext;
  readonly counters: Route53MockCounters;
  readonly faults: FaultInjector;
  readonly failStatus: 500 | 503;
  readonly faultAfterApply: boolean;
  readonly hangMs: number;
  /** Account-wide API bucket. */
  readonly requests: TokenBucket | undefined;
  /** Separate bucket for ChangeResourceRecordSets (Route 53 documents a change-throughput limit). */
  readonly changes: TokenBucket | undefined;
}

function respond(
  status: number,
  body: string,
  requestId: string,
  extra: Record<string, string> = {},
): MockHttpResponse {
  return { status, body, headers: { 'content-type': 'text/xml', 'x-amzn-requestid': requestId, ...extra } };
}

function errorResponse(parts: HandlerParts, error: unknown, requestId: string): MockHttpResponse {
  // The mock's own trouble (a damaged state file) is not Route 53's: it reaches the user as is.
  if (error instanceof TrafficportError) throw error;
  const known = error instanceof Route53MockError ? error : internalFailure(500);
  countError(parts.counters, known.code);
  return respond(known.status, errorDocument(known, requestId), requestId);
}

/** A fault that answers with an error (throttle, 5xx), or undefined to go on. */
function faultError(parts: HandlerParts, fault: FaultKind | undefined): Route53MockError | undefined {
  if (fault === 'throttle') return throttling();
  if (fault === 'fail') return internalFailure(parts.failStatus);
  return undefined;
}

function rateLimited(parts: HandlerParts, operation: OperationName): boolean {
  const refused =
    (parts.requests !== undefined && !parts.requests.tryTake()) ||
    (operation === 'ChangeResourceRecordSets' && parts.changes !== undefined && !parts.changes.tryTake());
  if (refused) parts.counters.rateLimited += 1;
  return refused;
}

export async function handleRoute53Request(parts: HandlerParts, request: MockHttpRequest): Promise<MockHttpResponse> {
  const requestId = randomUUID();
  const route = routeRequest(request.method, request.path);
  if (!route) {
    const error = new Route53MockError(
      'InvalidAction',
      `No Route 53 operation for ${request.method} ${request.path}`,
      404,
    );
    return errorResponse(parts, error, requestId);
  }
  countCall(parts.counters, route.operation);
  const fault = parts.faults.next(route.operation);
  if (fault) parts.counters.faults[fault] += 1;
  const lost = fault === 'timeout' || fault === 'reset' ? fault : undefined;
  if (lost && !parts.faultAfterApply) return lose(respond(0, '', requestId), lost, parts.hangMs);
  const refusal = faultError(parts, fault) ?? (rateLimited(parts, route.operation) ? throttling() : undefined);
  if (refusal) return errorResponse(parts, refusal, requestId);
  let result: OperationResult;
  try {
    result = await OPERATION_TABLE[route.operation](parts.context, {
      ...(route.id === undefined ? {} : { id: route.id }),
      ...(route.sub === undefined ? {} : { sub: route.sub }),
      ...(fault === 'drop' ? { dropWrite: true } : {}),
      query: request.query,
      headers: request.headers,
      body: request.body,
    });
  } catch (error) {
    const response = errorResponse(parts, error, requestId);
    return lost ? lose(response, lost, parts.hangMs) : response;
  }
  const response = respond(result.status, result.body, requestId, result.headers);
  return lost ? lose(response, lost, parts.hangMs) : response;
}

function lose(response: MockHttpResponse, fault: 'timeout' | 'reset', hangMs: number): MockHttpResponse {
  return fault === 'timeout' ? { ...response, fault: 'hang', hangMs } : { ...response, fault: 'reset' };
}
