import { TrafficportError } from '../../errors.js';

/**
 * SDK failures → TrafficportErrors, by HTTP status and ARM error code only (never by message
 * text). The SDK's RestError carries the request, Authorization header included, so it is never
 * attached as a cause: only status, code and Azure's message travel on.
 */

interface SdkFailure {
  readonly statusCode?: number;
  readonly code?: string;
  readonly message?: string;
  readonly name?: string;
}

/** What @azure/identity throws when no credential in the chain can get a token. */
const AUTH_ERRORS = new Set(['CredentialUnavailableError', 'AuthenticationError', 'AggregateAuthenticationError']);

const TRANSPORT_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'REQUEST_SEND_ERROR',
]);

export function azureError(error: unknown, what: string): TrafficportError {
  if (error instanceof TrafficportError) return error;
  const failure = (typeof error === 'object' && error !== null ? error : {}) as SdkFailure;
  const status = failure.statusCode;
  const detail = describe(failure);
  if (status === 412) {
    return new TrafficportError('PROVIDER.CONFLICT', `${what} changed since read; run plan again`, {
      hint: 'someone else changed it between plan and apply; review the new plan before applying',
    });
  }
  if (status === 429) {
    return new TrafficportError('PROVIDER.THROTTLED', `Azure kept throttling ${what} after retries (${detail})`, {
      hint: 'Azure DNS allows 200 writes, 2,000 gets and 60 lists per zone per minute, Traffic Manager 600 profile writes and 150 deletes per subscription per minute; wait and apply again',
    });
  }
  if ((status !== undefined && status >= 500) || failure.name === 'AbortError' || isTransport(failure)) {
    return new TrafficportError('PROVIDER.UNAVAILABLE', `Azure did not answer ${what} after retries (${detail})`, {
      hint: 'a temporary Azure or network problem; apply again (applied changes are kept)',
    });
  }
  if (status === 401 || status === 403 || AUTH_ERRORS.has(failure.name ?? '')) {
    return new TrafficportError('PROVIDER.AUTH', `Azure refused the credentials for ${what} (${detail})`, {
      hint: 'sign in (az login) or set AZURE_CLIENT_ID/AZURE_TENANT_ID/AZURE_CLIENT_SECRET; the identity needs DNS Zone and Traffic Manager Contributor',
    });
  }
  if (status === 404) return new TrafficportError('PROVIDER.NOT_FOUND', `${what} was not found (${detail})`);
  return new TrafficportError('PROVIDER.REJECTED', `Azure refused ${what} (${detail})`);
}

function describe(failure: SdkFailure): string {
  const parts = [
    failure.statusCode === undefined ? undefined : String(failure.statusCode),
    failure.code,
    failure.message,
  ];
  return parts.filter((part) => part !== undefined && part !== '').join(' ') || 'no details';
}

function isTransport(failure: SdkFailure): boolean {
  return failure.statusCode === undefined && failure.code !== undefined && TRANSPORT_CODES.has(failure.code);
}

/** Whether a failure is the SDK's 404 (for reads where "missing" is an answer, not an error). */
export function isNotFound(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as SdkFailure).statusCode === 404;
}
