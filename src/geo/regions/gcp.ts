/*
 * Google Cloud regions: every region open to all customers. Sources checked 2026-11-25.
 *
 * Sources:
 * - https://cloud.google.com/compute/docs/regions-zones (Regions and zones) and per-product
 *   location pages that repeat it, e.g.
 *   https://docs.cloud.google.com/kubernetes-engine/distributed-cloud/bare-metal/docs/reference/supported-regions-on-prem-api
 *   (city of each region) and https://cloud.google.com/workload-manager/docs/evaluate/locations.
 *   `name` is Google's "region description".
 * - https://cloud.google.com/run/pricing, as transcribed in public code on 2026-09-09: its two price
 *   tiers list 45 regions, the same set as below. That is the source for the 2026 launches
 *   asia-southeast3 (Bangkok, January 2026), asia-southeast4 (Kuala Lumpur) and us-west8 (Phoenix).
 *
 * Left out: multi-regions (`us`, `eu`, `asia`, `nam4`, ...), which are storage locations rather
 * than places, and allowlist-only regions seen in public code but on no price list: us-central2
 * (Pryor, Oklahoma; TPU capacity) and us-east7 (Alabama).
 *
 * Coordinates: the city Google documents for the region (for example Council Bluffs rather than
 * "Iowa", St. Ghislain rather than "Belgium"), to two decimals. The newest regions (asia-southeast3,
 * asia-southeast4, us-west8) use the city in their name, which Google has not refined.
 */
import type { RegionEntry } from './types.js';

