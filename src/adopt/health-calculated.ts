import { fromRoute53Check, type ImportedCheck, type Route53CheckConfig, sameCheck } from './health.js';

/**
 * Another tool's CALCULATED Route 53 check on an endpoint's records, carried over (pure). It is
 * what trafficport publishes itself for an endpoint with several addresses (docs/failover.md): one
 * check per address, combined by a CALCULATED check. Its settings can become the endpoint's
 * `healthCheck` only when they are one set of settings for the endpoint's own addresses: every
 * child is a plain HTTP, HTTPS or TCP check of one of those addresses, each address has exactly one,
 * and all children probe alike. Otherwise a note says why nothing is carried over.
 *
 * `configs` holds the children's configs by id (absent: could not be read); `targets` are the
 * values of the endpoint's records.
 */
export function fromCalculatedCheck(
  id: string,
  config: Route53CheckConfig,
  configs: ReadonlyMap<string, Route53CheckConfig>,
  targets: readonly string[],
): ImportedCheck {
  const why = childrenProblem(config, configs, targets);
  if (why !== undefined) {
    return {
      notes: [
        `health check ${id} is CALCULATED and not carried over: ${why}; trafficport would check the endpoint's addresses itself (healthChecks: true)`,
      ],
    };
  }
  const children = (config.ChildHealthChecks ?? []).map((child) =>
    fromRoute53Check(child, configs.get(child)!, targets),
  );
  const notes = [...new Set(children.flatMap((child) => child.notes))];
  const threshold = config.HealthThreshold ?? 0;
  if (threshold !== 1)
    notes.push(
      `health check ${id} keeps the endpoint in while ${threshold} of its ${children.length} addresses are healthy; trafficport keeps it in while at least one is (HealthThreshold 1)`,
    );
  if (config.Inverted === true)
    notes.push(`health check ${id} is inverted; trafficport's checks are not (the endpoint is up when it answers)`);
  if (config.Disabled === true)
    notes.push(`health check ${id} is disabled (always healthy); trafficport's checks are enabled`);
  return { check: children[0]!.check!, notes };
}

const PLAIN = new Set(['HTTP', 'HTTPS', 'TCP']);

/** Why the children are not one set of settings for the endpoint's own addresses, if they are not. */
function childrenProblem(
  config: Route53CheckConfig,
  configs: ReadonlyMap<string, Route53CheckConfig>,
  targets: readonly string[],
): string | undefined {
  const ids = config.ChildHealthChecks ?? [];
  if (ids.length === 0) return 'it names no child checks';
  const unread = ids.filter((child) => !configs.has(child));
  if (unread.length > 0) return `its child checks ${unread.join(', ')} could not be read`;
  const other = ids.filter((child) => !PLAIN.has(configs.get(child)!.Type ?? ''));
  if (other.length > 0)
    return `its child checks ${other.map((child) => `${child} (${configs.get(child)!.Type ?? 'unknown type'})`).join(', ')} are not plain HTTP, HTTPS or TCP checks`;
  const own = new Set(targets.map(normalize));
  const probed = ids.map((child) => normalize(configs.get(child)!.IPAddress ?? ''));
  const foreign = ids.filter((_, i) => !own.has(probed[i]!));
  if (foreign.length > 0)
    return `its child checks ${foreign.join(', ')} do not probe one of the endpoint's addresses (${[...own].join(', ')})`;
  const uncovered = [...own].filter((address) => !probed.includes(address));
  const twice = [...own].filter((address) => probed.filter((p) => p === address).length > 1);
  if (uncovered.length > 0 || twice.length > 0)
    return `its children do not check each of the endpoint's addresses once (${[...uncovered.map((a) => `${a} unchecked`), ...twice.map((a) => `${a} checked twice`)].join(', ')})`;
  const checks = ids.map((child) => fromRoute53Check(child, configs.get(child)!, targets).check);
  if (checks.some((check) => !sameCheck(check, checks[0])))
    return `its child checks ${ids.join(', ')} probe with different settings, and trafficport probes every address of an endpoint alike`;
  return undefined;
}

function normalize(target: string): string {
  return target.toLowerCase().replace(/\.$/, '');
}
