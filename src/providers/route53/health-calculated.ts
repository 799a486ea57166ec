import type { HealthCheckConfig, HealthCheckRegion } from '@aws-sdk/client-route-53';
import { TrafficportError } from '../../errors.js';
import type { Change } from '../../plan/diff.js';
import type { Route53HealthCheckConfig } from '../../render/route53-health.js';

/**
 * CALCULATED checks in apply: they name their children by id, so children are created before
 * their parent and deleted after it (render/route53-health.ts, endpointHealthChecks).
 */

function isCalculatedChange(change: Change): boolean {
  const resource = change.action === 'delete' ? change.before : change.after;
  return (resource.body as { Type?: string }).Type === 'CALCULATED';
}

/** The changes with every probing check before every CALCULATED one (order kept otherwise). */
export function childrenFirst(changes: readonly Change[]): Change[] {
  return [...changes.filter((change) => !isCalculatedChange(change)), ...changes.filter(isCalculatedChange)];
}

/** The config as the SDK sends it: a CALCULATED check's child placeholders replaced by real ids. */
export function withRealChildIds(
  config: Route53HealthCheckConfig,
  ids: ReadonlyMap<string, string>,
): HealthCheckConfig {
  if (config.Type !== 'CALCULATED') {
    return {
      ...config,
      Regions: config.Regions === undefined ? undefined : ([...config.Regions] as HealthCheckRegion[]),
    };
  }
  const children = config.ChildHealthChecks.map((placeholder) => {
    const id = ids.get(placeholder);
    if (id === undefined) {
      throw new TrafficportError(
        'PROVIDER.NOT_FOUND',
        `calculated health check names ${placeholder}, which does not exist`,
        {
          hint: 'run plan again: the plan creates the checks a calculated check names',
        },
      );
    }
    return id;
  });
  return { Type: 'CALCULATED', ChildHealthChecks: children, HealthThreshold: config.HealthThreshold };
}
