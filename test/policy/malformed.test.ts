import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/errors.js';
import { loadPolicy } from '../../src/policy/load.js';
import { MAX_ALIAS_COUNT, MAX_POLICY_BYTES } from '../../src/policy/source.js';

/**
 * Every malformed policy below is the valid BASE with one tweak. Each case pins the whole list of
 * diagnostics: code, line, column, field path, message and hint, so a message that gets less
 * helpful or a position that drifts to the wrong line fails here.
 */
const BASE = `version: 1
providers:
  r53: { type: route53, zone: example.com, backend: mock }
  az: { type: azure, zone: example.com, subscription: sub-1, resourceGroup: dns, backend: mock }
endpoints:
  aws-use1: { cloud: aws, region: us-east-1, a: [203.0.113.10], capacity: 4000 }
  aws-fra: { cloud: aws, region: eu-central-1, a: [203.0.113.20], capacity: 2000 }
  az-weu: { cloud: azure, region: westeurope, a: [198.51.100.30], capacity: 3000 }
services:
  - name: www.example.com
    ttl: 60
    endpoints: [aws-use1, aws-fra, az-weu]
    publish: [r53, az]
demand:
  total: 10000
  shares: { DE: 20, continent:NA: 40, '*': 40 }
rules:
  geography: { prefer: nearest, maxLatencyMs: 120, minEndpoints: 2 }
  sovereignty:
    - { name: gdpr, users: [EEA], allow: { jurisdiction: EU }, whenUnservable: fail }
  balance:
    - { clouds: { aws: 50, azure: 50 }, tolerance: 10 }
  maintenance:
    - name: weu-patch
      target: az-weu
      start: "2026-12-06T02:00Z"
      end: "2026-12-06T04:00Z"
      ramp: 20m
    - name: weekly
      target: { region: us-east-1 }
      schedule: "0 2 * * SUN"
      duration: 2h
      timezone: America/New_York
`;

const FILE = 'policy.yaml';

/** BASE with `from` (which must occur exactly once) replaced by `to`. */
function tweak(from: string, to: string, text = BASE): string {
  const parts = text.split(from);
  if (parts.length !== 2) throw new Error(`'${from}' occurs ${parts.length - 1} times in the base policy`);
  return parts.join(to);
}

interface Expected {
  readonly severity?: 'error' | 'warning';
  readonly code: string;
  readonly line: number | undefined;
  readonly column: number | undefined;
  readonly path: string;
  readonly message: string;
  readonly hint?: string;
}

function summary(d: Diagnostic): Required<Omit<Expected, 'hint'>> & { hint: string | undefined } {
  return {
    severity: d.severity,
    code: d.code,
    line: d.location.line,
    column: d.location.column,
    path: d.path,
    message: d.message,
    hint: d.hint,
  };
}

function expected(e: Expected): ReturnType<typeof summary> {
  return { severity: 'error', ...e, hint: e.hint };
}

function diagnosticsOf(text: string, file = FILE): readonly Diagnostic[] {
  const result = loadPolicy(text, file);
  if (result.ok) throw new Error(`expected ${file} to be invalid, but it loaded`);
  for (const d of result.diagnostics) expect(d.location.file).toBe(file);
  return result.diagnostics;
}

const ID_HINT = 'use lower-case letters, digits and inner hyphens, at most 63 characters (e.g. aws-use1)';
const FORBIDDEN_HINT =
  'remove it: keys that name JavaScript object internals are refused to prevent prototype pollution';
const MIXED_SERVICE_HINT =
  'a weighted DNS group holds one record type: give all endpoints of a service cnames, or all addresses';
const CRON_HINT = 'use five cron fields: minute hour day-of-month month day-of-week, e.g. "0 2 * * SUN"';

