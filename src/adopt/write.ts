import { isMap, isSeq, parseDocument, type YAMLMap } from 'yaml';
import type { ImportedService } from './build.js';
import type { ImportedEndpoint } from './endpoints.js';

/**
 * The policy text with the imported endpoints and services added, keeping everything the user
 * wrote (comments included). New entries carry comments saying what was inferred and what to
 * check. Pure: text in, text out; the caller validates the result.
 */
export function addImported(text: string, services: readonly ImportedService[]): string {
  const doc = parseDocument(text);
  if (!isMap(doc.contents)) throw new Error('the policy is not a mapping');
  const root = doc.contents as YAMLMap;
  let endpoints: unknown = root.get('endpoints', true);
  if (!isMap(endpoints)) {
    endpoints = doc.createNode({});
    root.set('endpoints', endpoints);
  }
  let list: unknown = root.get('services', true);
  if (!isSeq(list)) {
    list = doc.createNode([]);
    root.set('services', list);
  }
  for (const service of services) {
    for (const endpoint of service.endpoints.filter((e) => !e.existing)) {
      const node = doc.createNode(endpointBody(endpoint));
      node.flow = true;
      const pair = doc.createPair(endpoint.id, node);
      (pair.key as { commentBefore?: string }).commentBefore = ` ${endpoint.comment}`;
      (endpoints as YAMLMap).items.push(pair);
    }
    const node = doc.createNode({
      name: service.name,
      ttl: service.ttl,
      endpoints: service.endpoints.map((e) => e.id),
      publish: service.publish,
      pinned: service.pinned,
    }) as unknown as YAMLMap;
    const endpointList = node.get('endpoints', true) as { flow?: boolean };
    endpointList.flow = true;
    (node.get('publish', true) as { flow?: boolean }).flow = true;
    const pinned = node.get('pinned', true) as unknown as YAMLMap;
    for (const item of pinned.items) (item.value as { flow?: boolean }).flow = true;
    node.commentBefore = serviceComment(service);
    (list as { items: unknown[] }).items.push(node);
  }
  return doc.toString({ lineWidth: 0 });
}

function endpointBody(endpoint: ImportedEndpoint): Record<string, unknown> {
  return {
    cloud: endpoint.cloud,
    ...(endpoint.region === undefined ? {} : { region: endpoint.region }),
    ...(endpoint.country === undefined ? {} : { location: { country: endpoint.country } }),
    ...(endpoint.a === undefined ? {} : { a: [...endpoint.a] }),
    ...(endpoint.aaaa === undefined ? {} : { aaaa: [...endpoint.aaaa] }),
    ...(endpoint.cname === undefined ? {} : { cname: endpoint.cname }),
    ...(endpoint.healthCheck === undefined ? {} : { healthCheck: { ...endpoint.healthCheck } }),
  };
}

function serviceComment(service: ImportedService): string {
  const lines = [
    ` Imported by trafficport import from ${service.publish.join(', ')}: 'pinned' is the split users get today`,
    ` (every health check passing), so adopting it moves no traffic. Remove entries to let the rules decide.`,
    ...service.notes.map((note) => ` NOTE: ${note}`),
  ];
  return lines.join('\n');
}
