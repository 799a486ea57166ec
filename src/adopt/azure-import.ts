import { TrafficportError } from '../errors.js';
import { COUNTRIES } from '../geo/countries.js';
import { DEFAULT_GEO } from '../geo/geography.js';
import { azureGeography } from '../render/azure-geo.js';
import { type AzureRecordType, relativeRecordName } from '../render/azure-names.js';
import type { Resource } from '../render/types.js';
import { AzureResources } from '../resolver/azure-evaluate.js';
import { profileTree } from './azure-tree.js';
import { answerKey, parseAnswerKey } from './endpoints.js';
import type { AnswerSource, PublishedLayout } from './route53-import.js';

/**
 * What Azure publishes at one service name (pure, from `readPublished`): a plain record set
 * (A/AAAA values, a CNAME) answers itself; an alias record set or a CNAME to
 * `<name>.trafficmanager.net` answers through the Traffic Manager profile tree behind it, nested
 * or not, evaluated by the resolver `verify` uses (azure-evaluate.ts) with every endpoint
 * passing its probes. Each external endpoint's target is an answer.
 */

interface RecordSetBody {
  readonly TTL?: number;
  readonly targetResource?: { readonly id: string };
  readonly CNAMERecord?: { readonly cname: string };
  readonly ARecords?: readonly { readonly ipv4Address: string }[];
  readonly AAAARecords?: readonly { readonly ipv6Address: string }[];
}

const TYPES: readonly AzureRecordType[] = ['CNAME', 'A', 'AAAA'];
const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

export function readAzureLayout(service: string, zone: string, resources: readonly Resource[]): PublishedLayout {
  const name = relativeRecordName(service, zone);
  const byKey = new Map(resources.map((r) => [r.key, r]));
  const type = TYPES.find((t) => byKey.has(`azure.recordset|${name}|${t}`));
  if (type === undefined) {
    throw new TrafficportError('IMPORT.NOT_FOUND', `Azure DNS publishes no CNAME, A or AAAA record set at ${service}`);
  }
  const set = byKey.get(`azure.recordset|${name}|${type}`)!.body as unknown as RecordSetBody;
  const notes: string[] = [];
  const sources = new Map<string, AnswerSource>();
  const answers = new Map<string, ReadonlyMap<string, number>>();
  const geos = [DEFAULT_GEO, ...COUNTRIES.keys()];
  const viaProfile =
    set.targetResource !== undefined || /\.trafficmanager\.net\.?$/i.test(set.CNAMERecord?.cname ?? '');
  if (!viaProfile) {
    const key =
      set.CNAMERecord !== undefined
        ? answerKey([set.CNAMERecord.cname], 'CNAME')
        : type === 'AAAA'
          ? answerKey(
              (set.AAAARecords ?? []).map((r) => r.ipv6Address),
              'AAAA',
            )
          : answerKey(
              (set.ARecords ?? []).map((r) => r.ipv4Address),
              'A',
            );
    sources.set(key, { answer: parseAnswerKey(key) });
    for (const geo of geos) answers.set(geo, new Map([[key, 1]]));
  } else {
    const identify = (endpoint: string, target: string | undefined) => {
      const value = target ?? endpoint;
      const key = answerKey([value], IPV4.test(value) ? 'A' : value.includes(':') ? 'AAAA' : 'CNAME');
      if (!sources.has(key)) sources.set(key, { answer: parseAnswerKey(key), label: endpoint });
      return key;
    };
    const tree = new AzureResources(resources, zone, azureGeography(), identify);
    const silent = new Set<string>();
    for (const geo of geos) {
      const answer = tree.evaluate(service, type, geo);
      if (answer.kind === 'answers') answers.set(geo, answer.fractions);
      else silent.add(answer.reason);
    }
    for (const reason of silent) notes.push(`some geographies get no answer today: ${reason}`);
    notes.push(
      "Traffic Manager profiles: the split assumes every endpoint passes its probe; each endpoint's healthCheck is its profile's monitorConfig where it carries over; `trafficport adopt` replaces the profiles with trafficport's own",
    );
  }
  return {
    service,
    type,
    ttl: Math.max(60, set.TTL ?? 0),
    answers,
    sources,
    records: [],
    notes,
  };
}

/** The profiles the service's record set reaches (azure-tree.ts), for their probes' settings. */
export function azureTreeOf(service: string, zone: string, group: string, resources: readonly Resource[]): Resource[] {
  const name = relativeRecordName(service, zone);
  const set = TYPES.map((t) => resources.find((r) => r.key === `azure.recordset|${name}|${t}`)).find(
    (r) => r !== undefined,
  );
  return set === undefined ? [] : [...profileTree(set, resources, group).profiles];
}
