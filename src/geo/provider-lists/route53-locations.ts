import { DEFAULT_CODE, type GeoList, type GeoListEntry, makeGeoList } from './geo-list.js';

/**
 * The geolocations Route 53 accepts, as its ListGeoLocations operation returns them: the
 * default `*`, every ISO 3166-1 alpha-2 country except BV, CX, EH and HM, the 50 US states and
 * DC as subdivisions of US, and the seven continents. Sources: API Reference "GeoLocation"
 * (continent codes; ISO 3166-1 countries "plus UA"; "Route 53 doesn't support any other values
 * for SubdivisionCode" than US states), Developer Guide "Geolocation routing" (BV CX EH HM not
 * supported), and a published ListGeoLocations response (yunion-io/cloudpods,
 * `AwsGeoLocations`) with exactly these codes. The mock backend serves this list; plans against
 * AWS read the live one.
 */

/** Continent code → name, as ListGeoLocations names them. */
export const ROUTE53_CONTINENTS: Readonly<Record<string, string>> = {
  AF: 'Africa',
  AN: 'Antarctica',
  AS: 'Asia',
  EU: 'Europe',
  NA: 'North America',
  OC: 'Oceania',
  SA: 'South America',
};

export const ROUTE53_COUNTRY_CODES: readonly string[] = (
  'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BW BY BZ ' +
  'CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CY CZ DE DJ DK DM DO DZ EC EE EG ER ES ET FI FJ FK FM FO FR ' +
  'GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM ' +
  'JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO ' +
  'MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT ' +
  'PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK ' +
  'TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS XK YE YT ZA ZM ZW'
).split(' ');

/** US states and DC, the only subdivisions Route 53 supports (with CountryCode US). */
export const ROUTE53_US_SUBDIVISIONS: readonly string[] = (
  'AK AL AR AZ CA CO CT DC DE FL GA HI IA ID IL IN KS KY LA MA MD ME MI MN MO MS MT NC ND NE NH NJ NM NV NY OH ' +
  'OK OR PA RI SC SD TN TX UT VA VT WA WI WV WY'
).split(' ');

/** One ListGeoLocations item: exactly one of a continent or a country (with an optional subdivision). */
export interface Route53Location {
  readonly continentCode?: string;
  readonly countryCode?: string;
  readonly subdivisionCode?: string;
}

/**
 * The documented locations in ListGeoLocations order: countries first (the default `*` sorts
 * before every code), each followed by its subdivisions, then the continents [API Reference:
 * ListGeoLocations, "Countries are listed first, and continents are listed last"].
 */
export const ROUTE53_DOCUMENTED_LOCATIONS: readonly Route53Location[] = [
  { countryCode: DEFAULT_CODE },
  ...ROUTE53_COUNTRY_CODES.flatMap((country): Route53Location[] => [
    { countryCode: country },
    ...(country === 'US'
      ? ROUTE53_US_SUBDIVISIONS.map((subdivision) => ({ countryCode: 'US', subdivisionCode: subdivision }))
      : []),
  ]),
  ...Object.keys(ROUTE53_CONTINENTS).map((continent) => ({ continentCode: continent })),
];

/** A ListGeoLocations item in plan spelling: `continent:EU`, `DE`, `US-CA` or `*`. */
export function route53LocationEntry(location: Route53Location): GeoListEntry {
  if (location.continentCode !== undefined) return { code: `continent:${location.continentCode}` };
  const country = location.countryCode ?? DEFAULT_CODE;
  if (location.subdivisionCode === undefined) return { code: country };
  return { code: `${country}-${location.subdivisionCode}`, parent: country };
}

/** Route 53's list from its ListGeoLocations items. */
export function route53GeoList(source: string, locations: readonly Route53Location[]): GeoList {
  return makeGeoList('route53', source, locations.map(route53LocationEntry));
}

/** The documented list, as the mock serves it. */
export const ROUTE53_DOCUMENTED_GEO_LIST: GeoList = route53GeoList(
  'route53 documented list',
  ROUTE53_DOCUMENTED_LOCATIONS,
);
