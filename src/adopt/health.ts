import { type RawHealthCheck, ROUTE53_CHECKER_REGIONS } from '../policy/health-schema.js';
import type { MonitorShape } from '../render/azure-bodies.js';

/**
 * Other tools' health checks as the policy's `healthCheck` settings (pure). What a setting cannot
 * carry over is said in a note, with what trafficport publishes instead: trafficport checks each
 * endpoint's own address (Route 53 health checks with `healthChecks: true`, Traffic Manager
 * probes from every profile's monitorConfig), by status code only.
 */

export interface ImportedCheck {
  /** Undefined when nothing can be carried over (a metric check, a calculated one over unlike children). */
  readonly check?: RawHealthCheck;
  readonly notes: readonly string[];
}

/** Route 53 HealthCheckConfig (API 2013-04-01), as GetHealthCheck returns it. */
export interface Route53CheckConfig {
  readonly Type?: string;
  readonly IPAddress?: string;
  readonly Port?: number;
  readonly ResourcePath?: string;
  readonly FullyQualifiedDomainName?: string;
  readonly SearchString?: string;
  readonly RequestInterval?: number;
  readonly FailureThreshold?: number;
  readonly Inverted?: boolean;
  readonly Disabled?: boolean;
  readonly Regions?: readonly string[];
  readonly ChildHealthChecks?: readonly string[];
  readonly HealthThreshold?: number;
}

const PROTOCOLS: Readonly<Record<string, 'http' | 'https' | 'tcp'>> = {
  HTTP: 'http',
  HTTPS: 'https',
  HTTP_STR_MATCH: 'http',
  HTTPS_STR_MATCH: 'https',
  TCP: 'tcp',
};

/**
 * `id`: the check's id, for notes; `targets`: the endpoint's addresses or host name (a check that
 * probes something else is carried over, and the note says trafficport probes the endpoint).
 */
export function fromRoute53Check(id: string, config: Route53CheckConfig, targets: readonly string[]): ImportedCheck {
  const protocol = PROTOCOLS[config.Type ?? ''];
  if (protocol === undefined) {
    return {
      notes: [
        `health check ${id} is ${config.Type ?? 'of an unknown type'} (it watches other checks or a metric, not the endpoint): not carried over; trafficport would check the endpoint itself (healthChecks: true)`,
      ],
    };
  }
  const notes: string[] = [];
  const probed = config.IPAddress ?? config.FullyQualifiedDomainName;
  const own = targets.map((t) => t.toLowerCase().replace(/\.$/, ''));
  if (probed !== undefined && !own.includes(probed.toLowerCase().replace(/\.$/, '')))
    notes.push(`health check ${id} probes ${probed}; trafficport probes the endpoint's own ${own.join(', ')} instead`);
  if (config.SearchString !== undefined)
    notes.push(
      `health check ${id} looks for "${config.SearchString}" in the response; trafficport checks the status code only`,
    );
  if (config.Inverted === true)
    notes.push(`health check ${id} is inverted; trafficport's checks are not (the endpoint is up when it answers)`);
  if (config.Disabled === true)
    notes.push(`health check ${id} is disabled (always healthy); trafficport's checks are enabled`);
  const regions = (config.Regions ?? []).filter((r): r is (typeof ROUTE53_CHECKER_REGIONS)[number] =>
    (ROUTE53_CHECKER_REGIONS as readonly string[]).includes(r),
  );
  const interval = config.RequestInterval === 10 || config.RequestInterval === 30 ? config.RequestInterval : undefined;
  const check: RawHealthCheck = {
    protocol,
    ...(config.Port === undefined ? {} : { port: config.Port }),
    ...(protocol === 'tcp' || config.ResourcePath === undefined ? {} : { path: config.ResourcePath }),
    ...(protocol === 'tcp' || config.IPAddress === undefined || config.FullyQualifiedDomainName === undefined
      ? {}
      : { host: config.FullyQualifiedDomainName }),
    ...(interval === undefined ? {} : { interval }),
    ...(config.FailureThreshold === undefined ? {} : { failureThreshold: config.FailureThreshold }),
    ...(regions.length >= 3 ? { regions } : {}),
  };
  return { check, notes };
}

/** Traffic Manager monitorConfig (canonical, render/azure-bodies.ts) of the profile an endpoint is in. */
export type MonitorConfig = MonitorShape;

export function fromMonitorConfig(profile: string, monitor: MonitorConfig): ImportedCheck {
  const protocol = PROTOCOLS[monitor.protocol.toUpperCase()];
  if (protocol === undefined)
    return { notes: [`profile ${profile} probes with ${monitor.protocol}: not carried over`] };
  const notes: string[] = [];
  const headers = monitor.customHeaders ?? [];
  const host = headers.find((h) => h.name.toLowerCase() === 'host')?.value;
  const others = headers.filter((h) => h.name.toLowerCase() !== 'host');
  const interval =
    monitor.intervalInSeconds === 10 || monitor.intervalInSeconds === 30 ? monitor.intervalInSeconds : 30;
  if (interval !== monitor.intervalInSeconds)
    notes.push(
      `profile ${profile} probes every ${monitor.intervalInSeconds} s; trafficport probes every ${interval} s`,
    );
  const failures = monitor.toleratedNumberOfFailures + 1;
  const check: RawHealthCheck = {
    protocol,
    port: monitor.port,
    ...(protocol === 'tcp' || monitor.path === undefined ? {} : { path: monitor.path }),
    ...(host === undefined ? {} : { host }),
    interval,
    ...(failures >= 1 && failures <= 10 ? { failureThreshold: failures } : {}),
    ...(monitor.timeoutInSeconds >= 5 && monitor.timeoutInSeconds <= 10 ? { timeout: monitor.timeoutInSeconds } : {}),
    ...(monitor.expectedStatusCodeRanges === undefined || monitor.expectedStatusCodeRanges.length === 0
      ? {}
      : {
          expectedStatus: monitor.expectedStatusCodeRanges.map((r) => (r.min === r.max ? r.min : `${r.min}-${r.max}`)),
        }),
    ...(others.length === 0 ? {} : { headers: Object.fromEntries(others.map((h) => [h.name, h.value])) }),
  };
  return { check, notes };
}

/** Two checks carried over for one endpoint that differ: the first is kept, and a note says so. */
export function sameCheck(a: RawHealthCheck | undefined, b: RawHealthCheck | undefined): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
