import { US_STATE_ROWS } from './countries.generated.js';

/**
 * Subdivisions DNS geolocation can target. Route 53 accepts US states (with CountryCode US) as
 * `SubdivisionCode`; codes are written here as ISO 3166-2 (`US-CA`). Coordinates and population
 * are generated from GeoNames cities (see scripts/generate-country-data.mjs); names are ours.
 */
const US_STATE_NAMES: Readonly<Record<string, string>> = {
  AK: 'Alaska',
  AL: 'Alabama',
  AR: 'Arkansas',
  AZ: 'Arizona',
  CA: 'California',
  CO: 'Colorado',
  CT: 'Connecticut',
  DC: 'District of Columbia',
  DE: 'Delaware',
  FL: 'Florida',
  GA: 'Georgia',
  HI: 'Hawaii',
  IA: 'Iowa',
  ID: 'Idaho',
  IL: 'Illinois',
  IN: 'Indiana',
  KS: 'Kansas',
  KY: 'Kentucky',
  LA: 'Louisiana',
  MA: 'Massachusetts',
  MD: 'Maryland',
  ME: 'Maine',
  MI: 'Michigan',
  MN: 'Minnesota',
  MO: 'Missouri',
  MS: 'Mississippi',
  MT: 'Montana',
  NC: 'North Carolina',
  ND: 'North Dakota',
  NE: 'Nebraska',
  NH: 'New Hampshire',
  NJ: 'New Jersey',
  NM: 'New Mexico',
  NV: 'Nevada',
  NY: 'New York',
  OH: 'Ohio',
  OK: 'Oklahoma',
  OR: 'Oregon',
  PA: 'Pennsylvania',
  RI: 'Rhode Island',
  SC: 'South Carolina',
  SD: 'South Dakota',
  TN: 'Tennessee',
  TX: 'Texas',
  UT: 'Utah',
  VA: 'Virginia',
  VT: 'Vermont',
  WA: 'Washington',
  WI: 'Wisconsin',
  WV: 'West Virginia',
  WY: 'Wyoming',
};

export interface Subdivision {
  /** ISO 3166-2 code, e.g. `US-CA`. */
  readonly code: string;
  readonly country: string;
  readonly name: string;
  /** Population-weighted centre. */
  readonly lat: number;
  readonly lon: number;
  readonly population: number;
}

export const SUBDIVISIONS: ReadonlyMap<string, Subdivision> = new Map(
  US_STATE_ROWS.map(([code, lat, lon, population]) => [
    code,
    { code, country: 'US', name: US_STATE_NAMES[code.slice(3)] ?? code, lat, lon, population },
  ]),
);
