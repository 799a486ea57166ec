import type { CheckContext } from './context.js';
import { ipv6Key } from './endpoints.js';

/** Where one address (or CNAME target) was first listed. */
interface Listed {
  readonly id: string;
  readonly field: 'a' | 'aaaa' | 'cname';
  readonly index: number;
}

/**
 * Two different endpoints that list one address (or CNAME target) are one server to DNS, yet the
 * solver counts capacity, shares and the cloud balance for each: a warning naming both, at the
 * second. Where a service publishes both to Azure, its Traffic Manager profile would hold two
 * external endpoints with one target: whether Traffic Manager refuses that is UNCONFIRMED (the
 * REST spec states no rule either way; docs/mock-azure.md), so by the stricter reading the mock
 * refuses it and validate reports an error, before plan. Route 53 accepts one value in weighted
 * sets of different SetIdentifiers (each set is its own record set; the duplicate rule holds
 * within a set), so there it stays a warning. IPv6 compares as addresses, CNAME targets without
 * case or trailing dot.
 */
export function checkSharedAddresses({ policy, report }: CheckContext): void {
  const first = new Map<string, Listed>();
  for (const [id, endpoint] of Object.entries(policy.endpoints)) {
    const entries: [Listed['field'], readonly string[], (value: string) => string][] = [
      ['a', endpoint.a ?? [], (value) => value],
      ['aaaa', endpoint.aaaa ?? [], ipv6Key],
      [
        'cname',
        endpoint.cname === undefined ? [] : [endpoint.cname],
        (value) => value.toLowerCase().replace(/\.$/, ''),
      ],
    ];
    for (const [field, values, keyOf] of entries) {
      values.forEach((value, index) => {
        const key = `${field} ${keyOf(value)}`;
        const earlier = first.get(key);
        if (earlier === undefined) {
          first.set(key, { id, field, index });
          return;
        }
        if (earlier.id === id) return; // POLICY.DUPLICATE_ADDRESS
        const where = (listed: Listed) =>
          listed.field === 'cname'
            ? `endpoints.${listed.id}.cname`
            : `endpoints.${listed.id}.${listed.field}[${listed.index}]`;
        const path = field === 'cname' ? ['endpoints', id, 'cname'] : ['endpoints', id, field, index];
        const shared = `endpoints '${earlier.id}' and '${id}' both list ${value} (${where(earlier)} and ${where({ id, field, index })})`;
        const azure = azureServiceOf(policy, earlier.id, id);
        if (azure !== undefined) {
          report({
            code: 'POLICY.SHARED_TARGET',
            message: `${shared}; service ${azure.service} publishes both to Azure (provider ${azure.provider}), whose Traffic Manager profile would hold two endpoints with one target`,
            path,
            hint: `give each endpoint its own address, or keep one endpoint for the server (remove '${id}' from ${azure.service}, or merge the two)`,
          });
          return;
        }
        report({
          severity: 'warning',
          code: 'POLICY.SHARED_ADDRESS',
          message: `${shared}: one server to DNS, yet its capacity, shares and cloud balance are counted for each endpoint`,
          path,
          hint: `keep one endpoint for the server (merge '${id}' into '${earlier.id}'), or give each its own address`,
        });
      });
    }
  }
}

/** The first service that lists both endpoints and publishes to an Azure provider, and that provider. */
function azureServiceOf(
  policy: CheckContext['policy'],
  one: string,
  other: string,
): { readonly service: string; readonly provider: string } | undefined {
  for (const service of policy.services) {
    if (!service.endpoints.includes(one) || !service.endpoints.includes(other)) continue;
    const provider = service.publish.find((id) => policy.providers[id]?.type === 'azure');
    if (provider !== undefined) return { service: service.name, provider };
  }
  return undefined;
}
