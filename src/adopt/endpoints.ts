import { findRegion } from '../geo/regions/index.js';
import type { RawHealthCheck } from '../policy/health-schema.js';
import { ENDPOINT_ID_PATTERN } from '../policy/schema.js';

/**
 * Endpoints from what a provider answers. An answer is a set of values of one record type (or an
 * alias out of the zone, taken as a CNAME to its name); each distinct answer becomes one endpoint,
 * reusing an endpoint of the policy whose targets are exactly those values. Cloud and region are
 * inferred where the answer says so (a latency record's Region, an AWS load balancer or instance
 * name, an Azure cloudapp name, a Traffic Manager endpoint's location); otherwise the endpoint is
 * written as `onprem` at the country it serves most, with a comment asking the user to check.
 */

export interface Answer {
  /** A, AAAA, CNAME, or ALIAS (an alias out of the zone). */
  readonly type: string;
  readonly values: readonly string[];
}

export interface ImportedEndpoint {
  readonly id: string;
  /** Already in the policy (reused as it is). */
  readonly existing: boolean;
  readonly cloud: string;
  readonly region?: string;
  readonly country?: string;
  readonly a?: readonly string[];
  readonly aaaa?: readonly string[];
  readonly cname?: string;
  /** Another tool's health check settings for it (adopt/health.ts). */
  readonly healthCheck?: RawHealthCheck;
  /** What was inferred and what the user must check. */
  readonly comment: string;
}

export interface ExistingEndpoint {
  readonly id: string;
  readonly a?: readonly string[] | undefined;
  readonly aaaa?: readonly string[] | undefined;
  readonly cname?: string | undefined;
}

/** An answer's identity: its type and sorted values (names without case or final dot). */
export function answerKey(values: readonly string[], type: string): string {
  const normal = values.map((v) => (type === 'A' || type === 'AAAA' ? v : v.toLowerCase().replace(/\.$/, '')));
  return `${type}|${[...normal].sort().join(',')}`;
}

export function parseAnswerKey(key: string): Answer {
  const [type = '', values = ''] = key.split('|');
  return { type, values: values === '' ? [] : values.split(',') };
}

export interface Hint {
  readonly cloud: string;
  readonly region: string;
  readonly why: string;
}

/** Cloud and region a host name tells, if any. */
export function hostHint(host: string): Hint | undefined {
  const name = host.toLowerCase().replace(/\.$/, '');
  const aws = /\.([a-z]{2}(?:-gov)?-[a-z]+-\d)\.(?:elb|compute)\.amazonaws\.com$/.exec(name);
  if (aws?.[1] !== undefined && findRegion('aws', aws[1]))
    return { cloud: 'aws', region: aws[1], why: `AWS region from the host name ${name}` };
  if (/\.compute-1\.amazonaws\.com$/.test(name))
    return { cloud: 'aws', region: 'us-east-1', why: `AWS us-east-1 from the host name ${name}` };
  const azure = /\.([a-z0-9]+)\.cloudapp\.azure\.com$/.exec(name);
  if (azure?.[1] !== undefined && findRegion('azure', azure[1]))
    return { cloud: 'azure', region: azure[1], why: `Azure region from the host name ${name}` };
  return undefined;
}

/** A policy id for an answer, unique among `taken`. */
export function endpointId(answer: Answer, label: string | undefined, taken: ReadonlySet<string>): string {
  const base =
    slug(label ?? '') ||
    slug(answer.type === 'A' || answer.type === 'AAAA' ? `ip-${answer.values[0] ?? ''}` : (answer.values[0] ?? ''));
  const start = base || 'endpoint';
  let id = start.slice(0, 60).replace(/-+$/, '');
  for (let n = 2; taken.has(id) || !ENDPOINT_ID_PATTERN.test(id); n++) id = `${start.slice(0, 56)}-${n}`;
  return id;
}

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** The existing endpoint whose targets are exactly the answer's, if any. */
export function matchExisting(answer: Answer, existing: readonly ExistingEndpoint[]): ExistingEndpoint | undefined {
  const want = answerKey(answer.values, answer.type === 'ALIAS' ? 'CNAME' : answer.type);
  return existing.find((endpoint) => {
    const targets =
      endpoint.cname !== undefined
        ? answerKey([endpoint.cname], 'CNAME')
        : answerKey(answer.type === 'AAAA' ? (endpoint.aaaa ?? []) : (endpoint.a ?? []), answer.type);
    return targets === want;
  });
}

/** Targets of an imported endpoint for an answer. */
export function targetsOf(answer: Answer): Pick<ImportedEndpoint, 'a' | 'aaaa' | 'cname'> {
  if (answer.type === 'A') return { a: [...answer.values].sort() };
  if (answer.type === 'AAAA') return { aaaa: [...answer.values].sort() };
  return { cname: answer.values[0] ?? '' };
}
