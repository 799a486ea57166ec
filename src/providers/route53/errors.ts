import { TrafficportError } from '../../errors.js';

/**
 * SDK errors → TrafficportErrors, at the adapter boundary, by error name and HTTP status (never
 * by message text, except to tell an exact-match conflict from other batch refusals, where
 * InvalidChangeBatch is the only code Route 53 has). Messages repeat what Route 53 said; the
 * SDK never puts credentials into them, and nothing here reads the client's configuration.
 */

interface SdkErrorShape {
  readonly name?: string;
  readonly code?: string;
  readonly message?: string;
  readonly messages?: readonly string[];
  readonly $fault?: 'client' | 'server';
  readonly $metadata?: { readonly httpStatusCode?: number; readonly attempts?: number };
}

const THROTTLING = new Set([
  'Throttling',
  'ThrottlingException',
  'ThrottledException',
  'TooManyRequestsException',
  'PriorRequestNotComplete',
  'RequestLimitExceeded',
]);
const NETWORK = new Set(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN']);
const AUTH = new Set([
  'AccessDenied',
  'AccessDeniedException',
  'InvalidClientTokenId',
  'UnrecognizedClientException',
  'ExpiredToken',
  'ExpiredTokenException',
  'SignatureDoesNotMatch',
  'CredentialsProviderError',
  'TokenProviderError',
]);
/** Route 53's words for "the set is not what you said it was" (exact-match CREATE/DELETE). */
const STALE = /already exists|was not found|do not match the current values/;

export function attemptsOf(error: unknown): number {
  return (error as SdkErrorShape | undefined)?.$metadata?.attempts ?? 1;
}

export function isSdkError(error: unknown, name: string): boolean {
  return (error as SdkErrorShape | undefined)?.name === name;
}

/** Route 53's problems with a rejected batch, one per entry, without repeats. */
export function batchMessages(error: unknown): string[] {
  const shape = error as SdkErrorShape;
  if (shape.messages !== undefined && shape.messages.length > 0) return [...new Set(shape.messages)];
  return shape.message === undefined ? [] : [shape.message];
}

/** A few problems are enough to act on; a batch of hundreds would bury the message. */
export function summarizeMessages(messages: readonly string[], shown = 3): string {
  const more = messages.length - shown;
  return [...messages.slice(0, shown), ...(more > 0 ? [`and ${more} more`] : [])].join('; ');
}

/**
 * AWS answers SignatureDoesNotMatch with the canonical request and string to sign it computed,
 * which list the signed headers with their values — the session token (x-amz-security-token)
 * among them. That echo must never reach output or logs: it is cut off, and any security-token
 * header value that appears anyway is redacted.
 */
export function withoutEchoedRequest(message: string): string {
  return message
    .replace(/\s*The (Canonical String|String-to-Sign) for this request should have been[\s\S]*$/i, '')
    .replace(/(x-amz-security-token\s*[:=]\s*)[^\s&'"<]+/gi, '$1[redacted]');
}

/**
 * A batch refused only because sets were not what it said (stale): another writer, or the
 * apply's own earlier attempt. A batch with any other problem (a limit, a rule) is a refusal
 * in Route 53's own words, not a conflict.
 */
export function isConflict(error: unknown): boolean {
  const messages = batchMessages(error);
  return (
    isSdkError(error, 'InvalidChangeBatch') && messages.length > 0 && messages.every((message) => STALE.test(message))
  );
}

/** What the caller sees when an SDK call failed for good (after the SDK's own retries). */
export function providerError(error: unknown, provider: string, operation: string): TrafficportError {
  if (error instanceof TrafficportError) return error;
  const shape = (error ?? {}) as SdkErrorShape;
  const name = shape.name ?? 'Error';
  const said = `${name}: ${withoutEchoedRequest(shape.message ?? 'no message')}`;
  const where = `Route 53 provider '${provider}' (${operation})`;
  const status = shape.$metadata?.httpStatusCode ?? 0;
  if (THROTTLING.has(name)) {
    return new TrafficportError('PROVIDER.THROTTLED', `${where} is still throttled after retries: ${said}`, {
      hint: 'wait a minute and run the command again; other tools sharing the account may be using its rate limit',
      cause: error,
    });
  }
  if (AUTH.has(name)) {
    return new TrafficportError('PROVIDER.AUTH', `${where} refused the credentials: ${said}`, {
      hint: 'set AWS_PROFILE or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, or run `aws sso login`',
      cause: error,
    });
  }
  if (status >= 500 || shape.$fault === 'server' || name === 'TimeoutError' || NETWORK.has(shape.code ?? name)) {
    return new TrafficportError('PROVIDER.UNAVAILABLE', `${where} is unavailable: ${said}`, {
      hint: 'Route 53 or the network failed repeatedly; run the command again later',
      cause: error,
    });
  }
  if (name === 'NoSuchHostedZone') {
    return new TrafficportError('PROVIDER.NO_ZONE', `${where}: ${said}`, {
      hint: 'check hostedZoneId in the policy, or remove it to find the zone by name',
      cause: error,
    });
  }
  if (name === 'InvalidChangeBatch') {
    return new TrafficportError(
      'PROVIDER.REJECTED',
      `${where} rejected a change batch: ${summarizeMessages(batchMessages(error))}`,
      {
        hint: 'nothing from this batch was applied; fix the cause Route 53 names and plan again',
        cause: error,
      },
    );
  }
  return new TrafficportError('PROVIDER.ERROR', `${where} failed: ${said}`, { cause: error });
}
