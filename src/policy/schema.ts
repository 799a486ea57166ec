import { z } from 'zod';
import { healthCheckSchema } from './health-schema.js';

/**
 * The policy document as written (YAML or JSON), before cross-reference checks and normalization.
 * This schema is the single source of both validation and the published JSON Schema, so it holds
 * no transforms: anything that needs the catalogs or other fields happens in `checks/`.
 */

const ID_PATTERN = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
const DURATION_PATTERN = /^(\d+d)?(\d+h)?(\d+m)?(\d+s)?$/;
const INSTANT_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const HOSTNAME_PATTERN =
  /^(?=.{1,253}\.?$)([a-z0-9_]([a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.?$/i;
const IPV4_PATTERN = /^((25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;

export const MAX_TTL = 2_147_483_647;

const id = z.string().regex(ID_PATTERN, {
  error: 'expected an id of lower-case letters, digits and inner hyphens, at most 63 characters',
});
const hostname = z.string().regex(HOSTNAME_PATTERN, { error: 'expected a DNS name such as app.example.com' });
const duration = z
  .string()
  .regex(DURATION_PATTERN, { error: 'expected a duration such as 90s, 20m, 2h or 1h30m' })
  .refine((text) => text.length > 0, { error: 'expected a duration such as 90s, 20m, 2h or 1h30m' });
const instant = z.string().regex(INSTANT_PATTERN, {
  error: 'expected an ISO 8601 time with a zone, such as 2026-12-06T02:00Z or 2026-12-06T03:00+01:00',
});
const percent = z.number().min(0, { error: 'expected a percentage from 0 to 100' }).max(100, {
  error: 'expected a percentage from 0 to 100',
});
const cloud = z.enum(['aws', 'azure', 'gcp', 'onprem']);
const geoRef = z
  .string()
  .min(1)
  .describe('A country (DE), continent (continent:EU), US state (US-CA), group (EU, EEA, EFTA) or * for the default');

const route53Provider = z.strictObject({
  type: z.literal('route53'),
  zone: hostname.describe('The hosted zone name, e.g. example.com'),
  hostedZoneId: z
    .string()
    .regex(/^[A-Z0-9]{1,32}$/, { error: 'expected a hosted zone id such as Z0123456789ABCDEFGHIJ' })
    .optional(),
  backend: z
    .enum(['aws', 'mock'])
    .default('aws')
    .describe('aws talks to Route 53; mock uses the embedded mock backend'),
  healthChecks: z
    .boolean()
    .default(false)
    .describe(
      "Create a Route 53 health check per endpoint (settings from the services' and endpoints' healthCheck) and attach it to the endpoint's weighted records",
    ),
  healthCheckQuota: z
    .int()
    .min(1)
    .optional()
    .describe(
      'Health checks the AWS account allows (Route 53 default 200; raisable); plan fails when it would need more',
    ),
});

const azureProvider = z.strictObject({
  type: z.literal('azure'),
  zone: hostname,
  subscription: z.string().min(1),
  resourceGroup: z.string().min(1).max(90),
  backend: z.enum(['azure', 'mock']).default('azure'),
  trafficManager: z
    .strictObject({
      resourceGroup: z.string().min(1).max(90).optional(),
      profilePrefix: id.optional().describe('Prefix of the Traffic Manager profile names trafficport owns'),
      profileQuota: z
        .number()
        .int()
        .min(1)
        .optional()
        .describe(
          'Traffic Manager profiles the subscription allows (Azure default 200; raisable through Azure Support); plan fails when it would need more',
        ),
      failoverBackups: z
        .boolean()
        .optional()
        .describe(
          'Priority-routed backups: a geography whose endpoints are all down moves to another endpoint it may use (nearest first) before the next plan; costs one more profile per distinct split and set of backups. Default true, except at the zone apex and for dual-stack names, whose A/AAAA aliases need flat profiles that cannot hold them (true there is refused as AZURE.NO_FAILOVER_BACKUP unless --accept-degraded)',
        ),
    })
    .optional(),
});

const provider = z.discriminatedUnion('type', [route53Provider, azureProvider]);

const location = z.strictObject({
  country: z.string().describe('ISO 3166-1 alpha-2 country code'),
  lat: z.number().min(-90).max(90).optional(),
  lon: z.number().min(-180).max(180).optional(),
});

const endpoint = z.strictObject({
  cloud,
  region: z.string().min(1).optional().describe('The cloud region code; required unless cloud is onprem'),
  location: location.optional().describe('Where an onprem endpoint is; overrides the region location'),
  a: z
    .array(z.string().regex(IPV4_PATTERN, { error: 'expected an IPv4 address such as 203.0.113.10' }))
    .min(1)
    .optional(),
  aaaa: z
    .array(z.ipv6({ error: 'expected an IPv6 address such as 2001:db8::10' }))
    .min(1)
    .optional(),
  cname: hostname.optional(),
  capacity: z.number().positive({ error: 'capacity must be a positive number of requests per second' }).optional(),
  healthCheck: healthCheckSchema.optional().describe("Health-check settings, over the service's healthCheck"),
});

const service = z.strictObject({
  name: hostname.describe('The DNS name users resolve'),
  ttl: z
    .int()
    .min(0)
    .max(MAX_TTL, { error: `TTL must be at most ${MAX_TTL} seconds (RFC 2181)` })
    .default(60),
  endpoints: z.array(z.string()).min(1),
  publish: z.array(z.string()).min(1).describe('Provider ids that publish this service'),
  healthCheck: healthCheckSchema.optional().describe('Health-check settings for every endpoint of the service'),
  pinned: z
    .record(
      geoRef,
      z.record(z.string(), percent).describe('Endpoint id → percent of this geography; the percents sum to 100'),
    )
    .optional()
    .describe(
      'A split to keep, per record geography (`*`, `continent:EU`, `DE`, `US-CA`; the most specific one covering a user applies): what users get today, as `import` writes it. The solver keeps it, moving only what maintenance (under its ramp), health and sovereignty force, so adopting published records moves no traffic until a rule changes. Geographies no entry covers are solved as usual',
    ),
});

const demand = z.union([
  z.literal('builtin').describe('Demand spread like urban population, with no total (capacity is not enforced)'),
  z.strictObject({
    total: z.number().positive().optional().describe('Total requests per second across all geographies'),
    shares: z
      .record(z.string(), z.number().nonnegative())
      .optional()
      .describe('Relative demand per geography; `*` spreads over everything not listed. Absent: builtin'),
  }),
]);

const geographyRule = z.strictObject({
  prefer: z.enum(['nearest']).default('nearest'),
  maxLatencyMs: z.number().positive().optional(),
  minEndpoints: z.int().min(1).default(1),
  latencyFile: z.string().min(1).optional().describe('CSV of measured latency: geography,endpoint,ms'),
});

const endpointSelector = z.strictObject({
  jurisdiction: z.array(z.string()).or(z.string()).optional(),
  clouds: z.array(cloud).optional(),
  regions: z.array(z.string()).optional(),
  endpoints: z.array(z.string()).optional(),
});

const sovereigntyRule = z.strictObject({
  name: id,
  users: z
    .array(geoRef)
    .min(1)
    .describe(
      'Whose users the rule protects: countries, continents, US states, groups (EU and EEA cover every territory where their law applies), and * for the DNS default record (resolvers the DNS service cannot place; not everyone)',
    ),
  allow: endpointSelector.optional(),
  deny: endpointSelector.optional(),
  whenUnservable: z.enum(['fail', 'ignore-maintenance']).default('fail'),
});

const balanceRule = z.strictObject({
  name: id.optional(),
  services: z.array(z.string()).optional(),
  clouds: z
    .record(z.string(), percent)
    .optional()
    .describe(
      "Target share per cloud of all the service's traffic, summing to 100. A cloud the targets do not name has target 0 (± tolerance): name every cloud the service runs in, or use min/max to bound some clouds and leave the others free",
    ),
  tolerance: percent.default(5).describe('Points each target may be missed by, either way'),
  min: z.record(z.string(), percent).optional().describe('Minimum share per cloud, to keep it warm'),
  max: z.record(z.string(), percent).optional().describe('Maximum share per cloud'),
  whenInfeasible: z.enum(['report', 'fail']).default('report'),
});

const maintenanceTarget = z.union([
  z.string().describe('An endpoint id'),
  z.strictObject({ endpoint: z.string() }),
  z.strictObject({ cloud }),
  z.strictObject({ region: z.string(), cloud: cloud.optional() }),
]);

const maintenanceWindow = z.strictObject({
  name: id,
  target: maintenanceTarget,
  start: instant.optional(),
  end: instant.optional(),
  schedule: z.string().optional().describe('Cron expression for recurring windows, e.g. "0 2 * * SUN"'),
  duration: duration.optional().describe('Length of each recurring window'),
  timezone: z.string().optional().describe('IANA time zone of the schedule, e.g. Europe/Berlin'),
  ramp: duration.default('0s').describe('Time to ramp weights down before and back up after the window'),
  steps: z.int().min(1).max(20).default(4).describe('Number of ramp steps'),
});

const capacityRule = z.strictObject({
  whenExceeded: z.enum(['report', 'fail']).default('report'),
  headroom: percent.default(0).describe('Keep this share of each capacity free'),
});

/** The rules section; its parts are also parsed one by one when the whole file fails (load.ts). */
export const rulesSchema = z.strictObject({
  geography: geographyRule.optional(),
  sovereignty: z.array(sovereigntyRule).default([]),
  balance: z.array(balanceRule).default([]),
  maintenance: z.array(maintenanceWindow).default([]),
  capacity: capacityRule.optional(),
});

export const policySchema = z.strictObject({
  $schema: z.string().optional(),
  version: z.literal(1, { error: 'version must be 1' }),
  providers: z.record(z.string(), provider),
  endpoints: z.record(z.string(), endpoint),
  services: z.array(service).min(1),
  demand: demand.default('builtin'),
  health: z
    .literal('provider')
    .optional()
    .describe(
      "provider: plan and apply read endpoint health from the providers' own checks (Route 53 health checks, Traffic Manager monitoring), as --health provider does",
    ),
  rules: rulesSchema.default({ sovereignty: [], balance: [], maintenance: [] }),
});

export type RawPolicy = z.output<typeof policySchema>;
export type RawEndpoint = z.output<typeof endpoint>;
export type RawProvider = z.output<typeof provider>;
export type RawService = z.output<typeof service>;
export type { RawHealthCheck } from './health-schema.js';
export type RawSovereigntyRule = z.output<typeof sovereigntyRule>;
export type RawEndpointSelector = z.output<typeof endpointSelector>;
export type RawBalanceRule = z.output<typeof balanceRule>;
export type RawMaintenanceWindow = z.output<typeof maintenanceWindow>;
export type RawMaintenanceTarget = z.output<typeof maintenanceTarget>;

export const ENDPOINT_ID_PATTERN = ID_PATTERN;
