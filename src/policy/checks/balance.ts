import { didYouMean } from '../suggest.js';
import type { Cloud } from '../types.js';
import type { CheckContext } from './context.js';

const CLOUDS: readonly Cloud[] = ['aws', 'azure', 'gcp', 'onprem'];

export function checkBalance({ policy, report }: CheckContext): void {
  const usedClouds = new Set(Object.values(policy.endpoints).map((endpoint) => endpoint.cloud));
  const serviceNames = policy.services.map((service) => service.name);
  policy.rules.balance.forEach((rule, index) => {
    const path = ['rules', 'balance', index] as const;
    if (rule.clouds === undefined && rule.min === undefined && rule.max === undefined) {
      report({
        code: 'POLICY.EMPTY_RULE',
        message: 'balance rule sets no clouds, min or max',
        path,
        hint: 'add clouds: { aws: 50, azure: 50 } or min: { azure: 10 }',
        at: 'key',
      });
    }
    for (const field of ['clouds', 'min', 'max'] as const) {
      for (const cloud of Object.keys(rule[field] ?? {})) {
        if (!(CLOUDS as readonly string[]).includes(cloud)) {
          report({
            code: 'POLICY.UNKNOWN_CLOUD',
            message: `unknown cloud '${cloud}'`,
            path: [...path, field, cloud],
            hint: didYouMean(cloud, CLOUDS) ?? `clouds are ${CLOUDS.join(', ')}`,
            at: 'key',
          });
        } else if (!usedClouds.has(cloud as Cloud)) {
          report({
            code: 'POLICY.UNUSED_CLOUD',
            message: `no endpoint runs in cloud '${cloud}'`,
            path: [...path, field, cloud],
            hint: `endpoints run in ${[...usedClouds].join(', ')}`,
            at: 'key',
          });
        }
      }
    }
    if (rule.clouds !== undefined) {
      const total = Object.values(rule.clouds).reduce((sum, value) => sum + value, 0);
      if (Math.abs(total - 100) > 1e-9) {
        report({
          code: 'POLICY.BALANCE_SUM',
          message: `cloud targets add up to ${total}%, not 100%`,
          path: [...path, 'clouds'],
          hint: 'targets are shares of all traffic: make them sum to 100, or use min/max for bounds',
        });
      }
    }
    const minTotal = Object.values(rule.min ?? {}).reduce((sum, value) => sum + value, 0);
    if (minTotal > 100) {
      report({
        code: 'POLICY.BALANCE_SUM',
        message: `minimum shares add up to ${minTotal}%, over 100%`,
        path: [...path, 'min'],
      });
    }
    for (const [cloud, min] of Object.entries(rule.min ?? {})) {
      const max = rule.max?.[cloud];
      if (max !== undefined && max < min) {
        report({
          code: 'POLICY.BALANCE_RANGE',
          message: `max ${max}% for ${cloud} is below its min ${min}%`,
          path: [...path, 'max', cloud],
        });
      }
    }
    warnOmittedClouds({ policy, report }, index);
    rule.services?.forEach((name, at) => {
      if (!serviceNames.includes(name)) {
        report({
          code: 'POLICY.UNKNOWN_SERVICE',
          message: `unknown service '${name}'`,
          path: [...path, 'services', at],
          hint: didYouMean(name, serviceNames) ?? `services are ${serviceNames.join(', ')}`,
        });
      }
    });
  });
}

/**
 * Targets are shares of all the service's traffic and sum to 100, so a cloud they do not name
 * has a target of 0 (± tolerance): a rule written for two clouds pins a third that runs endpoints
 * of the service to near zero. That is what the rule says, but rarely what its author meant.
 */
function warnOmittedClouds({ policy, report }: CheckContext, index: number): void {
  const rule = policy.rules.balance[index]!;
  if (rule.clouds === undefined) return;
  const named = new Set(Object.keys(rule.clouds));
  // A misspelt cloud is an error of its own; the cloud it was meant to be is not "left out".
  if ([...named].some((cloud) => !(CLOUDS as readonly string[]).includes(cloud))) return;
  const services = policy.services.filter((s) => rule.services === undefined || rule.services.includes(s.name));
  const pinned = new Map<string, { endpoints: Set<string>; services: Set<string> }>();
  for (const service of services) {
    for (const id of service.endpoints) {
      const cloud = policy.endpoints[id]?.cloud;
      if (cloud === undefined || named.has(cloud)) continue;
      const entry = pinned.get(cloud) ?? { endpoints: new Set(), services: new Set() };
      entry.endpoints.add(id);
      entry.services.add(service.name);
      pinned.set(cloud, entry);
    }
  }
  const tolerance = rule.tolerance;
  const name = rule.name === undefined ? `balance rule ${index + 1}` : `balance rule '${rule.name}'`;
  for (const [cloud, { endpoints, services: names }] of pinned) {
    const max = Math.min(tolerance, rule.max?.[cloud] ?? 100);
    report({
      severity: 'warning',
      code: 'POLICY.BALANCE_OMITS_CLOUD',
      message: `${name} holds ${cloud} to at most ${max}% of ${[...names].join(', ')}: its targets do not name ${cloud}, which runs ${[...endpoints].join(', ')}, so ${cloud}'s target is 0% ± ${tolerance}`,
      path: ['rules', 'balance', index, 'clouds'],
      hint: `give ${cloud} its target (targets are shares of all traffic and sum to 100), or bound only some clouds with min/max (e.g. min: { ${[...named].map((c) => `${c}: 40`).join(', ')} }) to leave ${cloud} free`,
      at: 'key',
    });
  }
}
