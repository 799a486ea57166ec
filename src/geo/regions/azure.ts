/*
 * Azure regions by programmatic name (the `location` ARM, `az` and Terraform take): every physical
 * region of Azure public cloud, plus Azure Government (`azure-us-gov`) and Azure operated by
 * 21Vianet in China (`azure-china`). Sources checked 2026-11-25.
 *
 * Sources:
 * - https://learn.microsoft.com/azure/reliability/regions-list (source:
 *   github.com/MicrosoftDocs/reliability-docs articles/reliability/regions-list.md, 2025-09-23
 *   revision): programmatic name, display name and physical location of each public region.
 * - denmarkeast ("coming soon" in that revision) and indiasouthcentral (Hyderabad, absent from it)
 *   are live by 2026: public deployments target both, and region catalogs built from the 2026
 *   revision of the same page list both with availability zones.
 * - https://docs.azure.cn/reliability/regions-list for the China regions.
 * - `az account list-locations` output as published publicly (e.g.
 *   https://gist.github.com/athornfam2/e5db2020d2cc5a3697ac974c764b614e) for coordinates.
 * - Azure Government regions and their states follow Microsoft's Azure Government documentation
 *   (https://learn.microsoft.com/azure/azure-government/); their cities are publicly reported.
 *
 * Included although access is restricted (Microsoft opens them per subscription, mostly for
 * in-country disaster recovery): australiacentral2, brazilsoutheast, francesouth, germanynorth,
 * norwaywest, southafricawest, swedensouth, switzerlandwest, uaecentral, jioindiacentral and
 * jioindiawest. Resources do run there, so an endpoint may name them.
 * Left out: logical regions (`global`, `unitedstates`, `europe`, ...), staging and canary regions
 * (`*stg`, `*stage`, `centraluseuap`, `eastus2euap`), the air-gapped clouds (`usnat*`, `ussec*`),
 * and restricted regions not on Microsoft's list whose city could not be confirmed (taiwannorth,
 * taiwannorthwest, israelnorthwest, malaysiasouth).
 *
 * Coordinates: the city Microsoft gives as the physical location, to two decimals. Where Microsoft
 * gives only a state or country, the coordinates `az account list-locations` reports are used and
 * the city is the one they fall in (Des Moines, Chicago, San Antonio, San Francisco, Quincy,
 * Boydton, Dublin, Amsterdam). East US is reported at a rural point in Virginia, so its city is
 * left as "Virginia"; West Central US is reported at a point outside Wyoming, so Cheyenne is used.
 */
import type { RegionEntry } from './types.js';

