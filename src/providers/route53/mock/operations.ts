import type { Operation } from './context.js';
import { listGeoLocations } from './ops-geo.js';
import { createHealthCheck, deleteHealthCheck, getHealthCheck, listHealthChecks } from './ops-health.js';
import { changeTagsForResource, getHealthCheckStatus, listTagsForResource } from './ops-health-more.js';
import { changeResourceRecordSets, getChange, listResourceRecordSets } from './ops-records.js';
import { testDnsAnswer } from './ops-test-dns.js';
import {
  createHostedZone,
  deleteHostedZone,
  getHostedZone,
  getHostedZoneLimit,
  listHostedZones,
  listHostedZonesByName,
} from './ops-zones.js';
import type { OperationName } from './types.js';

/** The implementation of each supported operation. */
export const OPERATION_TABLE: Readonly<Record<OperationName, Operation>> = {
  CreateHostedZone: createHostedZone,
  GetHostedZone: getHostedZone,
  ListHostedZones: listHostedZones,
  ListHostedZonesByName: listHostedZonesByName,
  DeleteHostedZone: deleteHostedZone,
  ChangeResourceRecordSets: changeResourceRecordSets,
  ListResourceRecordSets: listResourceRecordSets,
  GetChange: getChange,
  TestDNSAnswer: testDnsAnswer,
  CreateHealthCheck: createHealthCheck,
  GetHealthCheck: getHealthCheck,
  DeleteHealthCheck: deleteHealthCheck,
  ListHealthChecks: listHealthChecks,
  GetHealthCheckStatus: getHealthCheckStatus,
  ChangeTagsForResource: changeTagsForResource,
  ListTagsForResource: listTagsForResource,
  ListGeoLocations: listGeoLocations,
  GetHostedZoneLimit: getHostedZoneLimit,
};