/** A "billion laughs" document: nine levels of ten aliases each would expand to 10^9 nodes. */
function aliasBomb(): string {
  const lines = ['  l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
  for (let level = 1; level <= 8; level++) {
    lines.push(`  l${level}: &l${level} [${Array.from({ length: 10 }, () => `*l${level - 1}`).join(', ')}]`);
  }
  return tweak('version: 1\n', `version: 1\nlaughs:\n${lines.join('\n')}\n`);
}

const cases: readonly (readonly [name: string, text: string, diagnostics: readonly Expected[]])[] = [
  [
    'YAML syntax error: a flow mapping missing its closing brace points at the opening brace',
    tweak('minEndpoints: 2 }', 'minEndpoints: 2'),
    [
      {
        code: 'POLICY.SYNTAX',
        line: 18,
        column: 14,
        path: '',
        message: "this '{' is never closed",
        hint: "end the mapping with '}'; if it goes on over more lines, indent them more than its key",
      },
    ],
  ],
  [
    'YAML syntax error: a list missing its closing bracket points at the opening bracket',
    tweak('[aws-use1, aws-fra, az-weu]', '[aws-use1, aws-fra, az-weu'),
    [
      {
        code: 'POLICY.SYNTAX',
        line: 12,
        column: 16,
        path: '',
        message: "this '[' is never closed",
        hint: "end the list with ']'; if it goes on over more lines, indent them more than its key",
      },
    ],
  ],
  [
    'YAML syntax error: an unclosed quote points at the opening quote',
    tweak('end: "2026-12-06T04:00Z"', 'end: "2026-12-06T04:00Z'),
    [
      {
        code: 'POLICY.SYNTAX',
        line: 27,
        column: 12,
        path: '',
        message: 'this quoted string is never closed',
        hint: 'end it with "',
      },
    ],
  ],
  [
    'YAML syntax error: tab indentation',
    tweak('    ttl: 60\n    endpoints', '    ttl: 60\n\tendpoints'),
    [
      // One error: what yaml reports after the tab (a repeated key, misaligned items) follows from it.
      {
        code: 'POLICY.SYNTAX',
        line: 12,
        column: 1,
        path: '',
        message: 'this line is indented with a tab; YAML indents with spaces only',
        hint: 'replace the tabs with spaces (two per level, as in the examples); errors after the first tab are not shown, as they follow from it',
      },
    ],
  ],
  [
    'duplicate key points at the second occurrence',
    tweak('    ttl: 60\n', '    ttl: 60\n    ttl: 30\n'),
    [
      {
        code: 'POLICY.SYNTAX',
        line: 12,
        column: 5,
        path: '',
        message: 'Map keys must be unique',
        hint: 'remove or rename one of the duplicate keys',
      },
    ],
  ],
  [
    'a second YAML document',
    `${BASE}---\nversion: 1\n`,
    [
      {
        code: 'POLICY.SYNTAX',
        line: 34,
        column: 1,
        path: '',
        message: 'a policy is one YAML document, but this file has more',
        hint: "remove the '---' line and what follows it, or split the documents into separate files",
      },
    ],
  ],
  [
    'empty file has no position',
    '',
    [
      {
        code: 'POLICY.EMPTY',
        line: undefined,
        column: undefined,
        path: '',
        message: 'the policy file is empty',
        hint: 'run `trafficport init` to write a starter policy',
      },
    ],
  ],
  [
    'a file of only comments is empty too',
    '# version: 1\n\n# providers: {}\n',
    [
      {
        code: 'POLICY.EMPTY',
        line: undefined,
        column: undefined,
        path: '',
        message: 'the policy file is empty',
        hint: 'run `trafficport init` to write a starter policy',
      },
    ],
  ],
  [
    'unknown top-level field suggests the closest one',
    tweak('demand:\n', 'demnd:\n'),
    [
      {
        code: 'POLICY.INVALID',
        line: 14,
        column: 1,
        path: 'demnd',
        message: "unknown field 'demnd'",
        hint: "did you mean 'demand'?",
      },
    ],
  ],
  [
    'unknown top-level field far from any lists the allowed ones',
    tweak('demand:\n', 'extra: true\ndemand:\n'),
    [
      {
        code: 'POLICY.INVALID',
        line: 14,
        column: 1,
        path: 'extra',
        message: "unknown field 'extra'",
        hint: 'allowed fields: version, providers, endpoints, services, demand, health, rules',
      },
    ],
  ],
  [
    'wrong version',
    tweak('version: 1', 'version: 2'),
    [{ code: 'POLICY.INVALID', line: 1, column: 10, path: 'version', message: 'expected 1, got 2' }],
  ],
  [
    "version written as a string says so (not \"expected '1', got '1'\")",
    tweak('version: 1', 'version: "1"'),
    [{ code: 'POLICY.INVALID', line: 1, column: 10, path: 'version', message: "expected 1, got '1'" }],
  ],
  [
    'missing version points at the document',
    tweak('version: 1\n', ''),
    [{ code: 'POLICY.INVALID', line: 1, column: 1, path: '', message: "missing required field 'version'" }],
  ],
  [
    'wrong provider type suggests the closest type',
    tweak('type: route53', 'type: route_53'),
    [
      {
        code: 'POLICY.INVALID',
        line: 3,
        column: 16,
        path: 'providers.r53.type',
        message: "expected type to be 'route53' or 'azure'; got 'route_53'",
        hint: "did you mean 'route53'?",
      },
    ],
  ],
  [
    'providers given as a list',
    tweak(
      '  r53: { type: route53, zone: example.com, backend: mock }\n  az: { type: azure, zone: example.com, subscription: sub-1, resourceGroup: dns, backend: mock }',
      '  - r53',
    ),
    [{ code: 'POLICY.INVALID', line: 3, column: 3, path: 'providers', message: 'expected a mapping, got a list' }],
  ],
  [
    'unknown provider field typo suggests the field',
    tweak('backend: mock }\n  az:', 'backnd: mock }\n  az:'),
    [
      {
        code: 'POLICY.INVALID',
        line: 3,
        column: 44,
        path: 'providers.r53.backnd',
        message: "unknown field 'backnd'",
        hint: "did you mean 'backend'?",
      },
    ],
  ],
  [
    'misspelled required provider field: missing and unknown are both reported',
    tweak('resourceGroup: dns', 'resourcegroup: dns'),
    [
      {
        code: 'POLICY.INVALID',
        line: 4,
        column: 3,
        path: 'providers.az',
        message: "missing required field 'resourceGroup'",
      },
      {
        code: 'POLICY.INVALID',
        line: 4,
        column: 62,
        path: 'providers.az.resourcegroup',
        message: "unknown field 'resourcegroup'",
        hint: "did you mean 'resourceGroup'?",
      },
    ],
  ],
  [
    'bad endpoint id points at the key',
    tweak('services:\n', '  AWS_Use2: { cloud: aws, region: us-east-2, a: [203.0.113.40] }\nservices:\n'),
    [
      {
        code: 'POLICY.BAD_ID',
        line: 9,
        column: 3,
        path: 'endpoints.AWS_Use2',
        message: "'AWS_Use2' is not a valid id",
        hint: ID_HINT,
      },
    ],
  ],
  [
    'unknown region suggests the closest code of that cloud',
    tweak('region: eu-central-1', 'region: eu-centrl-1'),
    [
      {
        code: 'POLICY.UNKNOWN_REGION',
        line: 7,
        column: 34,
        path: 'endpoints.aws-fra.region',
        message: "unknown region 'eu-centrl-1' for aws",
        hint: "did you mean 'eu-central-1'?",
      },
    ],
  ],
  [
    'a region of another cloud is unknown, with a pointer to the catalog',
    tweak('region: westeurope', 'region: europe-west1'),
    [
      {
        code: 'POLICY.UNKNOWN_REGION',
        line: 8,
        column: 35,
        path: 'endpoints.az-weu.region',
        message: "unknown region 'europe-west1' for azure",
        hint: 'run `trafficport regions azure` to list them',
      },
    ],
  ],
  [
    'unknown endpoint in a service suggests the closest endpoint',
    tweak('[aws-use1, aws-fra, az-weu]', '[aws-use1, aws-fr, az-weu]'),
    [
      {
        code: 'POLICY.UNKNOWN_ENDPOINT',
        line: 12,
        column: 27,
        path: 'services[0].endpoints[1]',
        message: "unknown endpoint 'aws-fr'",
        hint: "did you mean 'aws-fra'?",
      },
    ],
  ],
  [
    'unknown endpoint with nothing close lists the defined ones',
    tweak('[aws-use1, aws-fra, az-weu]', '[aws-use1, aws-fra, gcp-x]'),
    [
      {
        code: 'POLICY.UNKNOWN_ENDPOINT',
        line: 12,
        column: 36,
        path: 'services[0].endpoints[2]',
        message: "unknown endpoint 'gcp-x'",
        hint: 'defined endpoints: aws-use1, aws-fra, az-weu',
      },
    ],
  ],
  [
    'unknown provider in publish suggests the closest provider',
    tweak('publish: [r53, az]', 'publish: [r53, azz]'),
    [
      {
        code: 'POLICY.UNKNOWN_PROVIDER',
        line: 13,
        column: 20,
        path: 'services[0].publish[1]',
        message: "unknown provider 'azz'",
        hint: "did you mean 'az'?",
      },
    ],
  ],
  [
    'service outside its providers’ zone is reported once per provider',
    tweak('name: www.example.com', 'name: www.example.org'),
    [r53OrAz('r53'), r53OrAz('az')],
  ],
  [
    'service named as the zone lease record is refused once per provider',
    tweak('name: www.example.com', 'name: _trafficport-lock.Example.com.'),
    ['r53', 'az'].map((provider) => ({
      code: 'POLICY.RESERVED_NAME',
      line: 10,
      column: 11,
      path: 'services[0].name',
      message: `service '_trafficport-lock.example.com' is the zone lease record of provider '${provider}', reserved for trafficport's lock`,
      hint: 'choose another name: trafficport keeps a TXT record there while it writes the zone (docs/locking.md)',
    })),
  ],
  [
    'cname and addresses on one endpoint (and no cascade on the service)',
    tweak('a: [198.51.100.30]', 'a: [198.51.100.30], cname: weu.example.net'),
    [
      {
        code: 'POLICY.MIXED_TARGETS',
        line: 8,
        column: 74,
        path: 'endpoints.az-weu.cname',
        message: "endpoint 'az-weu' has both a cname and addresses",
        hint: 'DNS cannot put a CNAME beside other records at one name: keep either cname or a/aaaa',
      },
    ],
  ],
  [
    'an address listed twice in one endpoint (Route 53 refuses a record set with a value twice)',
    tweak('a: [198.51.100.30]', 'a: [198.51.100.30, 198.51.100.31, 198.51.100.30]'),
    [
      {
        code: 'POLICY.DUPLICATE_ADDRESS',
        line: 8,
        column: 81,
        path: 'endpoints.az-weu.a[2]',
        message: "endpoint 'az-weu' lists the address 198.51.100.30 twice (first as a[0] 198.51.100.30)",
        hint: 'remove this entry from a: a record set holds each value once (Route 53 refuses a change with a "Duplicate Resource Record")',
      },
    ],
  ],
  [
    'an IPv6 address listed twice in another spelling',
    tweak('a: [198.51.100.30]', 'aaaa: [2001:db8::10, 2001:DB8:0:0:0:0:0:0010]'),
    [
      {
        code: 'POLICY.DUPLICATE_ADDRESS',
        line: 8,
        column: 68,
        path: 'endpoints.az-weu.aaaa[1]',
        message: "endpoint 'az-weu' lists the address 2001:DB8:0:0:0:0:0:0010 twice (first as aaaa[0] 2001:db8::10)",
        hint: 'remove this entry from aaaa: a record set holds each value once (Route 53 refuses a change with a "Duplicate Resource Record")',
      },
    ],
  ],
  [
    'endpoint without a target',
    tweak('a: [198.51.100.30], ', ''),
    [
      {
        code: 'POLICY.NO_TARGET',
        line: 8,
        column: 3,
        path: 'endpoints.az-weu',
        message: "endpoint 'az-weu' has no target",
        hint: 'add a: [203.0.113.10], aaaa: [2001:db8::10] or cname: app.example.net',
      },
    ],
  ],
  [
    'a service mixing cname and address endpoints',
    tweak('a: [198.51.100.30]', 'cname: weu.example.net'),
    [
      {
        code: 'POLICY.MIXED_TARGETS',
        line: 12,
        column: 16,
        path: 'services[0].endpoints',
        message: 'service mixes cname endpoints (az-weu) with address endpoints (aws-use1, aws-fra)',
        hint: MIXED_SERVICE_HINT,
      },
    ],
  ],
  [
    'negative capacity',
    tweak('capacity: 2000', 'capacity: -5'),
    [
      {
        code: 'POLICY.INVALID',
        line: 7,
        column: 77,
        path: 'endpoints.aws-fra.capacity',
        message: 'capacity must be a positive number of requests per second',
      },
    ],
  ],
  [
    'TTL over 2147483647',
    tweak('ttl: 60', 'ttl: 2147483648'),
    [
      {
        code: 'POLICY.INVALID',
        line: 11,
        column: 10,
        path: 'services[0].ttl',
        message: 'TTL must be at most 2147483647 seconds (RFC 2181)',
      },
    ],
  ],
  [
    'non-integer TTL',
    tweak('ttl: 60', 'ttl: 60.5'),
    [
      {
        code: 'POLICY.INVALID',
        line: 11,
        column: 10,
        path: 'services[0].ttl',
        message: 'expected an integer, got 60.5',
      },
    ],
  ],
  [
    'TTL written as a string',
    tweak('ttl: 60', 'ttl: "60"'),
    [{ code: 'POLICY.INVALID', line: 11, column: 10, path: 'services[0].ttl', message: "expected a number, got '60'" }],
  ],
  [
    'an empty list of services',
    tweak(
      '  - name: www.example.com\n    ttl: 60\n    endpoints: [aws-use1, aws-fra, az-weu]\n    publish: [r53, az]\n',
      '',
      tweak('services:\n', 'services: []\n'),
    ),
    [{ code: 'POLICY.INVALID', line: 9, column: 11, path: 'services', message: 'expected at least 1 item' }],
  ],
  [
    'bad IPv4 address',
    tweak('a: [203.0.113.20]', 'a: [203.0.113.256]'),
    [
      {
        code: 'POLICY.INVALID',
        line: 7,
        column: 52,
        path: 'endpoints.aws-fra.a[0]',
        message: 'expected an IPv4 address such as 203.0.113.10',
      },
    ],
  ],
  [
    'unknown cloud suggests the closest cloud',
    tweak('cloud: azure', 'cloud: azur'),
    [
      {
        code: 'POLICY.INVALID',
        line: 8,
        column: 20,
        path: 'endpoints.az-weu.cloud',
        message: "expected 'aws' or 'azure' or 'gcp' or 'onprem', got 'azur'",
        hint: "did you mean 'azure'?",
      },
    ],
  ],
  [
    'unknown geography in demand suggests the country code',
    tweak('DE: 20', 'DEU: 20'),
    [
      {
        code: 'POLICY.UNKNOWN_GEOGRAPHY',
        line: 16,
        column: 13,
        path: 'demand.shares.DEU',
        message: "unknown geography 'DEU'",
        hint: "did you mean 'DE'?",
      },
    ],
  ],
  [
    "a country name like 'Germany' in sovereignty users suggests DE",
    tweak('users: [EEA]', 'users: [Germany]'),
    [
      {
        code: 'POLICY.UNKNOWN_GEOGRAPHY',
        line: 20,
        column: 29,
        path: 'rules.sovereignty[0].users[0]',
        message: "unknown geography 'Germany'",
        hint: "did you mean 'DE' (Germany)?",
      },
    ],
  ],
  [
    'a group in demand',
    tweak('DE: 20', 'EU: 20'),
    [
      {
        code: 'POLICY.GROUP_IN_DEMAND',
        line: 16,
        column: 13,
        path: 'demand.shares.EU',
        message: "demand cannot be given for the group 'EU'",
        hint: 'give demand per country or continent (continent:EU); groups overlap and would count users twice',
      },
    ],
  ],
  [
    'unknown jurisdiction suggests the group, not a country at the same distance',
    tweak('jurisdiction: EU', 'jurisdiction: EUR'),
    [
      {
        code: 'POLICY.UNKNOWN_JURISDICTION',
        line: 20,
        column: 58,
        path: 'rules.sovereignty[0].allow.jurisdiction',
        message: "unknown jurisdiction 'EUR'",
        hint: "did you mean 'EU'?",
      },
    ],
  ],
  [
    'balance cloud targets not summing to 100',
    tweak('azure: 50 }', 'azure: 40 }'),
    [
      {
        code: 'POLICY.BALANCE_SUM',
        line: 22,
        column: 17,
        path: 'rules.balance[0].clouds',
        message: 'cloud targets add up to 90%, not 100%',
        hint: 'targets are shares of all traffic: make them sum to 100, or use min/max for bounds',
      },
    ],
  ],
  [
    'unknown cloud in balance',
    tweak('aws: 50, azure: 50', 'aws: 50, azur: 50'),
    [
      {
        code: 'POLICY.UNKNOWN_CLOUD',
        line: 22,
        column: 28,
        path: 'rules.balance[0].clouds.azur',
        message: "unknown cloud 'azur'",
        hint: "did you mean 'azure'?",
      },
    ],
  ],
  [
    'a cloud in balance that no endpoint runs in',
    tweak('aws: 50, azure: 50', 'aws: 40, azure: 40, gcp: 20'),
    [
      {
        code: 'POLICY.UNUSED_CLOUD',
        line: 22,
        column: 39,
        path: 'rules.balance[0].clouds.gcp',
        message: "no endpoint runs in cloud 'gcp'",
        hint: 'endpoints run in aws, azure',
      },
    ],
  ],
  [
    'maintenance window ending before it starts',
    tweak('end: "2026-12-06T04:00Z"', 'end: "2026-12-06T01:00Z"'),
    [
      {
        code: 'POLICY.WINDOW_ORDER',
        line: 27,
        column: 12,
        path: 'rules.maintenance[0].end',
        message: "window 'weu-patch' ends (2026-12-06T01:00Z) before it starts (2026-12-06T02:00Z)",
        hint: 'end must be later than start',
      },
    ],
  ],
  [
    'impossible date (February 30)',
    tweak('start: "2026-12-06T02:00Z"', 'start: "2026-02-30T00:00Z"'),
    [
      {
        code: 'POLICY.INVALID_TIME',
        line: 26,
        column: 14,
        path: 'rules.maintenance[0].start',
        message: "'2026-02-30T00:00Z' is not a real date and time",
      },
    ],
  ],
  [
    'time without a zone',
    tweak('start: "2026-12-06T02:00Z"', 'start: "2026-12-06T02:00"'),
    [
      {
        code: 'POLICY.INVALID',
        line: 26,
        column: 14,
        path: 'rules.maintenance[0].start',
        message: 'expected an ISO 8601 time with a zone, such as 2026-12-06T02:00Z or 2026-12-06T03:00+01:00',
      },
    ],
  ],
  [
    'invalid cron schedule (hour 25)',
    tweak('"0 2 * * SUN"', '"0 25 * * SUN"'),
    [
      {
        code: 'POLICY.INVALID_SCHEDULE',
        line: 31,
        column: 17,
        path: 'rules.maintenance[1].schedule',
        message: "invalid schedule '0 25 * * SUN': Invalid value for hour: 25",
        hint: CRON_HINT,
      },
    ],
  ],
  [
    'schedule that is not cron at all',
    tweak('"0 2 * * SUN"', '"every sunday"'),
    [
      {
        code: 'POLICY.INVALID_SCHEDULE',
        line: 31,
        column: 17,
        path: 'rules.maintenance[1].schedule',
        message:
          "invalid schedule 'every sunday': invalid configuration format ('every sunday'), exactly five, six, or seven space separated parts are required.",
        hint: CRON_HINT,
      },
    ],
  ],
  [
    'unknown time zone suggests the closest IANA name',
    tweak('America/New_York', 'America/NewYork'),
    [
      {
        code: 'POLICY.UNKNOWN_TIMEZONE',
        line: 33,
        column: 17,
        path: 'rules.maintenance[1].timezone',
        message: "unknown time zone 'America/NewYork'",
        hint: "did you mean 'America/New_York'?",
      },
    ],
  ],
  [
    'start/end mixed with schedule',
    tweak('      duration: 2h\n', '      duration: 2h\n      start: "2026-12-06T02:00Z"\n'),
    [
      {
        code: 'POLICY.WINDOW_KIND',
        line: 29,
        column: 7,
        path: 'rules.maintenance[1]',
        message: "window 'weekly' mixes start/end with schedule/duration",
        hint: 'use start and end for one window, or schedule, duration and timezone for a recurring one',
      },
    ],
  ],
  [
    'duplicate maintenance window names point at the second',
    tweak('    - name: weekly', '    - name: weu-patch'),
    [
      {
        code: 'POLICY.DUPLICATE_RULE',
        line: 29,
        column: 13,
        path: 'rules.maintenance[1].name',
        message: "maintenance window 'weu-patch' is defined twice",
        hint: 'give each window its own name',
      },
    ],
  ],
  [
    'duplicate sovereignty rule names',
    tweak('  balance:\n', '    - { name: gdpr, users: [CH], deny: { clouds: [gcp] } }\n  balance:\n'),
    [
      {
        code: 'POLICY.DUPLICATE_RULE',
        line: 21,
        column: 15,
        path: 'rules.sovereignty[1].name',
        message: "sovereignty rule 'gdpr' is defined twice",
        hint: 'give each rule its own name',
      },
    ],
  ],
  [
    'duplicate service names (compared case-insensitively)',
    tweak('demand:\n', '  - { name: WWW.example.com, endpoints: [aws-use1, aws-fra], publish: [r53] }\ndemand:\n'),
    [
      {
        code: 'POLICY.DUPLICATE_SERVICE',
        line: 14,
        column: 13,
        path: 'services[1].name',
        message: "service 'www.example.com' is defined twice (first at services[0])",
        hint: 'merge the two definitions',
      },
    ],
  ],
  [
    '__proto__ key',
    tweak('  r53: {', '  __proto__: { polluted: true }\n  r53: {'),
    [
      {
        code: 'POLICY.FORBIDDEN_KEY',
        line: 3,
        column: 3,
        path: 'providers.__proto__',
        message: "the key '__proto__' is not allowed",
        hint: FORBIDDEN_HINT,
      },
    ],
  ],
  [
    'constructor key',
    tweak('demand:\n', 'constructor: { name: x }\ndemand:\n'),
    [
      {
        code: 'POLICY.FORBIDDEN_KEY',
        line: 14,
        column: 1,
        path: 'constructor',
        message: "the key 'constructor' is not allowed",
        hint: FORBIDDEN_HINT,
      },
    ],
  ],
  [
    'prototype key deep inside a list',
    tweak('ramp: 20m', 'ramp: 20m\n      prototype: {}'),
    [
      {
        code: 'POLICY.FORBIDDEN_KEY',
        line: 29,
        column: 7,
        path: 'rules.maintenance[0].prototype',
        message: "the key 'prototype' is not allowed",
        hint: FORBIDDEN_HINT,
      },
    ],
  ],
  [
    'alias bomb ("billion laughs") is refused, pointing at the first alias',
    aliasBomb(),
    [
      {
        code: 'POLICY.ALIAS_LIMIT',
        line: 4,
        column: 12,
        path: '',
        message: `the policy expands YAML aliases more than ${MAX_ALIAS_COUNT} times`,
        hint: 'write the repeated values out, or use fewer anchors: alias expansion is limited to stop "billion laughs" documents',
      },
    ],
  ],
  [
    'an alias to an anchor that is defined later',
    tweak(
      'endpoints:\n',
      'endpoints:\n  copy: *ep\n',
      tweak('  aws-use1: { cloud: aws,', '  aws-use1: &ep { cloud: aws,'),
    ),
    [
      {
        code: 'POLICY.SYNTAX',
        line: 6,
        column: 9,
        path: '',
        message: "the alias '*ep' has no anchor before it",
        hint: "define '&ep' on a value above this line, or write the value out",
      },
    ],
  ],
];

function r53OrAz(provider: string): Expected {
  return {
    code: 'POLICY.OUTSIDE_ZONE',
    line: 10,
    column: 11,
    path: 'services[0].name',
    message: `service 'www.example.org' is not inside zone 'example.com' of provider '${provider}'`,
    hint: 'use a name ending in .example.com, or publish through a provider for that zone',
  };
}

describe('malformed policies', () => {
  it('the base policy is valid, without warnings', () => {
    const result = loadPolicy(BASE, FILE);
    expect(result.ok ? result.warnings : result.diagnostics).toEqual([]);
    expect(result.ok).toBe(true);
  });

  it('covers at least 30 malformed policies', () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
  });

  it.each(cases)('%s', (_name, text, diagnostics) => {
    expect(diagnosticsOf(text).map(summary)).toEqual(diagnostics.map(expected));
  });

  it('valid aliases (anchor before alias) load fine', () => {
    const text = tweak(
      '  az-weu:',
      '  aws-copy: *ep\n  az-weu:',
      tweak('  aws-use1: { cloud: aws,', '  aws-use1: &ep { cloud: aws,'),
    );
    const result = loadPolicy(text, FILE);
    expect(result.ok && result.policy.endpoints.map((e) => e.id)).toEqual([
      'aws-use1',
      'aws-fra',
      'aws-copy',
      'az-weu',
    ]);
  });

  it('a file over 5 MiB is refused before parsing, without a position', () => {
    const text = `${BASE}#${'x'.repeat(MAX_POLICY_BYTES - Buffer.byteLength(BASE))}\n`;
    expect(Buffer.byteLength(text)).toBe(MAX_POLICY_BYTES + 2);
    expect(diagnosticsOf(text).map(summary)).toEqual([
      expected({
        code: 'POLICY.TOO_LARGE',
        line: undefined,
        column: undefined,
        path: '',
        message: `the policy is ${MAX_POLICY_BYTES + 2} bytes; the limit is 5242880`,
        hint: 'split the estate into several policies, or check that the right file was given',
      }),
    ]);
  });

  it('a file of exactly 5 MiB is still read (the limit is inclusive)', () => {
    const text = `${BASE}#${'x'.repeat(MAX_POLICY_BYTES - Buffer.byteLength(BASE) - 1)}`;
    expect(Buffer.byteLength(text)).toBe(MAX_POLICY_BYTES);
    expect(loadPolicy(text, FILE).ok).toBe(true);
  });
});

