import { type RRType, TestDNSAnswerCommand } from '@aws-sdk/client-route-53';
import type { Endpoint } from '../../policy/types.js';
import { endpointOf } from '../../resolver/route53.js';
import { plannedFractions } from '../../resolver/route53-compare.js';
import type { ServiceSplit } from '../../solve/types.js';
import type { Route53Sender } from './zone.js';

/**
 * A spot check through the real API: TestDNSAnswer asks Route 53 (or the mock) what it would
 * answer a client in a geography, which exercises its own evaluation rather than ours. One
 * answer is one weighted draw, so the check is that the endpoint answering has a positive share
 * in the plan, not that shares match (evaluateRoute53 checks those).
 */

export interface SpotCheck {
  readonly geo: string;
  readonly type: string;
  readonly answer: readonly string[];
  /** The endpoint owning the answer; `?…` when none does. */
  readonly endpoint?: string;
  readonly ok: boolean;
  readonly problem?: string;
}

export interface SpotCheckOptions {
  readonly zoneId: string;
  readonly type: string;
  readonly geos: readonly string[];
  /**
   * The EDNS0 client-subnet address that places a client in a geography, e.g. the mock's
   * `mockClientIp`; undefined sends none, which Route 53 answers from the default record.
   */
  readonly clientIp: (geo: string) => string | undefined;
}

export async function spotCheckRoute53(
  client: Route53Sender,
  split: ServiceSplit,
  endpoints: readonly Endpoint[],
  options: SpotCheckOptions,
): Promise<SpotCheck[]> {
  const checks: SpotCheck[] = [];
  for (const geo of options.geos) {
    const ip = geo === '*' ? undefined : options.clientIp(geo);
    const response = await client.send(
      new TestDNSAnswerCommand({
        HostedZoneId: options.zoneId,
        RecordName: split.service,
        RecordType: options.type as RRType,
        ...(ip === undefined ? {} : { EDNS0ClientSubnetIP: ip }),
      }),
    );
    const answer = response.RecordData ?? [];
    checks.push(judge(geo, options.type, answer, split, endpoints));
  }
  return checks;
}

function judge(
  geo: string,
  type: string,
  answer: readonly string[],
  split: ServiceSplit,
  endpoints: readonly Endpoint[],
): SpotCheck {
  const base = { geo, type, answer };
  if (answer.length === 0) return { ...base, ok: false, problem: 'no answer' };
  const endpoint = endpointOf(answer, type, endpoints);
  const shares = planShares(split, geo);
  const share = plannedFractions(shares, type, endpoints)?.[endpoint] ?? 0;
  if (share > 0) return { ...base, endpoint, ok: true };
  return { ...base, endpoint, ok: false, problem: `${endpoint} answered but has no share in ${geo}` };
}

/** The plan's split for users in `geo`: its own, else its country's (a state the plan does not list), else the default. */
function planShares(split: ServiceSplit, geo: string): Readonly<Record<string, number>> {
  for (const candidate of [geo, geo.split('-')[0], '*']) {
    const found = split.geographies.find((geography) => geography.geo === candidate);
    if (found !== undefined) return found.shares;
  }
  return {};
}
