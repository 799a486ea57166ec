import { ENDPOINT, type Operation } from './context.js';
import { invalidXml, noSuchHealthCheck, Route53MockError } from './errors.js';
import { checkChildrenExist, refuseIfChild } from './health-calculated.js';
import { checkHealthCheckConfig } from './health-config.js';
import { markerStartIndex, parseMaxItems, takePage } from './list.js';
import { nextHealthCheckId } from './state.js';
import type { HealthCheckData } from './types.js';
import { readCreateHealthCheck } from './xml-read.js';
import { healthCheckXml, listOf, xmlDocument } from './xml-write.js';

/**
 * Health checks, kept simple: stored as sent, never probed. Their status is whatever the mock
 * was told (`setHealthCheckStatus`), or for a CALCULATED check derived from its children
 * (health-calculated.ts), which is what answer evaluation uses.
 */

const DEFAULT_PAGE = 100;
const MAX_PAGE = 1000;

export const createHealthCheck: Operation = async (context, request) => {
  const input = readCreateHealthCheck(request.body);
  const callerReference = input.callerReference;
  if (callerReference === undefined || input.config.Type === undefined) {
    throw invalidXml("cvc-complex-type.2.4.b: The content of element 'CreateHealthCheckRequest' is not complete.");
  }
  checkHealthCheckConfig(input.config);
  const { check, created } = await context.store.update((state) => {
    if (state.deletedHealthCheckReferences?.includes(callerReference)) {
      throw new Route53MockError(
        'HealthCheckAlreadyExists',
        `A health check with caller reference ${callerReference} was deleted; a caller reference cannot be reused.`,
        409,
      );
    }
    const existing = Object.values(state.healthChecks).find(
      (candidate) => candidate.callerReference === callerReference,
    );
    // Same caller reference and same settings is a retry: Route 53 returns the existing check.
    if (existing && JSON.stringify(existing.config) === JSON.stringify(input.config))
      return { check: existing, created: false };
    if (existing) {
      throw new Route53MockError(
        'HealthCheckAlreadyExists',
        `A health check with caller reference ${callerReference} already exists with different settings.`,
        409,
      );
    }
    if (input.config.Type === 'CALCULATED') checkChildrenExist(state, input.config);
    const fresh: HealthCheckData = {
      id: nextHealthCheckId(state),
      callerReference,
      config: input.config,
      version: 1,
      healthy: true,
    };
    state.healthChecks[fresh.id] = fresh;
    return { check: fresh, created: true };
  });
  return {
    status: created ? 201 : 200,
    body: xmlDocument('CreateHealthCheckResponse', { HealthCheck: healthCheckXml(check) }),
    headers: { location: `${ENDPOINT}/2013-04-01/healthcheck/${check.id}` },
  };
};

export const getHealthCheck: Operation = async (context, request) => {
  const check = (await context.store.read()).healthChecks[request.id ?? ''];
  if (!check) throw noSuchHealthCheck(request.id ?? '');
  return { status: 200, body: xmlDocument('GetHealthCheckResponse', { HealthCheck: healthCheckXml(check) }) };
};

/** A check that a record set or a CALCULATED check still references cannot be deleted. */
export const deleteHealthCheck: Operation = async (context, request) => {
  const id = request.id ?? '';
  await context.store.update((state) => {
    if (!state.healthChecks[id]) throw noSuchHealthCheck(id);
    const users = Object.values(state.zones).flatMap((zone) =>
      zone.recordSets.filter((set) => set.healthCheckId === id),
    );
    if (users.length > 0) {
      throw new Route53MockError(
        'HealthCheckInUse',
        `The health check with id ${id} is still referenced from resource record sets.`,
      );
    }
    refuseIfChild(state, id);
    state.deletedHealthCheckReferences = [
      ...(state.deletedHealthCheckReferences ?? []),
      state.healthChecks[id].callerReference,
    ];
    delete state.healthChecks[id];
  });
  return { status: 200, body: xmlDocument('DeleteHealthCheckResponse', {}) };
};

export const listHealthChecks: Operation = async (context, request) => {
  const { marker, maxitems } = request.query;
  const maxItems = parseMaxItems(maxitems, DEFAULT_PAGE, MAX_PAGE);
  const checks = Object.values((await context.store.read()).healthChecks);
  const page = takePage(checks, markerStartIndex(checks, marker), maxItems);
  const body = xmlDocument('ListHealthChecksResponse', {
    HealthChecks: listOf('HealthCheck', page.items.map(healthCheckXml)),
    Marker: marker ?? '',
    IsTruncated: page.next !== undefined,
    NextMarker: page.next?.id,
    MaxItems: maxItems,
  });
  return { status: 200, body };
};