describe('JSON policies have positions too', () => {
  const policy = {
    version: 1,
    providers: { r53: { type: 'route53', zone: 'example.com', backend: 'mock' } },
    endpoints: { 'aws-fra': { cloud: 'aws', region: 'eu-central-1', a: ['203.0.113.20'] } },
    services: [{ name: 'www.example.com', ttl: 60, endpoints: ['aws-fra'], publish: ['r53'] }],
  };
  const json = JSON.stringify(policy, null, 2);

  it('the JSON base is valid', () => {
    expect(loadPolicy(json, 'policy.json').ok).toBe(true);
  });

  it('a cross-reference error in JSON points at the value', () => {
    const text = tweak('"eu-central-1"', '"eu-centrl-1"', json);
    expect(diagnosticsOf(text, 'policy.json').map(summary)).toEqual([
      expected({
        code: 'POLICY.UNKNOWN_REGION',
        line: 13,
        column: 17,
        path: 'endpoints.aws-fra.region',
        message: "unknown region 'eu-centrl-1' for aws",
        hint: "did you mean 'eu-central-1'?",
      }),
    ]);
  });

  it('a type error in JSON points at the value', () => {
    const text = tweak('"ttl": 60', '"ttl": "sixty"', json);
    expect(diagnosticsOf(text, 'policy.json').map(summary)).toEqual([
      expected({
        code: 'POLICY.INVALID',
        line: 22,
        column: 14,
        path: 'services[0].ttl',
        message: "expected a number, got 'sixty'",
      }),
    ]);
  });

  it('a JSON syntax error (missing ]) points where the parser stopped, as jq and JSON.parse do', () => {
    const text = tweak('"aws-fra"\n      ],', '"aws-fra"\n      ', json);
    const first = diagnosticsOf(text, 'policy.json')[0];
    expect(first && summary(first)).toEqual(
      expected({
        code: 'POLICY.JSON_SYNTAX',
        line: 26,
        column: 7,
        path: '',
        message: "not valid JSON: ',' was expected",
        hint: "a ',' is missing before this point, or the ']' or '}' that closes the list or object above",
      }),
    );
  });

  // YAML reads all of these as the policy the author meant; jq, JSON.parse and editors refuse them.
  it.each([
    [
      'a trailing comma',
      '"r53"\n      ]',
      '"r53",\n      ]',
      28,
      7,
      "JSON allows no trailing comma: remove the ',' before this point",
    ],
    [
      'a comment',
      '{\n  "version": 1,',
      '{\n  // ours\n  "version": 1,',
      2,
      3,
      'JSON has no comments: remove them, or write the policy as YAML (.yaml), which has',
    ],
    ['single quotes', '"version": 1', "'version': 1", 2, 3, 'JSON strings and property names need double quotes'],
    ['an unquoted key', '"version": 1', 'version: 1', 2, 3, 'JSON strings and property names need double quotes'],
  ])(
    '%s is refused in a .json policy with its position (YAML took all but comments)',
    (_, from, to, line, column, hint) => {
      const text = tweak(from, to, json);
      const [first, ...rest] = diagnosticsOf(text, 'policy.json');
      expect(rest).toEqual([]);
      expect(first?.code).toBe('POLICY.JSON_SYNTAX');
      expect(first?.location).toEqual({ file: 'policy.json', line, column });
      expect(first?.hint).toBe(hint);
      if (!to.includes('//')) expect(loadPolicy(text, 'policy.yaml').ok).toBe(true);
    },
  );
});

