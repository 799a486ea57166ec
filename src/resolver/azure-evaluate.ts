import type { Policy } from '../policy/types.js';
import { NESTED_TYPE } from '../render/azure-bodies.js';
import { type AzureGeography, azureGeography, geoMappingCode } from '../render/azure-geo.js';
import { type AzureRecordType, relativeRecordName } from '../render/azure-names.js';
import { endpointIdOf } from '../render/azure-targets.js';
import type { Resource } from '../render/types.js';

/**
 * What a resolver gets from Azure for one service name and user location, computed from
 * canonical resources alone (live ones from `read`, or desired ones from the renderer), so
 * `verify` and plan previews need no network. It follows the path DNS takes: the record set at
 * the service name (alias to a profile, or CNAME to `<relativeName>.trafficmanager.net`), then the
 * Geographic profile (most specific geoMapping code wins: state > country > GEO-xx > WORLD;
 * nothing mapped or a Disabled match → NODATA), then the nested Weighted profile (Enabled
 * endpoints share by weight). Probe health is not part of the canonical state: by default every
 * endpoint counts as healthy (the answer Azure gives while all endpoints pass their probes); with
 * `down` (endpoint ids whose probes fail) it answers as Traffic Manager does then (Microsoft Learn
 * "Traffic Manager endpoint monitoring", "Nested Traffic Manager profiles"): a Weighted profile
 * shares among its healthy enabled endpoints, and among all enabled ones when none is healthy
 * (it fails open); a nested endpoint is healthy while its child has at least `minChildEndpoints`
 * healthy endpoints; a Priority profile (failoverBackups) answers its first healthy enabled
 * endpoint by priority, its first enabled one when none is healthy; a Geographic profile answers
 * the endpoint mapped for the location whatever its health, never another one.
 */

export type AzureAnswer =
  | { readonly kind: 'answers'; readonly fractions: ReadonlyMap<string, number> }
  | { readonly kind: 'nodata'; readonly reason: string };

interface EndpointBody {
  readonly name: string;
  readonly type: string;
  readonly properties: {
    readonly target?: string;
    readonly targetResourceId?: string;
    readonly endpointStatus?: string;
    readonly weight?: number;
    readonly priority?: number;
    readonly geoMapping?: readonly string[];
  };
}

interface ProfileBody {
  readonly properties: {
    readonly trafficRoutingMethod: string;
    readonly profileStatus?: string;
    readonly dnsConfig: { readonly relativeName: string };
    readonly endpoints: readonly EndpointBody[];
  };
}

const MAX_DEPTH = 10;

export class AzureResources {
  private readonly byKey: ReadonlyMap<string, Resource>;
  /** Profiles by DNS relative name, built on the first CNAME lookup (not a scan per lookup). */
  private byRelativeName: Map<string, ProfileBody> | undefined;
  /** Per Geographic profile: geoMapping code → the first endpoint mapping it. */
  private readonly mappings = new WeakMap<ProfileBody, Map<string, EndpointBody>>();
  /**
   * Answers of profiles that answer every location alike, worked out once: the weighted
   * profiles under a Geographic one are reached from many geographies (their read-only answer
   * is then shared by those geographies).
   */
  private readonly alike = new WeakMap<ProfileBody, AzureAnswer>();

  /**
   * `identify` names what an external endpoint answers: by default the endpoint id its name
   * stands for; `endpointIdentifier(policy)` also checks its target (verify.ts).
   */
  constructor(
    resources: readonly Resource[],
    private readonly zone: string,
    /** Traffic Manager's geographic hierarchy, as the provider lists it. */
    private readonly geography: AzureGeography = azureGeography(),
    private readonly identify: (name: string, target: string | undefined) => string = (name) => endpointIdOf(name),
    private readonly down: ReadonlySet<string> = new Set(),
  ) {
    this.byKey = new Map(resources.map((r) => [r.key, r]));
  }

  /** The record types published at a service name (A/AAAA aliases or a CNAME). */
  typesAt(service: string): AzureRecordType[] {
    const name = relativeRecordName(service, this.zone);
    return (['A', 'AAAA', 'CNAME'] as const).filter((type) => this.byKey.has(`azure.recordset|${name}|${type}`));
  }

