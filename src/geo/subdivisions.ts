/**
 * Subdivisions DNS geolocation can target. Route 53 accepts US states (with CountryCode US) as
 * `SubdivisionCode`; codes are written here as ISO 3166-2 (`US-CA`). Coordinates are approximate
 * geographic centers (U.S. Geological Survey, rounded to 0.1 degree); they only feed the
 * distance-based latency model, where a tenth of a degree is far below its error.
 */
const US_STATES: readonly (readonly [string, string, number, number])[] = [
  ['AK', 'Alaska', 64.2, -152.5],
  ['AL', 'Alabama', 32.8, -86.8],
  ['AR', 'Arkansas', 34.9, -92.4],
  ['AZ', 'Arizona', 34.2, -111.7],
  ['CA', 'California', 37.2, -119.4],
  ['CO', 'Colorado', 39.0, -105.5],
  ['CT', 'Connecticut', 41.6, -72.7],
  ['DC', 'District of Columbia', 38.9, -77.0],
  ['DE', 'Delaware', 39.0, -75.5],
  ['FL', 'Florida', 28.6, -82.4],
  ['GA', 'Georgia', 32.7, -83.4],
  ['HI', 'Hawaii', 20.8, -156.3],
  ['IA', 'Iowa', 42.1, -93.5],
  ['ID', 'Idaho', 44.4, -114.6],
  ['IL', 'Illinois', 40.0, -89.2],
  ['IN', 'Indiana', 39.9, -86.3],
  ['KS', 'Kansas', 38.5, -98.4],
  ['KY', 'Kentucky', 37.5, -85.3],
  ['LA', 'Louisiana', 31.1, -92.0],
  ['MA', 'Massachusetts', 42.3, -71.8],
  ['MD', 'Maryland', 39.0, -76.8],
  ['ME', 'Maine', 45.4, -69.2],
  ['MI', 'Michigan', 44.3, -85.4],
  ['MN', 'Minnesota', 46.3, -94.3],
  ['MO', 'Missouri', 38.4, -92.5],
  ['MS', 'Mississippi', 32.7, -89.7],
  ['MT', 'Montana', 47.0, -109.6],
  ['NC', 'North Carolina', 35.6, -79.4],
  ['ND', 'North Dakota', 47.5, -100.5],
  ['NE', 'Nebraska', 41.5, -99.8],
  ['NH', 'New Hampshire', 43.7, -71.6],
  ['NJ', 'New Jersey', 40.2, -74.7],
  ['NM', 'New Mexico', 34.4, -106.1],
  ['NV', 'Nevada', 39.3, -116.6],
  ['NY', 'New York', 42.9, -75.5],
  ['OH', 'Ohio', 40.3, -82.8],
  ['OK', 'Oklahoma', 35.6, -97.5],
  ['OR', 'Oregon', 43.9, -120.6],
  ['PA', 'Pennsylvania', 40.9, -77.8],
  ['RI', 'Rhode Island', 41.7, -71.5],
  ['SC', 'South Carolina', 33.9, -80.9],
  ['SD', 'South Dakota', 44.4, -100.2],
  ['TN', 'Tennessee', 35.9, -86.4],
  ['TX', 'Texas', 31.5, -99.3],
  ['UT', 'Utah', 39.3, -111.7],
  ['VA', 'Virginia', 37.5, -78.9],
  ['VT', 'Vermont', 44.1, -72.7],
  ['WA', 'Washington', 47.4, -120.5],
  ['WI', 'Wisconsin', 44.6, -89.9],
  ['WV', 'West Virginia', 38.6, -80.6],
  ['WY', 'Wyoming', 43.0, -107.6],
];

export interface Subdivision {
  /** ISO 3166-2 code, e.g. `US-CA`. */
  readonly code: string;
  readonly country: string;
  readonly name: string;
  readonly lat: number;
  readonly lon: number;
}

export const SUBDIVISIONS: ReadonlyMap<string, Subdivision> = new Map(
  US_STATES.map(([code, name, lat, lon]) => [`US-${code}`, { code: `US-${code}`, country: 'US', name, lat, lon }]),
);