describe('all problems in one run', () => {
  it('reports every independent cross-reference error, sorted by line', () => {
    let text = BASE;
    for (const [from, to] of [
      ['region: eu-central-1', 'region: eu-centrl-1'],
      ['publish: [r53, az]', 'publish: [r53, azz]'],
      ['DE: 20', 'Germany: 20'],
      ['jurisdiction: EU', 'jurisdiction: EUR'],
      ['azure: 50 }', 'azure: 40 }'],
      ['end: "2026-12-06T04:00Z"', 'end: "2026-12-06T01:00Z"'],
      ['America/New_York', 'America/NewYork'],
    ] as const) {
      text = tweak(from, to, text);
    }
    const diagnostics = diagnosticsOf(text);
    expect(diagnostics.map((d) => [d.code, d.location.line])).toEqual([
      ['POLICY.UNKNOWN_REGION', 7],
      ['POLICY.UNKNOWN_PROVIDER', 13],
      ['POLICY.UNKNOWN_GEOGRAPHY', 16],
      ['POLICY.UNKNOWN_JURISDICTION', 20],
      ['POLICY.BALANCE_SUM', 22],
      ['POLICY.WINDOW_ORDER', 27],
      ['POLICY.UNKNOWN_TIMEZONE', 33],
    ]);
    expect(diagnostics).toHaveLength(7);
  });

  it('reports every schema error across the file, sorted by line and column', () => {
    let text = BASE;
    for (const [from, to] of [
      ['start: "2026-12-06T02:00Z"', 'start: "2026-12-06T02:00"'],
      ['a: [203.0.113.20]', 'a: [203.0.113.256]'],
      ['ttl: 60', 'ttl: 60.5'],
      ['capacity: 2000', 'capacity: -5'],
      ['demand:\n', 'demnd:\n'],
      ['version: 1', 'version: 2'],
    ] as const) {
      text = tweak(from, to, text);
    }
    const diagnostics = diagnosticsOf(text);
    expect(diagnostics.map((d) => [d.path, d.location.line, d.location.column])).toEqual([
      ['version', 1, 10],
      ['endpoints.aws-fra.a[0]', 7, 52],
      ['endpoints.aws-fra.capacity', 7, 78],
      ['services[0].ttl', 11, 10],
      ['demnd', 14, 1],
      ['rules.maintenance[0].start', 26, 14],
    ]);
  });
});

describe('warnings', () => {
  it('a long TTL is a warning and does not fail validation', () => {
    const result = loadPolicy(tweak('ttl: 60', 'ttl: 7200'), FILE);
    expect(result.ok).toBe(true);
    expect(result.ok && result.warnings.map(summary)).toEqual([
      expected({
        severity: 'warning',
        code: 'POLICY.LONG_TTL',
        line: 11,
        column: 10,
        path: 'services[0].ttl',
        message: 'TTL 7200s means drains must start 7200s before each window',
        hint: 'steered records usually use 60s',
      }),
    ]);
    expect(result.ok && result.policy.services[0]?.ttl).toBe(7200);
  });
});