export const AZURE_REGIONS: readonly RegionEntry[] = [
  { code: 'australiacentral', name: 'Australia Central', city: 'Canberra', country: 'AU', lat: -35.28, lon: 149.13 },
  { code: 'australiacentral2', name: 'Australia Central 2', city: 'Canberra', country: 'AU', lat: -35.28, lon: 149.13 },
  { code: 'australiaeast', name: 'Australia East', city: 'Sydney', country: 'AU', lat: -33.87, lon: 151.21 },
  {
    code: 'australiasoutheast',
    name: 'Australia Southeast',
    city: 'Melbourne',
    country: 'AU',
    lat: -37.81,
    lon: 144.96,
  },
  { code: 'austriaeast', name: 'Austria East', city: 'Vienna', country: 'AT', lat: 48.21, lon: 16.37 },
  { code: 'belgiumcentral', name: 'Belgium Central', city: 'Brussels', country: 'BE', lat: 50.85, lon: 4.35 },
  { code: 'brazilsouth', name: 'Brazil South', city: 'Sao Paulo', country: 'BR', lat: -23.55, lon: -46.63 },
  {
    code: 'brazilsoutheast',
    name: 'Brazil Southeast',
    city: 'Rio de Janeiro',
    country: 'BR',
    lat: -22.91,
    lon: -43.17,
  },
  { code: 'canadacentral', name: 'Canada Central', city: 'Toronto', country: 'CA', lat: 43.65, lon: -79.38 },
  { code: 'canadaeast', name: 'Canada East', city: 'Quebec City', country: 'CA', lat: 46.81, lon: -71.21 },
  { code: 'centralindia', name: 'Central India', city: 'Pune', country: 'IN', lat: 18.52, lon: 73.86 },
  {
    code: 'centralus',
    name: 'Central US',
    city: 'Des Moines',
    country: 'US',
    subdivision: 'US-IA',
    lat: 41.59,
    lon: -93.62,
  },
  { code: 'chilecentral', name: 'Chile Central', city: 'Santiago', country: 'CL', lat: -33.45, lon: -70.67 },
  {
    code: 'chinaeast',
    name: 'China East',
    city: 'Shanghai',
    country: 'CN',
    lat: 31.23,
    lon: 121.47,
    partition: 'azure-china',
  },
  {
    code: 'chinaeast2',
    name: 'China East 2',
    city: 'Shanghai',
    country: 'CN',
    lat: 31.23,
    lon: 121.47,
    partition: 'azure-china',
  },
  {
    code: 'chinaeast3',
    name: 'China East 3',
    city: 'Shanghai',
    country: 'CN',
    lat: 31.23,
    lon: 121.47,
    partition: 'azure-china',
  },
  {
    code: 'chinanorth',
    name: 'China North',
    city: 'Beijing',
    country: 'CN',
    lat: 39.9,
    lon: 116.41,
    partition: 'azure-china',
  },
  {
    code: 'chinanorth2',
    name: 'China North 2',
    city: 'Beijing',
    country: 'CN',
    lat: 39.9,
    lon: 116.41,
    partition: 'azure-china',
  },
  // Believed to be in Hebei province (not confirmed); Beijing-metro coordinates stand in.
  {
    code: 'chinanorth3',
    name: 'China North 3',
    city: 'Hebei',
    country: 'CN',
    lat: 39.9,
    lon: 116.41,
    partition: 'azure-china',
  },
  { code: 'denmarkeast', name: 'Denmark East', city: 'Copenhagen', country: 'DK', lat: 55.68, lon: 12.57 },
  { code: 'eastasia', name: 'East Asia', city: 'Hong Kong', country: 'HK', lat: 22.27, lon: 114.19 },
  {
    code: 'eastus',
    name: 'East US',
    city: 'Virginia',
    country: 'US',
    subdivision: 'US-VA',
    lat: 37.37,
    lon: -79.82,
  },
  {
    code: 'eastus2',
    name: 'East US 2',
    city: 'Boydton',
    country: 'US',
    subdivision: 'US-VA',
    lat: 36.67,
    lon: -78.39,
  },
  { code: 'francecentral', name: 'France Central', city: 'Paris', country: 'FR', lat: 48.86, lon: 2.35 },
  { code: 'francesouth', name: 'France South', city: 'Marseille', country: 'FR', lat: 43.3, lon: 5.37 },
  { code: 'germanynorth', name: 'Germany North', city: 'Berlin', country: 'DE', lat: 52.52, lon: 13.4 },
  { code: 'germanywestcentral', name: 'Germany West Central', city: 'Frankfurt', country: 'DE', lat: 50.11, lon: 8.68 },
  { code: 'indiasouthcentral', name: 'India South Central', city: 'Hyderabad', country: 'IN', lat: 17.39, lon: 78.49 },
  { code: 'indonesiacentral', name: 'Indonesia Central', city: 'Jakarta', country: 'ID', lat: -6.21, lon: 106.85 },
  // Microsoft names only the country; Tel Aviv is used as the national network hub.
  { code: 'israelcentral', name: 'Israel Central', city: 'Tel Aviv', country: 'IL', lat: 32.09, lon: 34.78 },
  { code: 'italynorth', name: 'Italy North', city: 'Milan', country: 'IT', lat: 45.46, lon: 9.19 },
  { code: 'japaneast', name: 'Japan East', city: 'Tokyo', country: 'JP', lat: 35.68, lon: 139.77 },
  { code: 'japanwest', name: 'Japan West', city: 'Osaka', country: 'JP', lat: 34.69, lon: 135.5 },
  { code: 'jioindiacentral', name: 'Jio India Central', city: 'Nagpur', country: 'IN', lat: 21.15, lon: 79.09 },
  { code: 'jioindiawest', name: 'Jio India West', city: 'Jamnagar', country: 'IN', lat: 22.47, lon: 70.06 },
  { code: 'koreacentral', name: 'Korea Central', city: 'Seoul', country: 'KR', lat: 37.57, lon: 126.98 },
  { code: 'koreasouth', name: 'Korea South', city: 'Busan', country: 'KR', lat: 35.18, lon: 129.08 },
  { code: 'malaysiawest', name: 'Malaysia West', city: 'Kuala Lumpur', country: 'MY', lat: 3.14, lon: 101.69 },
  { code: 'mexicocentral', name: 'Mexico Central', city: 'Queretaro', country: 'MX', lat: 20.59, lon: -100.39 },
  { code: 'newzealandnorth', name: 'New Zealand North', city: 'Auckland', country: 'NZ', lat: -36.85, lon: 174.76 },
  {
    code: 'northcentralus',
    name: 'North Central US',
    city: 'Chicago',
    country: 'US',
    subdivision: 'US-IL',
    lat: 41.88,
    lon: -87.63,
  },
  { code: 'northeurope', name: 'North Europe', city: 'Dublin', country: 'IE', lat: 53.35, lon: -6.26 },
  { code: 'norwayeast', name: 'Norway East', city: 'Oslo', country: 'NO', lat: 59.91, lon: 10.75 },
  { code: 'norwaywest', name: 'Norway West', city: 'Stavanger', country: 'NO', lat: 58.97, lon: 5.73 },
  { code: 'polandcentral', name: 'Poland Central', city: 'Warsaw', country: 'PL', lat: 52.23, lon: 21.01 },
  { code: 'qatarcentral', name: 'Qatar Central', city: 'Doha', country: 'QA', lat: 25.29, lon: 51.53 },
  { code: 'southafricanorth', name: 'South Africa North', city: 'Johannesburg', country: 'ZA', lat: -26.2, lon: 28.05 },
  { code: 'southafricawest', name: 'South Africa West', city: 'Cape Town', country: 'ZA', lat: -33.92, lon: 18.42 },
  {
    code: 'southcentralus',
    name: 'South Central US',
    city: 'San Antonio',
    country: 'US',
    subdivision: 'US-TX',
    lat: 29.42,
    lon: -98.5,
  },
  { code: 'southeastasia', name: 'Southeast Asia', city: 'Singapore', country: 'SG', lat: 1.28, lon: 103.83 },
  { code: 'southindia', name: 'South India', city: 'Chennai', country: 'IN', lat: 13.08, lon: 80.27 },
  { code: 'spaincentral', name: 'Spain Central', city: 'Madrid', country: 'ES', lat: 40.42, lon: -3.7 },
  { code: 'swedencentral', name: 'Sweden Central', city: 'Gavle', country: 'SE', lat: 60.67, lon: 17.14 },
  { code: 'swedensouth', name: 'Sweden South', city: 'Malmo', country: 'SE', lat: 55.6, lon: 13.0 },
  { code: 'switzerlandnorth', name: 'Switzerland North', city: 'Zurich', country: 'CH', lat: 47.38, lon: 8.54 },
  { code: 'switzerlandwest', name: 'Switzerland West', city: 'Geneva', country: 'CH', lat: 46.2, lon: 6.14 },
  { code: 'uaecentral', name: 'UAE Central', city: 'Abu Dhabi', country: 'AE', lat: 24.47, lon: 54.37 },
  { code: 'uaenorth', name: 'UAE North', city: 'Dubai', country: 'AE', lat: 25.2, lon: 55.27 },
  { code: 'uksouth', name: 'UK South', city: 'London', country: 'GB', lat: 51.51, lon: -0.13 },
  { code: 'ukwest', name: 'UK West', city: 'Cardiff', country: 'GB', lat: 51.48, lon: -3.18 },
  {
    code: 'usdodcentral',
    name: 'US DoD Central',
    city: 'Des Moines',
    country: 'US',
    subdivision: 'US-IA',
    lat: 41.59,
    lon: -93.62,
    partition: 'azure-us-gov',
  },
  {
    code: 'usdodeast',
    name: 'US DoD East',
    city: 'Boydton',
    country: 'US',
    subdivision: 'US-VA',
    lat: 36.67,
    lon: -78.39,
    partition: 'azure-us-gov',
  },
  {
    code: 'usgovarizona',
    name: 'US Gov Arizona',
    city: 'Phoenix',
    country: 'US',
    subdivision: 'US-AZ',
    lat: 33.45,
    lon: -112.07,
    partition: 'azure-us-gov',
  },
  {
    code: 'usgovtexas',
    name: 'US Gov Texas',
    city: 'San Antonio',
    country: 'US',
    subdivision: 'US-TX',
    lat: 29.42,
    lon: -98.5,
    partition: 'azure-us-gov',
  },
  {
    code: 'usgovvirginia',
    name: 'US Gov Virginia',
    city: 'Virginia',
    country: 'US',
    subdivision: 'US-VA',
    lat: 37.37,
    lon: -79.82,
    partition: 'azure-us-gov',
  },
  {
    code: 'westcentralus',
    name: 'West Central US',
    city: 'Cheyenne',
    country: 'US',
    subdivision: 'US-WY',
    lat: 41.14,
    lon: -104.82,
  },
  { code: 'westeurope', name: 'West Europe', city: 'Amsterdam', country: 'NL', lat: 52.37, lon: 4.9 },
  { code: 'westindia', name: 'West India', city: 'Mumbai', country: 'IN', lat: 19.08, lon: 72.88 },
  {
    code: 'westus',
    name: 'West US',
    city: 'San Francisco',
    country: 'US',
    subdivision: 'US-CA',
    lat: 37.78,
    lon: -122.42,
  },
  {
    code: 'westus2',
    name: 'West US 2',
    city: 'Quincy',
    country: 'US',
    subdivision: 'US-WA',
    lat: 47.23,
    lon: -119.85,
  },
  {
    code: 'westus3',
    name: 'West US 3',
    city: 'Phoenix',
    country: 'US',
    subdivision: 'US-AZ',
    lat: 33.45,
    lon: -112.07,
  },
];
