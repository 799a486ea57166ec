import { original } from '../../mock/snapshot.js';
import type { Operation } from './context.js';
import { noSuchChange, noSuchHostedZone, priorRequestNotComplete } from './errors.js';
import { parseChange } from './input.js';
import { parseMaxItems, recordSetStartIndex, takePage } from './list.js';
import { applyChangeBatch } from './rules.js';
import { findZone, recordChange, stripPrefix } from './state.js';
import { readChangeBatch } from './xml-read.js';
import { changeInfoXml, listOf, recordSetXml, xmlDocument } from './xml-write.js';

/** Record set operations [API Reference: ChangeResourceRecordSets, ListResourceRecordSets, GetChange]. */

export const changeResourceRecordSets: Operation = async (context, request) => {
  const batch = readChangeBatch(request.body);
  // Schema problems are found before the zone is looked at, as the real front end does.
  const changes = batch.changes.map(parseChange);
  const now = context.now();
  const change = await context.store.update((state) => {
    const zone = findZone(state, request.id ?? '');
    if (!zone) throw noSuchHostedZone(request.id ?? '');
    if (context.busyWhilePending && zone.pendingUntil > now) throw priorRequestNotComplete();
    // The rules read the frozen state, not the draft: reading the record array through the draft
    // would deep-copy the whole zone (and any zone an alias points into) on every request. The
    // new array shares every untouched set with the old one; a refused batch writes nothing.
    const base = original(state);
    const after = applyChangeBatch(base, findZone(base, zone.id) ?? zone, changes, context.rules);
    if (request.dropWrite !== true) zone.recordSets = after;
    zone.pendingUntil = now + context.propagationMs;
    return recordChange(state, now, context.propagationMs, context.limits.changeHistory, batch.comment);
  });
  return {
    status: 200,
    body: xmlDocument('ChangeResourceRecordSetsResponse', { ChangeInfo: changeInfoXml(change, now) }),
  };
};

export const listResourceRecordSets: Operation = async (context, request) => {
  const { name, type, identifier, maxitems } = request.query;
  const ceiling = context.limits.maxItemsPerPage;
  const maxItems = parseMaxItems(maxitems, ceiling, ceiling);
  const zone = findZone(await context.store.read(), request.id ?? '');
  if (!zone) throw noSuchHostedZone(request.id ?? '');
  const start = recordSetStartIndex(zone.recordSets, {
    ...(name === undefined ? {} : { name }),
    ...(type === undefined ? {} : { type }),
    ...(identifier === undefined ? {} : { identifier }),
  });
  const page = takePage(zone.recordSets, start, maxItems);
  const body = xmlDocument('ListResourceRecordSetsResponse', {
    ResourceRecordSets: listOf('ResourceRecordSet', page.items.map(recordSetXml)),
    IsTruncated: page.next !== undefined,
    NextRecordName: page.next?.name,
    NextRecordType: page.next?.type,
    NextRecordIdentifier: page.next?.setIdentifier,
    MaxItems: maxitems ?? String(ceiling),
  });
  return { status: 200, body };
};

export const getChange: Operation = async (context, request) => {
  const id = stripPrefix(request.id ?? '');
  const change = (await context.store.read()).changes[id];
  if (!change) throw noSuchChange(id);
  return { status: 200, body: xmlDocument('GetChangeResponse', { ChangeInfo: changeInfoXml(change, context.now()) }) };
};
