/*
 * AWS regions: every region of the commercial partition (`aws`), AWS GovCloud (`aws-us-gov`),
 * AWS China (`aws-cn`) and the AWS European Sovereign Cloud (`aws-eusc`). Sources checked 2026-11-25.
 *
 * Sources (codes and names):
 * - The SDK endpoint partitions, which list every region a client can resolve:
 *   github.com/aws/aws-sdk-js-v3 packages/util-endpoints/src/lib/aws/partitions.json,
 *   github.com/boto/botocore botocore/data/partitions.json, and a 2026 published build of
 *   `@aws-sdk/util-endpoints` (dist-es/lib/aws/partitions.json), the newest copy seen, which is the
 *   one that adds ap-east-2 and ap-southeast-6. `name` is each region's `description` there, the
 *   display name the console uses.
 * - https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-regions.html, the
 *   canonical list to re-check against when a region launches.
 *
 * Left out on purpose: the `*-global` pseudo-regions of each partition (endpoints, not places)
 * and the isolated partitions (aws-iso, aws-iso-b, aws-iso-e, aws-iso-f), which no public
 * customer can deploy to or route traffic into.
 *
 * Coordinates: the city in the region's display name, to two decimals. Where the name gives only
 * a state or country, the metro where the data centres are publicly reported is used instead
 * (us-east-1 Ashburn, us-east-2 Columbus, us-west-1 San Jose, us-west-2 Boardman, eu-south-2
 * Aragón, cn-northwest-1 Zhongwei, eusc-de-east-1 Brandenburg). AWS does not disclose the GovCloud,
 * UAE or Malaysia cities; those rows use an assumed metro and are the least certain.
 * The latency model only needs the right metro, so a few tens of kilometres do not matter.
 */
import type { RegionEntry } from './types.js';

