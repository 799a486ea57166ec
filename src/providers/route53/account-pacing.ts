import { TrafficportError } from '../../errors.js';
import { createRequestPacer, type PacingRate, type RequestPacer } from './pacing.js';

/**
 * Which bucket a client draws from. Route 53 limits requests per account, and the providers of
 * one policy (one per hosted zone) each have their own SDK client, so the pacer is shared
 * process-wide by account. The account id itself is unknown without a call, so an account is
 * named by what selects it here: the endpoint, and for AWS the credentials the default chain will
 * pick first (an access key id from the environment, else the profile).
 */

/** `<requests per second>[,<burst>]`, or `off`; overrides the default pacing of every Route 53 client. */
export const ROUTE53_RATE_ENV = 'TRAFFICPORT_ROUTE53_RATE';

type Env = Readonly<Record<string, string | undefined>>;

const pacers = new Map<string, RequestPacer>();

/** The one pacer of `account` at `rate` in this process. */
export function accountPacer(account: string, rate: PacingRate): RequestPacer {
  const key = `${account} @ ${rate.ratePerSecond}/s, burst ${rate.burst}`;
  let pacer = pacers.get(key);
  if (pacer === undefined) {
    pacer = createRequestPacer(rate);
    pacers.set(key, pacer);
  }
  return pacer;
}

/** Credentials the SDK's default chain tries first: environment keys, then the profile. */
export function awsAccount(env: Env): string {
  const keyId = env.AWS_ACCESS_KEY_ID;
  if (keyId !== undefined && keyId !== '') return `aws access key ${keyId}`;
  return `aws profile ${env.AWS_PROFILE || 'default'}`;
}

const backendIds = new WeakMap<object, number>();
let nextBackendId = 0;

/** An in-process mock backend is an account of its own, told apart by identity. */
export function mockBackendAccount(backend: object): string {
  let id = backendIds.get(backend);
  if (id === undefined) {
    id = nextBackendId++;
    backendIds.set(backend, id);
  }
  return `mock backend #${id}`;
}

/** The rate ROUTE53_RATE_ENV asks for: undefined when unset, false for `off` or `0`. */
export function rateFromEnv(env: Env): PacingRate | false | undefined {
  const text = env[ROUTE53_RATE_ENV]?.trim();
  if (text === undefined || text === '') return undefined;
  if (text === 'off' || text === '0') return false;
  const match = /^(\d+(?:\.\d+)?)(?:\s*,\s*(\d+))?$/.exec(text);
  const ratePerSecond = Number(match?.[1]);
  // Without a burst, one second's worth: a lowered rate usually means others share the account.
  const burst = match?.[2] === undefined ? Math.max(1, Math.floor(ratePerSecond)) : Number(match[2]);
  if (match === null || !(ratePerSecond > 0) || !(burst >= 1)) {
    throw new TrafficportError('PROVIDER.BAD_RATE', `${ROUTE53_RATE_ENV} is not a rate: '${text}'`, {
      hint: 'give requests per second and optionally a burst, e.g. 10 or 10,50; or off',
    });
  }
  return { ratePerSecond, burst };
}
