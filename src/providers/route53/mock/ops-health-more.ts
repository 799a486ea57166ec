import { ENDPOINT, type Operation } from './context.js';
import { invalidInput, noSuchHealthCheck, Route53MockError } from './errors.js';
import { isCalculated } from './health-calculated.js';
import { parseDocument } from './xml-read.js';
import { xmlDocument } from './xml-write.js';

/**
 * Health-check operations beyond create/get/delete/list: tags (ChangeTagsForResource,
 * ListTagsForResource, `/2013-04-01/tags/healthcheck/{Id}`) and GetHealthCheckStatus
 * (`/2013-04-01/healthcheck/{Id}/status`), per the restXml bindings of API 2013-04-01.
 */

/** Route 53 allows 10 tags per resource [API Reference: ChangeTagsForResource, AddTags]. */
const MAX_TAGS = 10;

/** Route 53's checker regions (botocore `HealthCheckRegion`). */
export const CHECKER_REGIONS = [
  'us-east-1',
  'us-west-1',
  'us-west-2',
  'eu-west-1',
  'ap-southeast-1',
  'ap-southeast-2',
  'ap-northeast-1',
  'sa-east-1',
];

export const changeTagsForResource: Operation = async (context, request) => {
  const [type, id = ''] = (request.id ?? '').split('/');
  if (type !== 'healthcheck') throw invalidInput(`The mock keeps tags for health checks only, not ${type}.`);
  const document = parseDocument(request.body, 'ChangeTagsForResourceRequest');
  const add = tagsOf(document.AddTags);
  const remove = keysOf(document.RemoveTagKeys);
  await context.store.update((state) => {
    const check = state.healthChecks[id];
    if (!check) throw noSuchHealthCheck(id);
    const tags = { ...(check.tags ?? {}) };
    for (const key of remove) delete tags[key];
    for (const [key, value] of add) tags[key] = value;
    if (Object.keys(tags).length > MAX_TAGS) {
      throw new Route53MockError('InvalidInput', `A resource can have at most ${MAX_TAGS} tags.`);
    }
    check.tags = tags;
  });
  return { status: 200, body: xmlDocument('ChangeTagsForResourceResponse', {}) };
};

export const listTagsForResource: Operation = async (context, request) => {
  const [, id = ''] = (request.id ?? '').split('/');
  const check = (await context.store.read()).healthChecks[id];
  if (!check) throw noSuchHealthCheck(id);
  const tags = Object.entries(check.tags ?? {}).map(([Key, Value]) => ({ Key, Value }));
  return {
    status: 200,
    body: xmlDocument('ListTagsForResourceResponse', {
      ResourceTagSet: { ResourceType: 'healthcheck', ResourceId: id, Tags: { Tag: tags } },
    }),
  };
};

/**
 * One observation per checker region, all agreeing with the status the mock was told
 * (`setHealthCheckStatus`); Route 53 reports each region's last result as `Success: …` or
 * `Failure: …` [API Reference: GetHealthCheckStatus, StatusReport]. "You can't use
 * GetHealthCheckStatus to get the status of a calculated health check" [same page, HealthCheckId]:
 * the mock refuses it with `InvalidInput` (the code Route 53 answers is UNCONFIRMED).
 */
export const getHealthCheckStatus: Operation = async (context, request) => {
  const id = (request.id ?? '').replace(/\/status$/, '');
  const check = (await context.store.read()).healthChecks[id];
  if (!check) throw noSuchHealthCheck(id);
  if (isCalculated(check))
    throw invalidInput(`Health check ${id} is CALCULATED: GetHealthCheckStatus does not report it.`);
  const configured = (check.config.Regions as { Region?: string[] } | undefined)?.Region;
  const regions = configured && configured.length > 0 ? configured : CHECKER_REGIONS;
  const checkedTime = new Date(context.now()).toISOString();
  const status = check.healthy ? 'Success: HTTP Status Code 200, OK' : 'Failure: Connection timed out.';
  return {
    status: 200,
    body: xmlDocument('GetHealthCheckStatusResponse', {
      HealthCheckObservations: {
        HealthCheckObservation: regions.map((region) => ({
          Region: region,
          IPAddress: '15.177.0.1',
          StatusReport: { Status: status, CheckedTime: checkedTime },
        })),
      },
    }),
    headers: { location: `${ENDPOINT}/2013-04-01/healthcheck/${id}/status` },
  };
};

function tagsOf(node: unknown): [string, string][] {
  const tags = (node as { Tag?: unknown } | undefined)?.Tag;
  const list = Array.isArray(tags) ? tags : tags === undefined ? [] : [tags];
  return list.map((tag) => {
    const { Key, Value } = tag as { Key?: string; Value?: string };
    if (Key === undefined) throw invalidInput('A tag needs a Key.');
    return [Key, Value ?? ''];
  });
}

function keysOf(node: unknown): string[] {
  const keys = (node as { Key?: unknown } | undefined)?.Key;
  return (Array.isArray(keys) ? keys : keys === undefined ? [] : [keys]).map(String);
}
