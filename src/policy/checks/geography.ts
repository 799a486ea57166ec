import type { CheckContext } from './context.js';

export function checkGeography({ policy, report }: CheckContext): void {
  const rule = policy.rules.geography;
  if (rule === undefined) return;
  policy.services.forEach((service, index) => {
    if (rule.minEndpoints > service.endpoints.length) {
      report({
        severity: 'warning',
        code: 'POLICY.MIN_ENDPOINTS',
        message: `minEndpoints is ${rule.minEndpoints} but service '${service.name}' has ${service.endpoints.length} endpoint(s)`,
        path: ['services', index, 'endpoints'],
        hint: 'add endpoints or lower rules.geography.minEndpoints; the spread is honoured only when feasible',
      });
    }
  });
}
