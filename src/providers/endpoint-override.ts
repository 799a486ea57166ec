import { isIP } from 'node:net';
import { TrafficportError } from '../errors.js';

/*
 * TRAFFICPORT_ROUTE53_ENDPOINT and TRAFFICPORT_AZURE_ENDPOINT send a provider's requests to
 * another URL, made for `trafficport mock serve`. A real backend's credentials (an AWS signature
 * carries the access key id and session token, an Azure request a bearer token for the whole
 * subscription) must not follow a variable that is easy to leave set, so:
 *
 * - the override gets the mock's fake credentials, never real ones, unless
 *   --send-credentials-to-endpoint says otherwise;
 * - with a real backend (aws, azure), an override that is not a loopback address is refused unless
 *   --send-credentials-to-endpoint is given: the policy asked for the real service, and an address
 *   elsewhere is either a mistake or someone else's server.
 *
 * AWS_ENDPOINT_URL and AWS_ENDPOINT_URL_ROUTE_53 are the AWS SDK's own settings, honoured by every
 * AWS tool with the credentials of the profile: they are the user's AWS configuration, not ours.
 */

/** The flag that sends real credentials to an endpoint override (see above). */
export const SEND_CREDENTIALS_FLAG = '--send-credentials-to-endpoint';

export interface EndpointOverride {
  /** The URL, as given (a trailing slash dropped). */
  readonly url: string;
  /** Whether requests there carry the real backend's credentials. */
  readonly realCredentials: boolean;
}

export interface OverrideInput {
  readonly variable: string;
  readonly value: string | undefined;
  /** The provider's backend in the policy: `mock`, or the real service. */
  readonly realBackend: boolean;
  readonly sendCredentials: boolean;
  readonly protocols: readonly ('http:' | 'https:')[];
  /** An example URL for the hint. */
  readonly example: string;
}

/** Reads one override variable; undefined when it is unset or empty. */
export function endpointOverride(input: OverrideInput): EndpointOverride | undefined {
  const { variable, value } = input;
  if (value === undefined || value === '') return undefined;
  const url = URL.canParse(value) ? new URL(value) : undefined;
  if (url === undefined || !(input.protocols as readonly string[]).includes(url.protocol)) {
    throw new TrafficportError(
      'PROVIDER.BAD_ENDPOINT',
      `${variable} is not an ${input.protocols.map((p) => p.slice(0, -1)).join('/')} URL: '${value}'`,
      { hint: `use the URL \`trafficport mock serve\` prints, e.g. ${input.example}, or unset the variable` },
    );
  }
  const text = url.toString().replace(/\/$/, '');
  if (!input.realBackend) return { url: text, realCredentials: false };
  if (input.sendCredentials) return { url: text, realCredentials: true };
  if (isLoopback(url.hostname)) return { url: text, realCredentials: false };
  throw new TrafficportError(
    'PROVIDER.ENDPOINT_REFUSED',
    `${variable} points a real backend at ${url.host}, which is not this machine: trafficport will not send your cloud credentials there`,
    {
      hint: `unset ${variable} to reach the real service; point it at a loopback mock (127.0.0.1, ::1, localhost); or, if ${url.host} is yours and should get your credentials (a proxy, a private endpoint), pass ${SEND_CREDENTIALS_FLAG}`,
    },
  );
}

/** 127.0.0.0/8, ::1 and localhost: addresses that never leave the machine. */
export function isLoopback(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost') return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  return isIP(host) === 6 && new URL(`http://[${host}]/`).hostname === '[::1]';
}