  /** Answers for users at `geo` (`*`, `DE`, `US-CA`, `GEO-EU`) querying `service` for `type`. */
  evaluate(service: string, type: AzureRecordType, geo: string): AzureAnswer {
    const name = relativeRecordName(service, this.zone);
    const set = this.byKey.get(`azure.recordset|${name}|${type}`)?.body as
      | { readonly targetResource?: { readonly id: string }; readonly CNAMERecord?: { readonly cname: string } }
      | undefined;
    if (set === undefined) return nodata(`no ${type} record set at '${name}'`);
    const root = set.targetResource
      ? this.profileById(set.targetResource.id)
      : this.profileByHost(set.CNAMERecord?.cname ?? '');
    if (root === undefined) return nodata(`the ${type} record set at '${name}' points to no owned profile`);
    return this.evaluateProfile(root, geoMappingCode(geo), 0);
  }

  private profileById(id: string): ProfileBody | undefined {
    const name = id.toLowerCase().split('/trafficmanagerprofiles/')[1];
    return name === undefined
      ? undefined
      : (this.byKey.get(`azure.tm-profile|${name}`)?.body as ProfileBody | undefined);
  }

  private profileByHost(host: string): ProfileBody | undefined {
    const relative = host
      .toLowerCase()
      .replace(/\.$/, '')
      .replace(/\.trafficmanager\.net$/, '');
    this.byRelativeName ??= profilesByRelativeName(this.byKey.values());
    return this.byRelativeName.get(relative);
  }

  private evaluateProfile(profile: ProfileBody, location: string, depth: number): AzureAnswer {
    if (depth > MAX_DEPTH) return nodata('profiles nest too deeply');
    if (!answersAnywhereAlike(profile)) return this.evaluateRouting(profile, location, depth);
    let answer = this.alike.get(profile);
    if (answer === undefined) {
      answer = this.evaluateRouting(profile, location, depth);
      this.alike.set(profile, answer);
    }
    return answer;
  }

  private evaluateRouting(profile: ProfileBody, location: string, depth: number): AzureAnswer {
    if (profile.properties.profileStatus === 'Disabled') return nodata('profile is disabled');
    if (profile.properties.trafficRoutingMethod === 'Geographic')
      return this.evaluateGeographic(profile, location, depth);
    if (profile.properties.trafficRoutingMethod === 'Weighted') return this.evaluateWeighted(profile, location, depth);
    if (profile.properties.trafficRoutingMethod === 'Priority') return this.evaluatePriority(profile, location, depth);
    return nodata(`routing method ${profile.properties.trafficRoutingMethod} is not evaluated`);
  }

  private evaluateGeographic(profile: ProfileBody, location: string, depth: number): AzureAnswer {
    let mapping = this.mappings.get(profile);
    if (mapping === undefined) {
      mapping = endpointsByCode(profile);
      this.mappings.set(profile, mapping);
    }
    for (const code of this.geography.mappingChain(location)) {
      const endpoint = mapping.get(code);
      if (endpoint === undefined) continue;
      if (endpoint.properties.endpointStatus === 'Disabled')
        return nodata(`the endpoint mapped for ${code} is disabled`);
      return this.evaluateEndpoint(endpoint, location, depth);
    }
    return nodata(`nothing maps ${location}`);
  }

  private evaluateWeighted(profile: ProfileBody, location: string, depth: number): AzureAnswer {
    const enabled = profile.properties.endpoints.filter((e) => e.properties.endpointStatus !== 'Disabled');
    const healthy = this.down.size === 0 ? enabled : enabled.filter((e) => this.endpointHealthy(e, depth));
    const parts = (healthy.length > 0 ? healthy : enabled)
      .map((endpoint) => ({
        weight: endpoint.properties.weight ?? 1,
        answer: this.evaluateEndpoint(endpoint, location, depth),
      }))
      .filter((part) => part.answer.kind === 'answers');
    const total = parts.reduce((sum, part) => sum + part.weight, 0);
    if (total === 0) return nodata('no enabled endpoint answers');
    const fractions = new Map<string, number>();
    for (const { weight, answer } of parts) {
      if (answer.kind !== 'answers') continue;
      for (const [id, f] of answer.fractions) fractions.set(id, (fractions.get(id) ?? 0) + (f * weight) / total);
    }
    return { kind: 'answers', fractions };
  }

