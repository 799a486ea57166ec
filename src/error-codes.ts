/**
 * Every code trafficport reports — errors, findings in inputs, degradations and shortfalls — with
 * the exit code an error of that code ends the process with, what it means in one line, and the
 * usual fix. Throw sites and diagnostics take their code from this table (the type says so), the
 * runner maps codes to exit codes through it, and docs/errors.md is generated from it and checked
 * by a test, so code and docs cannot drift apart.
 */

export interface CodeEntry {
  /** `usage` (64): the command line is wrong; `interrupted` (130): Ctrl-C; `error` (1): anything else. */
  readonly exit: 'usage' | 'error' | 'interrupted';
  readonly meaning: string;
  /** The general fix, used when the place that reports the code has no more specific one. */
  readonly hint?: string;
}

export const ERROR_CODES = {
  'ADOPT.NOTHING_TO_ADOPT': {
    exit: 'error',
    meaning: 'The service has no foreign records at any provider it publishes to: there is nothing to take over.',
    hint: 'use `trafficport plan` and `apply`: trafficport already owns everything at the name',
  },
  'ADOPT.TOO_LARGE': {
    exit: 'error',
    meaning: "Replacing the service's records takes more than one atomic Route 53 change batch.",
    hint: 'adopt fewer geographies at once, or simplify the foreign layout first',
  },
  'ADOPT.UNSUPPORTED': {
    exit: 'error',
    meaning:
      'The takeover cannot keep every geography answered: on Azure, trafficport would publish another record set type at the name than the other tool did (Azure cannot change a type in one write).',
    hint: 'publish the same record set type (a CNAME below the apex), or replace the records by hand, then plan and apply',
  },
  'APPLY.CANCELLED': {
    exit: 'error',
    meaning: 'The confirmation was answered with something other than "yes"; nothing was changed.',
  },
  'APPLY.INTERRUPTED': {
    exit: 'error',
    meaning: 'An earlier apply in this state directory did not finish; a new one would act on a half-written state.',
    hint: 'finish it with `apply --resume`, or undo it with `rollback`',
  },
  'APPLY.VERIFY_FAILED': {
    exit: 'error',
    meaning:
      'The apply wrote every change, but the records read back do not answer as planned (a write the provider acknowledged and lost, or another writer).',
    hint: 'run trafficport plan to see what differs, then apply again',
  },
  'APPLY.LOCKED': {
    exit: 'error',
    meaning: 'Another run holds the lease of a zone this one writes (its lease record names it); nothing was changed.',
    hint: "wait (--lock-timeout), or break a dead holder's lease with `trafficport unlock`",
  },
  'APPLY.LOCK_LOST': {
    exit: 'error',
    meaning: 'The run lost its zone lease (someone broke or took it over) and stopped writing.',
    hint: 'check who holds it, then `apply --resume`',
  },
  'APPLY.INTERRUPTED_AT_PROMPT': {
    exit: 'interrupted',
    meaning: 'Ctrl-C at the confirmation; nothing was changed.',
  },
  'APPLY.NEEDS_APPROVAL': {
    exit: 'error',
    meaning: 'A change needs a person\'s "yes" and there is no terminal to ask.',
    hint: 'review the plan, then pass --auto-approve',
  },
  'APPLY.NOTHING_TO_RESUME': { exit: 'error', meaning: 'There is no unfinished apply to resume.' },
  'APPLY.NOTHING_TO_ROLL_BACK': { exit: 'error', meaning: 'No apply journal was found to roll back.' },
  'APPLY.RUNNING': {
    exit: 'error',
    meaning: 'An apply in this state directory is still running (its process is alive); a second one would race it.',
    hint: 'wait for it to finish',
  },
  'APPLY.UNKNOWN_PROVIDER': {
    exit: 'error',
    meaning: 'The journal names a provider the policy no longer defines.',
    hint: 'use the policy the apply was made with',
  },
  'AZURE.CNAME_AT_APEX': {
    exit: 'error',
    meaning: 'A CNAME service at the zone apex cannot be published in Azure DNS.',
  },
  'AZURE.FLAT_PROFILE_ONLY': {
    exit: 'error',
    meaning:
      'At the zone apex or for a dual-stack name only an A/AAAA alias to a profile of IP endpoints can stand; splits with several targets get their largest one.',
    hint: 'publish the service below the apex with one record family (a CNAME), or pass --accept-degraded',
  },
  'AZURE.NO_FAILOVER_BACKUP': {
    exit: 'error',
    meaning:
      'trafficManager.failoverBackups is set to true, but at the zone apex or for a dual-stack name the A/AAAA alias needs a profile of IP endpoints only, which cannot hold the Priority-routed backups: geographies whose endpoints all fail keep being answered with them until the next plan.',
    hint: 'publish the service below the apex with one record family (a CNAME), leave failoverBackups unset (the default leaves the backups out where they cannot stand), or pass --accept-degraded',
  },
  'AZURE.MIXED_HEALTH_CHECKS': {
    exit: 'error',
    meaning: 'Endpoints of one Traffic Manager profile ask for different health checks; a profile probes all alike.',
  },
  'AZURE.NO_TARGETS': { exit: 'error', meaning: 'Some geographies have no endpoint with a target of the record type.' },
  'AZURE.PARTIAL_FAMILY': {
    exit: 'error',
    meaning: 'Answers of one record type leave out endpoints that have no target of that type.',
  },
  'AZURE.TOO_MANY_ENDPOINTS': {
    exit: 'error',
    meaning: 'A Traffic Manager profile would need more endpoints than allowed.',
  },
  'AZURE.TOO_MANY_SPLITS': {
    exit: 'error',
    meaning: 'A service needs more distinct splits than a Geographic profile can hold endpoints for.',
  },
  'AZURE.UNMAPPABLE_GEOGRAPHY': {
    exit: 'error',
    meaning: 'A geography has no Traffic Manager code of its own and is answered by a less specific one.',
  },
  'HEALTH.INVALID': {
    exit: 'error',
    meaning: 'The health file has errors.',
    hint: 'each line is `endpoint-id: up` or `down`',
  },
  'HEALTH.SYNTAX': { exit: 'error', meaning: 'The health file is not a YAML or JSON mapping.' },
  'HEALTH.UNKNOWN_ENDPOINT': {
    exit: 'error',
    meaning: 'The health file names an endpoint the policy does not define.',
  },
  'INIT.EXISTS': {
    exit: 'error',
    meaning: 'The starter policy would overwrite an existing file.',
    hint: 'pass --force',
  },
  'INPUT.TOO_LARGE': {
    exit: 'error',
    meaning: 'An input file is larger than the limit (5 MiB); it was not read whole.',
  },
  'INPUT.UNREADABLE': {
    exit: 'error',
    meaning: 'An input file could not be read (missing, a directory, no permission).',
  },
  'INTERNAL.UNEXPECTED': {
    exit: 'error',
    meaning: 'A failure trafficport did not expect: a bug.',
    hint: 'please report it with the command you ran (TRAFFICPORT_DEBUG=1 prints the stack)',
  },
  'IO.DISK_FULL': {
    exit: 'error',
    meaning: 'A file could not be written: no space left on the device. Nothing was half-written.',
    hint: 'free some space, then run the command again',
  },
  'IO.STATE_DIR_NOT_OURS': {
    exit: 'error',
    meaning: "The state directory's journal or mock directory belongs to another user; nothing is written into it.",
    hint: 'use a directory of your own (--state-dir or TRAFFICPORT_STATE_DIR)',
  },
  'IO.SYMLINK_REFUSED': {
    exit: 'error',
    meaning: 'A file trafficport writes is a symbolic link; it is not written through (it could point anywhere).',
    hint: 'remove the link, then run the command again',
  },
  'IO.WRITE_FAILED': {
    exit: 'error',
    meaning: 'A file could not be written (permissions, a read-only file system, a missing directory).',
    hint: 'check the path and its permissions',
  },
  'IMPORT.EXISTS': {
    exit: 'error',
    meaning: 'The service to import is already in the policy.',
    hint: 'remove it from the policy first, or import another name',
  },
  'IMPORT.INVALID': {
    exit: 'error',
    meaning: 'The imported policy does not validate (the diagnostics say where); nothing was written.',
  },
  'IMPORT.MIXED_TARGETS': {
    exit: 'error',
    meaning:
      'The published answers mix addresses with names (aliases, CNAMEs), which one trafficport service cannot hold.',
  },
  'IMPORT.NOT_FOUND': {
    exit: 'error',
    meaning: 'No provider of the policy publishes anything at the service name.',
    hint: 'check the name, and the zones the providers name',
  },
  'JOURNAL.UNREADABLE': { exit: 'error', meaning: 'An apply journal is damaged or not a journal.' },
  'LATENCY.INVALID': {
    exit: 'error',
    meaning: 'The latency CSV has errors.',
    hint: 'each row is `geography,endpoint,ms`',
  },
  'LATENCY.OVERRIDDEN': {
    exit: 'error',
    meaning:
      "`--latency FILE` is used instead of the policy's `rules.geography.latencyFile` (a warning, on stderr and in `--json` output's `warnings`).",
    hint: "drop --latency to use the policy's file, or point latencyFile at the file you mean",
  },
  'MOCK.STATE_CORRUPT': {
    exit: 'error',
    meaning:
      "A mock backend's state file or its change log is damaged (not JSON, not a state, a log line that is not a change); the error names the file and the fault.",
    hint: 'move the state file and its .log aside to start the mock from an empty state',
  },
  'PLAN.DEGRADED': {
    exit: 'error',
    meaning: 'A provider cannot express the plan exactly; publishing would give some users another split.',
    hint: 'change the policy, or pass --accept-degraded to publish the closest form',
  },
  'PLAN.MISMATCH': {
    exit: 'error',
    meaning:
      'A saved plan is not the plan its policy gives for its moment and the live records: the file was edited (changed values, a record added or dropped, the safety figures changed or removed).',
    hint: 'make the plan again with `plan --out` and review it',
  },
  'PLAN.SOVEREIGNTY_FALLBACK': {
    exit: 'error',
    meaning:
      'A geography the provider cannot target would be answered by a wider record that sends its users where a sovereignty rule forbids.',
    hint: "make the wider geography's split acceptable to the rule, or publish the service through a provider that lists the geography",
  },
  'PLAN.STALE': {
    exit: 'error',
    meaning: 'The policy or the live records changed since the plan was made.',
    hint: 'run trafficport plan again and review the new plan',
  },
  'PLAN.UNSAFE': {
    exit: 'error',
    meaning: 'The plan removes more records or moves more traffic than the safety limits allow.',
    hint: 'review it, then pass --force or raise --max-record-delete/--max-traffic-move',
  },
  'PLAN.VERSION': { exit: 'error', meaning: 'A saved plan was made by another version of the plan format.' },
  'POLICY.ALIAS_LIMIT': {
    exit: 'error',
    meaning: 'The YAML uses more aliases than allowed (an alias bomb is refused).',
  },
  'POLICY.BAD_ID': { exit: 'error', meaning: 'An id has characters DNS names and records cannot carry.' },
  'POLICY.BALANCE_OMITS_CLOUD': {
    exit: 'error',
    meaning: "A balance rule's targets leave out a cloud the service runs in, so its target is 0% (a warning).",
    hint: 'name the cloud with its target, or bound only some clouds with min/max',
  },
  'POLICY.BALANCE_RANGE': { exit: 'error', meaning: 'A balance target or tolerance is out of range.' },
  'POLICY.BALANCE_SUM': { exit: 'error', meaning: "A balance rule's targets cannot add up to 100%." },
  'POLICY.DUPLICATE_ADDRESS': {
    exit: 'error',
    meaning: 'An endpoint lists the same address twice (Route 53 refuses a record set holding a value twice).',
  },
  'POLICY.DUPLICATE_REFERENCE': { exit: 'error', meaning: 'A service lists the same endpoint or provider twice.' },
  'POLICY.DUPLICATE_RULE': { exit: 'error', meaning: 'Two rules share a name.' },
  'POLICY.DUPLICATE_SERVICE': { exit: 'error', meaning: 'Two services share a name.' },
  'POLICY.EMPTY': { exit: 'error', meaning: 'The policy file is empty.', hint: 'run `trafficport init` for a starter' },
  'POLICY.EMPTY_RULE': { exit: 'error', meaning: 'A rule applies to nothing.' },
  'POLICY.FORBIDDEN_KEY': { exit: 'error', meaning: 'A key such as __proto__ is refused.' },
  'POLICY.GROUP_IN_DEMAND': {
    exit: 'error',
    meaning: 'Demand is given for a group of countries, which would count users twice.',
  },
  'POLICY.HEALTH_CHECK_INVALID': {
    exit: 'error',
    meaning:
      'Health-check settings a provider would refuse (a path on a TCP check, a timeout too long for the interval, too many headers).',
  },
  'POLICY.HEALTH_CHECK_UNUSED': {
    exit: 'error',
    meaning:
      'A health-check setting no provider would use (no Route 53 provider with healthChecks: true, or no Azure provider, publishes it).',
    hint: 'set healthChecks: true on the Route 53 provider, publish through Azure, or remove the setting',
  },
  'POLICY.INVALID': {
    exit: 'error',
    meaning: 'The policy does not match the schema, or has errors.',
    hint: 'run trafficport validate',
  },
  'POLICY.INVALID_SCHEDULE': { exit: 'error', meaning: 'A maintenance schedule is not a valid cron expression.' },
  'POLICY.INVALID_TIME': { exit: 'error', meaning: 'A time is not ISO 8601 with a zone.' },
  'POLICY.LONG_TTL': { exit: 'error', meaning: 'A TTL is long enough to slow drains and failover (a warning).' },
  'POLICY.MIN_ENDPOINTS': { exit: 'error', meaning: 'minEndpoints asks for more endpoints than a service has.' },
  'POLICY.MISSING_LOCATION': { exit: 'error', meaning: 'An endpoint has neither a cloud region nor a location.' },
  'POLICY.MISSING_REGION': { exit: 'error', meaning: 'A cloud endpoint has no region.' },
  'POLICY.MIXED_TARGETS': { exit: 'error', meaning: 'An endpoint or service mixes CNAME with address targets.' },
  'POLICY.NO_DEMAND': { exit: 'error', meaning: 'Explicit demand gives no geography a share.' },
  'POLICY.NO_DEMAND_TOTAL': {
    exit: 'error',
    meaning: 'Capacity is set but demand has no total, so it cannot be enforced (a warning).',
  },
  'POLICY.NO_ENDPOINTS': { exit: 'error', meaning: 'The policy defines no endpoints.' },
  'POLICY.NO_PROVIDERS': { exit: 'error', meaning: 'The policy defines no providers.' },
  'POLICY.NO_TARGET': { exit: 'error', meaning: 'An endpoint has no address or CNAME target.' },
  'POLICY.OUTSIDE_ZONE': { exit: 'error', meaning: "A service name is not inside its provider's zone." },
  'POLICY.RESERVED_NAME': {
    exit: 'error',
    meaning: 'A service is named `_trafficport-lock.<zone>`, the zone lease record trafficport reserves for its lock.',
  },
  'POLICY.JSON_SYNTAX': {
    exit: 'error',
    meaning: 'A `.json` policy is not strict JSON (a trailing comma, a comment, single quotes, an unquoted key).',
    hint: 'fix the JSON at the position shown, or write the policy as YAML (.yaml)',
  },
  'POLICY.PINNED_ENDPOINT': {
    exit: 'error',
    meaning: "A pinned split gives a share to an endpoint that is not one of the service's.",
  },
  'POLICY.PINNED_GEOGRAPHY': {
    exit: 'error',
    meaning: 'A pinned split is keyed by something a DNS record cannot target (a group, an unknown code).',
  },
  'POLICY.PINNED_SOVEREIGNTY': {
    exit: 'error',
    meaning: 'A pinned split sends users a sovereignty rule protects to an endpoint the rule forbids.',
  },
  'POLICY.PINNED_SUM': {
    exit: 'error',
    meaning: "A pinned split's percents do not add up to 100.",
  },
  'POLICY.SHARED_ADDRESS': {
    exit: 'error',
    meaning:
      'Two endpoints list one address or CNAME target: one server, whose capacity and shares are counted for each (a warning).',
    hint: 'keep one endpoint for the server, or give each its own address',
  },
  'POLICY.SHARED_TARGET': {
    exit: 'error',
    meaning:
      'Two endpoints of a service published to Azure share an address: its Traffic Manager profile would hold one target twice (refused by the stricter reading; see docs/mock-azure.md).',
    hint: 'give each endpoint its own address, or keep one endpoint for the server',
  },
  'POLICY.SYNTAX': { exit: 'error', meaning: 'The file is not valid YAML or JSON.' },
  'POLICY.TOO_COMPLEX': { exit: 'error', meaning: 'The document has more nodes than the parser limit.' },
  'POLICY.TOO_DEEP': { exit: 'error', meaning: 'The document nests deeper than the parser limit.' },
  'POLICY.TOO_LARGE': { exit: 'error', meaning: 'The policy text is larger than 5 MiB.' },
  'POLICY.UNKNOWN_CLOUD': { exit: 'error', meaning: 'A rule names a cloud no endpoint is in.' },
  'POLICY.UNKNOWN_COUNTRY': { exit: 'error', meaning: 'An ISO 3166-1 country code is unknown.' },
  'POLICY.UNKNOWN_ENDPOINT': { exit: 'error', meaning: 'A reference names an endpoint the policy does not define.' },
  'POLICY.UNKNOWN_GEOGRAPHY': {
    exit: 'error',
    meaning: 'A geography (country, continent, subdivision, group) is unknown.',
  },
  'POLICY.UNKNOWN_JURISDICTION': { exit: 'error', meaning: 'A jurisdiction name is unknown.' },
  'POLICY.UNKNOWN_PROVIDER': {
    exit: 'error',
    meaning: 'A service publishes to a provider the policy does not define.',
  },
  'POLICY.UNKNOWN_REGION': { exit: 'error', meaning: "A region code is not in the cloud's catalog." },
  'POLICY.UNKNOWN_SERVICE': { exit: 'error', meaning: 'A rule names a service the policy does not define.' },
  'POLICY.UNKNOWN_TIMEZONE': { exit: 'error', meaning: 'A time zone is not an IANA zone name.' },
  'POLICY.UNUSED_CLOUD': { exit: 'error', meaning: 'A rule names a cloud that no service uses (a warning).' },
  'POLICY.UNUSED_REGION': {
    exit: 'error',
    meaning: 'A maintenance window drains a region no endpoint is in (a warning).',
  },
  'POLICY.WINDOW_KIND': { exit: 'error', meaning: 'A maintenance window mixes start/end with schedule/duration.' },
  'POLICY.WINDOW_ORDER': { exit: 'error', meaning: 'A maintenance window ends before it starts.' },
  'PROVIDER.AMBIGUOUS_ZONE': {
    exit: 'error',
    meaning: "More than one hosted zone has the policy's zone name.",
    hint: 'set hostedZoneId',
  },
  'PROVIDER.AUTH': { exit: 'error', meaning: 'The provider refused the credentials or their permissions.' },
  'PROVIDER.BAD_ENDPOINT': { exit: 'error', meaning: 'An endpoint override (TRAFFICPORT_*_ENDPOINT) is not usable.' },
  'PROVIDER.ENDPOINT_REFUSED': {
    exit: 'error',
    meaning:
      'An endpoint override (TRAFFICPORT_*_ENDPOINT) points a real backend somewhere other than this machine; your cloud credentials are not sent there.',
    hint: 'unset the variable, point it at a loopback mock, or pass --send-credentials-to-endpoint if that endpoint should get them',
  },
  'PROVIDER.BAD_FAULTS': {
    exit: 'error',
    meaning: 'TRAFFICPORT_MOCK_FAULTS (mock fault injection) is not valid JSON.',
  },
  'PROVIDER.BAD_RATE': { exit: 'error', meaning: 'TRAFFICPORT_ROUTE53_RATE is not a rate.' },
  'PROVIDER.ALIAS_TARGET': {
    exit: 'error',
    meaning:
      'Azure DNS would refuse an A/AAAA alias record set whose target profile has an endpoint that is not an external IP endpoint.',
    hint: 'run plan again with the current policy rather than restoring that state',
  },
  'PROVIDER.BATCH_TOO_LARGE': {
    exit: 'error',
    meaning: 'One group of changes is larger than a provider request can carry.',
  },
  'PROVIDER.CONFLICT': {
    exit: 'error',
    meaning: 'The records changed while they were being written (another writer).',
    hint: 'run trafficport plan again',
  },
  'PROVIDER.ERROR': { exit: 'error', meaning: 'The provider answered with an error trafficport does not classify.' },
  'PROVIDER.FOREIGN_RECORD': {
    exit: 'error',
    meaning: 'A record trafficport does not own occupies a name and type a service needs.',
    hint: 'take the records over with `trafficport adopt` (Route 53), remove or rename the foreign record, or publish the service under another name',
  },
  'PROVIDER.BAD_RESPONSE': {
    exit: 'error',
    meaning: 'A provider answered with something trafficport cannot use (a malformed geography list).',
    hint: 'nothing was changed; run the command again, and report it if it repeats',
  },
  'PROVIDER.LIMIT': {
    exit: 'error',
    meaning:
      'The plan breaks a fixed per-record limit of the provider (Route 53: 100 weighted record sets per name and type, 400 values per record set, no CNAME at the zone apex).',
    hint: 'publish fewer endpoints or addresses under one name; these limits cannot be raised',
  },
  'PROVIDER.NOT_FOUND': { exit: 'error', meaning: 'A resource the provider was asked for does not exist.' },
  'PROVIDER.NOT_OWNED': {
    exit: 'error',
    meaning: 'A change would touch a record trafficport does not own; it was refused.',
  },
  'PROVIDER.NO_ZONE': { exit: 'error', meaning: 'The DNS zone the policy names does not exist at the provider.' },
  'PROVIDER.PAGING': { exit: 'error', meaning: "A provider's listing did not page as documented." },
  'PROVIDER.PROPAGATION_TIMEOUT': { exit: 'error', meaning: 'A change was accepted but not in sync in time.' },
  'PROVIDER.QUOTA': {
    exit: 'error',
    meaning:
      'The plan needs more of a quota several providers share than it allows (Azure: Traffic Manager profiles per subscription).',
    hint: 'raise the limit (Azure Support) and set trafficManager.profileQuota to it, or publish fewer services there',
  },
  'PROVIDER.REJECTED': { exit: 'error', meaning: 'The provider refused a request as invalid; its message says why.' },
  'PROVIDER.THROTTLED': { exit: 'error', meaning: 'The provider kept throttling after every retry.' },
  'PROVIDER.UNAVAILABLE': { exit: 'error', meaning: 'The provider could not be reached or kept failing.' },
  'PROVIDER.UNEXPECTED': {
    exit: 'error',
    meaning: 'Writing to a provider failed in a way trafficport did not expect.',
  },
  'PROVIDER.WRONG_KIT': { exit: 'error', meaning: 'A provider was given to the adapter of another type (a bug).' },
  'PROVIDER.ZONE_MISMATCH': { exit: 'error', meaning: "The hosted zone id names a zone other than the policy's zone." },
  'PROVIDER.ZONE_QUOTA': {
    exit: 'error',
    meaning:
      'The plan would grow a zone past its record quota as the provider reports it (Route 53 GetHostedZoneLimit).',
    hint: "ask the provider's support to raise the zone's quota, or publish fewer records to it",
  },
  'RENDER.MISSING_SPLIT': { exit: 'error', meaning: 'A service has no split to render (a bug).' },
  'ROUTE53.CNAME_AT_APEX': {
    exit: 'error',
    meaning:
      'A service of cname endpoints sits at the zone apex, where Route 53 refuses a CNAME; nothing is published there.',
    hint: 'publish the service below the apex, or give its endpoints addresses',
  },
  'ROUTE53.TYPE_UNSERVED': { exit: 'error', meaning: 'A geography has no endpoint with values of a record type.' },
  'SOLVE.BALANCE': { exit: 'error', meaning: 'A balance rule could not be met (a shortfall).' },
  'SOLVE.CAPACITY': { exit: 'error', meaning: 'Demand exceeds the capacity the rules allow (a shortfall).' },
  'SOLVE.NO_ENDPOINTS': { exit: 'error', meaning: 'A geography has no endpoint left to serve it.' },
  'SOLVE.TOO_MANY_WINDOWS': {
    exit: 'error',
    meaning: 'A recurring window recurs too often in the interval asked for.',
  },
  'SOLVE.UNSERVABLE': { exit: 'error', meaning: 'A sovereignty rule leaves a geography with no allowed endpoint.' },
  'USAGE.BAD_CHOICE': { exit: 'usage', meaning: 'A flag was given a value it does not accept.' },
  'USAGE.COMMAND_LINE': { exit: 'usage', meaning: 'The command line cannot be read.', hint: 'see --help' },
  'USAGE.CONFLICTING_OPTION': { exit: 'usage', meaning: 'Two flags were given that cannot be used together.' },
  'USAGE.EXCESS_ARGUMENTS': { exit: 'usage', meaning: 'More arguments were given than the command takes.' },
  'USAGE.HEALTH_PROVIDER': {
    exit: 'usage',
    meaning:
      '`--health provider` (or `health: provider` in the policy) was used by a command that does not reach the providers.',
  },
  'USAGE.INVALID_ARGUMENT': {
    exit: 'usage',
    meaning: 'A flag value is malformed (a time, duration, percentage, count, port or choice).',
  },
  'USAGE.MISSING_ARGUMENT': { exit: 'usage', meaning: 'A required argument, flag or flag value is missing.' },
  'USAGE.BAD_ENV': { exit: 'usage', meaning: 'An environment variable trafficport reads has a value it cannot use.' },
  'USAGE.BAD_INTERVAL': { exit: 'usage', meaning: 'The interval asked for ends before it starts.' },
  'USAGE.BAD_PERCENT': { exit: 'usage', meaning: 'A percentage flag is not a number in range.' },
  'USAGE.BAD_TIME': { exit: 'usage', meaning: 'A time flag is not ISO 8601 with a zone, `now`, or an offset.' },
  'USAGE.NO_PROVIDER': { exit: 'usage', meaning: '--provider names no provider of the policy.' },
  'USAGE.STEP_WAIT': { exit: 'usage', meaning: '--step-wait is shorter than the TTL, or not a duration.' },
  'USAGE.BAD_DURATION': { exit: 'usage', meaning: 'A duration flag is not like 90s, 20m or 1h30m.' },
  'USAGE.UNKNOWN_CLOUD': { exit: 'usage', meaning: 'A cloud name is not aws, azure or gcp.' },
  'USAGE.NEEDS_YES': {
    exit: 'usage',
    meaning: 'The command asks for confirmation and there is no terminal; --yes confirms on the command line.',
  },
  'USAGE.UNKNOWN_COMMAND': { exit: 'usage', meaning: 'No command has that name.' },
  'USAGE.UNKNOWN_GEOGRAPHY': { exit: 'usage', meaning: '--geo names an unknown geography.' },
  'USAGE.UNKNOWN_NAME': {
    exit: 'usage',
    meaning: 'A what-if flag names an endpoint, region or cloud the policy does not have.',
  },
  'USAGE.UNKNOWN_OPTION': { exit: 'usage', meaning: 'The command has no flag of that name.' },
  'USAGE.UNKNOWN_SERVICE': { exit: 'usage', meaning: '--service names a service the policy does not define.' },
  'USAGE.WATCH_NEEDS_APPROVAL': { exit: 'usage', meaning: '--watch applies unattended and needs --auto-approve.' },
} as const satisfies Record<string, CodeEntry>;

export type ErrorCode = keyof typeof ERROR_CODES;

export function codeEntry(code: ErrorCode): CodeEntry {
  return ERROR_CODES[code];
}

export function isErrorCode(value: string): value is ErrorCode {
  return Object.hasOwn(ERROR_CODES, value);
}
