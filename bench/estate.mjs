// A synthetic estate for the publishing and memory benchmarks: many services spread over several
// zones, each zone published to one Route 53 and one Azure provider. Written as policy YAML and
// loaded by the real loader, so the figures include what users pay for parsing and checks.
import { loadPolicy } from '../dist/policy/load.js';

/** Sixteen regions on two clouds and five continents: enough to give services different splits. */
const REGIONS = [
  ['aws', 'us-east-1'],
  ['aws', 'us-west-2'],
  ['aws', 'eu-central-1'],
  ['aws', 'eu-west-1'],
  ['aws', 'ap-northeast-1'],
  ['aws', 'ap-southeast-2'],
  ['aws', 'sa-east-1'],
  ['aws', 'ap-south-1'],
  ['azure', 'eastus2'],
  ['azure', 'westus2'],
  ['azure', 'westeurope'],
  ['azure', 'northeurope'],
  ['azure', 'japaneast'],
  ['azure', 'australiaeast'],
  ['azure', 'brazilsouth'],
  ['azure', 'centralindia'],
];

export const ESTATE_FULL = { services: 1000, zones: 10 };
export const ESTATE_QUICK = { services: 60, zones: 3 };
/**
 * Azure's budget is per zone (200 record-set writes a minute): the estate above never reaches it,
 * so a second, denser estate puts 250 services in one zone, where the limit decides the time.
 */
export const ESTATE_AZURE_DENSE = { services: 250, zones: 1 };

const pad = (n, width) => String(n).padStart(width, '0');

/**
 * Services get three endpoints (about 62 Route 53 records: ~59 geolocation aliases and a few
 * weighted sets) except every fourth, which gets two (about 13), so 1,000 services render about
 * 50,000 records; with 10 zones each zone holds about 5,000, half the 10,000-set quota.
 */
export function estateYaml({ services, zones }) {
  const lines = ['version: 1', 'providers:'];
  for (let z = 0; z < zones; z++) {
    const zz = pad(z, 2);
    lines.push(`  r53-${zz}: { type: route53, zone: z${zz}.bench.example, backend: mock }`);
    // Traffic Manager lists profiles per resource group: one group per provider keeps each
    // provider's read to its own profiles, as a real estate split by team would.
    lines.push(
      `  az-${zz}: { type: azure, zone: z${zz}.bench.example, subscription: 00000000-0000-0000-0000-000000000000, resourceGroup: dns-bench, backend: mock, trafficManager: { resourceGroup: tm-bench-${zz}, profilePrefix: b${zz} } }`,
    );
  }
  lines.push('endpoints:');
  const ids = REGIONS.map(([cloud, region], i) => {
    const id = `e${pad(i, 2)}-${region}`;
    lines.push(`  ${id}: { cloud: ${cloud}, region: ${region}, a: [198.51.100.${i + 1}] }`);
    return id;
  });
  lines.push('services:');
  for (let s = 0; s < services; s++) {
    const zz = pad(s % zones, 2);
    const count = s % 4 === 3 ? 2 : 3;
    const chosen = new Set(Array.from({ length: count }, (_, k) => ids[(s * 7 + k * 5) % ids.length]));
    lines.push(
      `  - { name: svc-${pad(s, 4)}.z${zz}.bench.example, ttl: 60, endpoints: [${[...chosen].join(', ')}], publish: [r53-${zz}, az-${zz}] }`,
    );
  }
  lines.push(
    'demand: { total: 100000 }',
    'rules:',
    '  geography: { prefer: nearest, maxLatencyMs: 150, minEndpoints: 2 }',
  );
  return `${lines.join('\n')}\n`;
}

export function loadEstate(shape) {
  const text = estateYaml(shape);
  const result = loadPolicy(text, 'estate.yaml');
  if (!result.ok) throw new Error(`estate policy does not load: ${JSON.stringify(result.diagnostics[0])}`);
  return { text, policy: result.policy };
}

/** The moment every run solves for: fixed, so each run plans the same records. */
export const ESTATE_AT = Date.parse('2026-12-01T00:00:00Z');