  /**
   * The first healthy enabled endpoint by priority; when none is healthy, the first enabled one
   * (Traffic Manager treats all endpoints as healthy when all are degraded).
   */
  private evaluatePriority(profile: ProfileBody, location: string, depth: number): AzureAnswer {
    const enabled = profile.properties.endpoints
      .filter((e) => e.properties.endpointStatus !== 'Disabled')
      .sort((a, b) => (a.properties.priority ?? 0) - (b.properties.priority ?? 0));
    const first = enabled.find((e) => this.endpointHealthy(e, depth)) ?? enabled[0];
    if (first === undefined) return nodata('no enabled endpoint answers');
    return this.evaluateEndpoint(first, location, depth);
  }

  /** An external endpoint is down when the endpoint it stands for is; a nested one by minChildEndpoints. */
  private endpointHealthy(endpoint: EndpointBody, depth: number): boolean {
    if (endpoint.type !== NESTED_TYPE) return !this.down.has(endpointIdOf(endpoint.name));
    const child = this.profileById(endpoint.properties.targetResourceId ?? '');
    if (child === undefined || depth > MAX_DEPTH) return false;
    const alive = child.properties.endpoints.filter(
      (e) => e.properties.endpointStatus !== 'Disabled' && this.endpointHealthy(e, depth + 1),
    ).length;
    return alive >= ((endpoint.properties as { minChildEndpoints?: number }).minChildEndpoints ?? 1);
  }

  private evaluateEndpoint(endpoint: EndpointBody, location: string, depth: number): AzureAnswer {
    if (endpoint.type !== NESTED_TYPE)
      return { kind: 'answers', fractions: new Map([[this.identify(endpoint.name, endpoint.properties.target), 1]]) };
    const child = this.profileById(endpoint.properties.targetResourceId ?? '');
    if (child === undefined) return nodata(`nested endpoint '${endpoint.name}' points to no owned profile`);
    return this.evaluateProfile(child, location, depth + 1);
  }
}

/** A Weighted profile of plain endpoints: where the user is plays no part in its answer. */
function answersAnywhereAlike(profile: ProfileBody): boolean {
  return (
    profile.properties.trafficRoutingMethod === 'Weighted' &&
    profile.properties.endpoints.every((endpoint) => endpoint.type !== NESTED_TYPE)
  );
}

/** The first profile (in resource order) with each relative name, as a scan would find it. */
function profilesByRelativeName(resources: Iterable<Resource>): Map<string, ProfileBody> {
  const byName = new Map<string, ProfileBody>();
  for (const resource of resources) {
    if (resource.kind !== 'azure.tm-profile') continue;
    const body = resource.body as unknown as ProfileBody;
    const name = body.properties.dnsConfig.relativeName;
    if (!byName.has(name)) byName.set(name, body);
  }
  return byName;
}

/** geoMapping code → the first endpoint listing it, as `find` over the endpoints would pick. */
function endpointsByCode(profile: ProfileBody): Map<string, EndpointBody> {
  const byCode = new Map<string, EndpointBody>();
  for (const endpoint of profile.properties.endpoints) {
    for (const code of endpoint.properties.geoMapping ?? []) {
      if (!byCode.has(code)) byCode.set(code, endpoint);
    }
  }
  return byCode;
}

function nodata(reason: string): AzureAnswer {
  return { kind: 'nodata', reason };
}

/**
 * Names an external endpoint by the policy endpoint it stands for (`aws-fra` for `aws-fra.2`)
 * only when its target is one of that endpoint's addresses (or its CNAME target); otherwise
 * `<id>@<target>`, which no plan has a share for. So an endpoint retargeted by hand, or renamed,
 * answers something the plan does not know, and `verify` reports it.
 */
export function endpointIdentifier(policy: Policy): (name: string, target: string | undefined) => string {
  const targets = new Map(
    policy.endpoints.map((e) => [
      e.id,
      new Set(
        [...e.targets.a, ...e.targets.aaaa, ...(e.targets.cname === undefined ? [] : [e.targets.cname])].map(
          normalTarget,
        ),
      ),
    ]),
  );
  return (name, target) => {
    const id = endpointIdOf(name);
    const normal = normalTarget(target ?? '');
    return targets.get(id)?.has(normal) ? id : `${id}@${normal}`;
  };
}

/** Addresses and host names as Azure may echo them: host names without case or a final dot. */
function normalTarget(target: string): string {
  return target.toLowerCase().replace(/\.$/, '');
}