export const AWS_REGIONS: readonly RegionEntry[] = [
  { code: 'af-south-1', name: 'Africa (Cape Town)', city: 'Cape Town', country: 'ZA', lat: -33.92, lon: 18.42 },
  { code: 'ap-east-1', name: 'Asia Pacific (Hong Kong)', city: 'Hong Kong', country: 'HK', lat: 22.32, lon: 114.17 },
  { code: 'ap-east-2', name: 'Asia Pacific (Taipei)', city: 'Taipei', country: 'TW', lat: 25.03, lon: 121.57 },
  { code: 'ap-northeast-1', name: 'Asia Pacific (Tokyo)', city: 'Tokyo', country: 'JP', lat: 35.68, lon: 139.69 },
  { code: 'ap-northeast-2', name: 'Asia Pacific (Seoul)', city: 'Seoul', country: 'KR', lat: 37.57, lon: 126.98 },
  { code: 'ap-northeast-3', name: 'Asia Pacific (Osaka)', city: 'Osaka', country: 'JP', lat: 34.69, lon: 135.5 },
  { code: 'ap-south-1', name: 'Asia Pacific (Mumbai)', city: 'Mumbai', country: 'IN', lat: 19.08, lon: 72.88 },
  { code: 'ap-south-2', name: 'Asia Pacific (Hyderabad)', city: 'Hyderabad', country: 'IN', lat: 17.39, lon: 78.49 },
  {
    code: 'ap-southeast-1',
    name: 'Asia Pacific (Singapore)',
    city: 'Singapore',
    country: 'SG',
    lat: 1.35,
    lon: 103.82,
  },
  { code: 'ap-southeast-2', name: 'Asia Pacific (Sydney)', city: 'Sydney', country: 'AU', lat: -33.87, lon: 151.21 },
  { code: 'ap-southeast-3', name: 'Asia Pacific (Jakarta)', city: 'Jakarta', country: 'ID', lat: -6.21, lon: 106.85 },
  {
    code: 'ap-southeast-4',
    name: 'Asia Pacific (Melbourne)',
    city: 'Melbourne',
    country: 'AU',
    lat: -37.81,
    lon: 144.96,
  },
  // AWS names only the country; Kuala Lumpur is the metro assumed, not confirmed.
  {
    code: 'ap-southeast-5',
    name: 'Asia Pacific (Malaysia)',
    city: 'Kuala Lumpur',
    country: 'MY',
    lat: 3.14,
    lon: 101.69,
  },
  {
    code: 'ap-southeast-6',
    name: 'Asia Pacific (New Zealand)',
    city: 'Auckland',
    country: 'NZ',
    lat: -36.85,
    lon: 174.76,
  },
  { code: 'ap-southeast-7', name: 'Asia Pacific (Thailand)', city: 'Bangkok', country: 'TH', lat: 13.76, lon: 100.5 },
  { code: 'ca-central-1', name: 'Canada (Central)', city: 'Montreal', country: 'CA', lat: 45.5, lon: -73.57 },
  { code: 'ca-west-1', name: 'Canada West (Calgary)', city: 'Calgary', country: 'CA', lat: 51.05, lon: -114.07 },
  {
    code: 'cn-north-1',
    name: 'China (Beijing)',
    city: 'Beijing',
    country: 'CN',
    lat: 39.9,
    lon: 116.41,
    partition: 'aws-cn',
  },
  // Operated by NWCD; its data centres are in Zhongwei, Ningxia.
  {
    code: 'cn-northwest-1',
    name: 'China (Ningxia)',
    city: 'Zhongwei',
    country: 'CN',
    lat: 37.51,
    lon: 105.19,
    partition: 'aws-cn',
  },
  { code: 'eu-central-1', name: 'Europe (Frankfurt)', city: 'Frankfurt', country: 'DE', lat: 50.11, lon: 8.68 },
  { code: 'eu-central-2', name: 'Europe (Zurich)', city: 'Zurich', country: 'CH', lat: 47.38, lon: 8.54 },
  { code: 'eu-north-1', name: 'Europe (Stockholm)', city: 'Stockholm', country: 'SE', lat: 59.33, lon: 18.07 },
  { code: 'eu-south-1', name: 'Europe (Milan)', city: 'Milan', country: 'IT', lat: 45.46, lon: 9.19 },
  // The region is in Aragón; Zaragoza is the metro it serves.
  { code: 'eu-south-2', name: 'Europe (Spain)', city: 'Zaragoza', country: 'ES', lat: 41.65, lon: -0.88 },
  { code: 'eu-west-1', name: 'Europe (Ireland)', city: 'Dublin', country: 'IE', lat: 53.35, lon: -6.26 },
  { code: 'eu-west-2', name: 'Europe (London)', city: 'London', country: 'GB', lat: 51.51, lon: -0.13 },
  { code: 'eu-west-3', name: 'Europe (Paris)', city: 'Paris', country: 'FR', lat: 48.86, lon: 2.35 },
  // A separate partition (amazonaws.eu); AWS places it in the German state of Brandenburg.
  {
    code: 'eusc-de-east-1',
    name: 'EU (Germany)',
    city: 'Brandenburg',
    country: 'DE',
    lat: 52.4,
    lon: 13.06,
    partition: 'aws-eusc',
  },
  { code: 'il-central-1', name: 'Israel (Tel Aviv)', city: 'Tel Aviv', country: 'IL', lat: 32.09, lon: 34.78 },
  // AWS names only the country; Dubai is the metro assumed, not confirmed.
  { code: 'me-central-1', name: 'Middle East (UAE)', city: 'Dubai', country: 'AE', lat: 25.2, lon: 55.27 },
  { code: 'me-south-1', name: 'Middle East (Bahrain)', city: 'Manama', country: 'BH', lat: 26.23, lon: 50.59 },
  { code: 'mx-central-1', name: 'Mexico (Central)', city: 'Queretaro', country: 'MX', lat: 20.59, lon: -100.39 },
  { code: 'sa-east-1', name: 'South America (Sao Paulo)', city: 'Sao Paulo', country: 'BR', lat: -23.55, lon: -46.63 },
  {
    code: 'us-east-1',
    name: 'US East (N. Virginia)',
    city: 'Ashburn',
    country: 'US',
    subdivision: 'US-VA',
    lat: 38.95,
    lon: -77.45,
  },
  {
    code: 'us-east-2',
    name: 'US East (Ohio)',
    city: 'Columbus',
    country: 'US',
    subdivision: 'US-OH',
    lat: 39.96,
    lon: -83.0,
  },
  // GovCloud (US-East) is publicly reported to be in Ohio; AWS does not name a city.
  {
    code: 'us-gov-east-1',
    name: 'AWS GovCloud (US-East)',
    city: 'Columbus',
    country: 'US',
    subdivision: 'US-OH',
    lat: 39.96,
    lon: -83.0,
    partition: 'aws-us-gov',
  },
  // GovCloud (US-West) is publicly reported to be in Oregon; AWS does not name a city.
  {
    code: 'us-gov-west-1',
    name: 'AWS GovCloud (US-West)',
    city: 'Boardman',
    country: 'US',
    subdivision: 'US-OR',
    lat: 45.84,
    lon: -119.7,
    partition: 'aws-us-gov',
  },
  {
    code: 'us-west-1',
    name: 'US West (N. California)',
    city: 'San Jose',
    country: 'US',
    subdivision: 'US-CA',
    lat: 37.34,
    lon: -121.89,
  },
  {
    code: 'us-west-2',
    name: 'US West (Oregon)',
    city: 'Boardman',
    country: 'US',
    subdivision: 'US-OR',
    lat: 45.84,
    lon: -119.7,
  },
];
