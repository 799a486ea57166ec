import { z } from 'zod';

/**
 * Health-check settings as written, on a service (the default for its endpoints) or an endpoint
 * (overriding the service's field by field). One set of settings drives both providers: Route 53
 * health checks (`providers.<id>.healthChecks: true`) and every Traffic Manager profile's
 * `monitorConfig`. The ranges are the providers' own, so a policy that loads is one both accept:
 *
 * - Route 53 `HealthCheckConfig` [botocore route53 2013-04-01 service-2.json; API Reference:
 *   HealthCheckConfig]: `Port` 1–65535, `ResourcePath` ≤ 255 characters, `FullyQualifiedDomainName`
 *   ≤ 255, `RequestInterval` 10 or 30, `FailureThreshold` 1–10, `Regions` 3 or more of the eight
 *   checker regions (`HealthCheckRegion`).
 * - Traffic Manager `MonitorConfig` [azure-rest-api-specs trafficmanager 2022-04-01; Microsoft
 *   Learn "Traffic Manager endpoint monitoring"]: interval 30 or 10 s, timeout 5–10 s (5–9 with a
 *   10 s interval), tolerated failures 0–9, path only for HTTP(S) ("providing this setting for
 *   the TCP monitoring protocol results in an error"), up to eight custom header:value pairs,
 *   expected status code ranges (up to eight, codes 100–999).
 *
 * `failureThreshold` is Route 53's consecutive failures before unhealthy; Traffic Manager's
 * `toleratedNumberOfFailures` is one less (failures tolerated before the next one degrades).
 */

/** Route 53's health checker regions (botocore `HealthCheckRegion` enum). */
export const ROUTE53_CHECKER_REGIONS = [
  'us-east-1',
  'us-west-1',
  'us-west-2',
  'eu-west-1',
  'ap-southeast-1',
  'ap-southeast-2',
  'ap-northeast-1',
  'sa-east-1',
] as const;

const HOST_PATTERN = /^(?=.{1,255}$)([a-z0-9_]([a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/i;
const STATUS_RANGE = /^([1-9]\d\d)(-([1-9]\d\d))?$/;
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,64}$/;

const statusRange = z
  .string()
  .regex(STATUS_RANGE, { error: 'expected a status code or range such as 200 or 200-299 (codes 100-999)' })
  .refine(
    (text) => {
      const [low, high = low] = text.split('-').map(Number);
      return low !== undefined && high !== undefined && low <= high;
    },
    { error: 'the range must not end below its start' },
  );

export const healthCheckSchema = z.strictObject({
  protocol: z.enum(['http', 'https', 'tcp']).optional().describe('Default https when any setting is given'),
  port: z.int().min(1).max(65535).optional().describe('Default 80 for http, 443 otherwise'),
  path: z
    .string()
    .startsWith('/', { error: "expected a path starting with '/'" })
    .max(255, { error: 'Route 53 allows a path of at most 255 characters' })
    .optional()
    .describe('HTTP(S) only; default /'),
  host: z
    .string()
    .regex(HOST_PATTERN, { error: 'expected a host name such as app.example.com (at most 255 characters)' })
    .optional()
    .describe(
      'Host header sent by HTTP(S) checks (Route 53 FullyQualifiedDomainName; a Traffic Manager custom header)',
    ),
  interval: z
    .union([z.literal(10), z.literal(30)], { error: 'both providers check every 10 or 30 seconds' })
    .optional()
    .describe('Seconds between checks: 10 or 30 (default 30)'),
  failureThreshold: z
    .int()
    .min(1, { error: 'failureThreshold is 1 to 10 (Route 53 FailureThreshold)' })
    .max(10, { error: 'failureThreshold is 1 to 10 (Route 53 FailureThreshold)' })
    .optional()
    .describe('Consecutive failures before an endpoint counts as down (default 3)'),
  regions: z
    .array(z.enum(ROUTE53_CHECKER_REGIONS))
    .min(3, { error: 'Route 53 needs at least three checker regions' })
    .optional()
    .describe('Route 53 checker regions (at least 3); default: all'),
  timeout: z
    .int()
    .min(5, { error: 'Traffic Manager probe timeout is 5 to 10 seconds' })
    .max(10, { error: 'Traffic Manager probe timeout is 5 to 10 seconds' })
    .optional()
    .describe('Traffic Manager probe timeout in seconds: 5-10, below the interval (default 10, or 9 at 10 s)'),
  expectedStatus: z
    .array(
      z.union([
        z.int().min(100, { error: 'status codes are 100-999' }).max(999, { error: 'status codes are 100-999' }),
        statusRange,
      ]),
    )
    .min(1)
    .max(8, { error: 'Traffic Manager takes at most eight status code ranges' })
    .optional()
    .describe('Traffic Manager: status codes counted healthy, e.g. [200-299, 301]; default 200'),
  headers: z
    .record(z.string().regex(HEADER_NAME, { error: 'expected an HTTP header name' }), z.string().min(1).max(256))
    .optional()
    .describe('Traffic Manager: custom probe headers (at most eight with host)'),
});

export type RawHealthCheck = z.output<typeof healthCheckSchema>;