export const GCP_REGIONS: readonly RegionEntry[] = [
  { code: 'africa-south1', name: 'Johannesburg', city: 'Johannesburg', country: 'ZA', lat: -26.2, lon: 28.05 },
  { code: 'asia-east1', name: 'Taiwan', city: 'Changhua County', country: 'TW', lat: 24.05, lon: 120.52 },
  { code: 'asia-east2', name: 'Hong Kong', city: 'Hong Kong', country: 'HK', lat: 22.32, lon: 114.17 },
  { code: 'asia-northeast1', name: 'Tokyo', city: 'Tokyo', country: 'JP', lat: 35.68, lon: 139.69 },
  { code: 'asia-northeast2', name: 'Osaka', city: 'Osaka', country: 'JP', lat: 34.69, lon: 135.5 },
  { code: 'asia-northeast3', name: 'Seoul', city: 'Seoul', country: 'KR', lat: 37.57, lon: 126.98 },
  { code: 'asia-south1', name: 'Mumbai', city: 'Mumbai', country: 'IN', lat: 19.08, lon: 72.88 },
  { code: 'asia-south2', name: 'Delhi', city: 'Delhi', country: 'IN', lat: 28.61, lon: 77.21 },
  { code: 'asia-southeast1', name: 'Singapore', city: 'Jurong West', country: 'SG', lat: 1.34, lon: 103.71 },
  { code: 'asia-southeast2', name: 'Jakarta', city: 'Jakarta', country: 'ID', lat: -6.21, lon: 106.85 },
  { code: 'asia-southeast3', name: 'Bangkok', city: 'Bangkok', country: 'TH', lat: 13.76, lon: 100.5 },
  { code: 'asia-southeast4', name: 'Kuala Lumpur', city: 'Kuala Lumpur', country: 'MY', lat: 3.14, lon: 101.69 },
  { code: 'australia-southeast1', name: 'Sydney', city: 'Sydney', country: 'AU', lat: -33.87, lon: 151.21 },
  { code: 'australia-southeast2', name: 'Melbourne', city: 'Melbourne', country: 'AU', lat: -37.81, lon: 144.96 },
  { code: 'europe-central2', name: 'Warsaw', city: 'Warsaw', country: 'PL', lat: 52.23, lon: 21.01 },
  { code: 'europe-north1', name: 'Finland', city: 'Hamina', country: 'FI', lat: 60.57, lon: 27.2 },
  { code: 'europe-north2', name: 'Stockholm', city: 'Stockholm', country: 'SE', lat: 59.33, lon: 18.07 },
  { code: 'europe-southwest1', name: 'Madrid', city: 'Madrid', country: 'ES', lat: 40.42, lon: -3.7 },
  { code: 'europe-west1', name: 'Belgium', city: 'St. Ghislain', country: 'BE', lat: 50.45, lon: 3.82 },
  { code: 'europe-west10', name: 'Berlin', city: 'Berlin', country: 'DE', lat: 52.52, lon: 13.4 },
  { code: 'europe-west12', name: 'Turin', city: 'Turin', country: 'IT', lat: 45.07, lon: 7.69 },
  { code: 'europe-west2', name: 'London', city: 'London', country: 'GB', lat: 51.51, lon: -0.13 },
  { code: 'europe-west3', name: 'Frankfurt', city: 'Frankfurt', country: 'DE', lat: 50.11, lon: 8.68 },
  { code: 'europe-west4', name: 'Netherlands', city: 'Eemshaven', country: 'NL', lat: 53.44, lon: 6.83 },
  { code: 'europe-west6', name: 'Zurich', city: 'Zurich', country: 'CH', lat: 47.38, lon: 8.54 },
  { code: 'europe-west8', name: 'Milan', city: 'Milan', country: 'IT', lat: 45.46, lon: 9.19 },
  { code: 'europe-west9', name: 'Paris', city: 'Paris', country: 'FR', lat: 48.86, lon: 2.35 },
  { code: 'me-central1', name: 'Doha', city: 'Doha', country: 'QA', lat: 25.29, lon: 51.53 },
  { code: 'me-central2', name: 'Dammam', city: 'Dammam', country: 'SA', lat: 26.43, lon: 50.1 },
  { code: 'me-west1', name: 'Tel Aviv', city: 'Tel Aviv', country: 'IL', lat: 32.09, lon: 34.78 },
  { code: 'northamerica-northeast1', name: 'Montreal', city: 'Montreal', country: 'CA', lat: 45.5, lon: -73.57 },
  { code: 'northamerica-northeast2', name: 'Toronto', city: 'Toronto', country: 'CA', lat: 43.65, lon: -79.38 },
  { code: 'northamerica-south1', name: 'Queretaro', city: 'Queretaro', country: 'MX', lat: 20.59, lon: -100.39 },
  { code: 'southamerica-east1', name: 'Sao Paulo', city: 'Osasco', country: 'BR', lat: -23.53, lon: -46.79 },
  { code: 'southamerica-west1', name: 'Santiago', city: 'Santiago', country: 'CL', lat: -33.45, lon: -70.67 },
  {
    code: 'us-central1',
    name: 'Iowa',
    city: 'Council Bluffs',
    country: 'US',
    subdivision: 'US-IA',
    lat: 41.26,
    lon: -95.86,
  },
  {
    code: 'us-east1',
    name: 'South Carolina',
    city: 'Moncks Corner',
    country: 'US',
    subdivision: 'US-SC',
    lat: 33.2,
    lon: -80.01,
  },
  {
    code: 'us-east4',
    name: 'Northern Virginia',
    city: 'Ashburn',
    country: 'US',
    subdivision: 'US-VA',
    lat: 39.04,
    lon: -77.49,
  },
  { code: 'us-east5', name: 'Columbus', city: 'Columbus', country: 'US', subdivision: 'US-OH', lat: 39.96, lon: -83.0 },
  { code: 'us-south1', name: 'Dallas', city: 'Dallas', country: 'US', subdivision: 'US-TX', lat: 32.78, lon: -96.8 },
  {
    code: 'us-west1',
    name: 'Oregon',
    city: 'The Dalles',
    country: 'US',
    subdivision: 'US-OR',
    lat: 45.6,
    lon: -121.18,
  },
  {
    code: 'us-west2',
    name: 'Los Angeles',
    city: 'Los Angeles',
    country: 'US',
    subdivision: 'US-CA',
    lat: 34.05,
    lon: -118.24,
  },
  {
    code: 'us-west3',
    name: 'Salt Lake City',
    city: 'Salt Lake City',
    country: 'US',
    subdivision: 'US-UT',
    lat: 40.76,
    lon: -111.89,
  },
  {
    code: 'us-west4',
    name: 'Las Vegas',
    city: 'Las Vegas',
    country: 'US',
    subdivision: 'US-NV',
    lat: 36.17,
    lon: -115.14,
  },
  {
    code: 'us-west8',
    name: 'Phoenix',
    city: 'Phoenix',
    country: 'US',
    subdivision: 'US-AZ',
    lat: 33.45,
    lon: -112.07,
  },
];
