import { CONTINENTS } from '../../../geo/continents.js';
import { getCountry } from '../../../geo/countries.js';
import type { Route53Location } from '../../../geo/provider-lists/route53-locations.js';
import { SUBDIVISIONS } from '../../../geo/subdivisions.js';
import type { Operation } from './context.js';
import { invalidInput } from './errors.js';
import { parseMaxItems, takePage } from './list.js';
import { listOf, xmlDocument } from './xml-write.js';

/**
 * ListGeoLocations [API Reference: ListGeoLocations]: countries first, each followed by its
 * subdivisions, then continents; a page starts at the item the start codes name and says where
 * the next one starts (NextCountryCode + NextSubdivisionCode, or NextContinentCode).
 * `startcontinentcode` lists continents only and may not come with a country; a subdivision
 * needs its country ("To list subdivisions of a country, you must include both"). Route 53 does
 * not authorize this call; the mock answers it like any other.
 */

/** The documented page size when `maxitems` is absent. */
const DEFAULT_PAGE = 100;
/** No ceiling is documented: the mock caps at the list's length. */
const NO_CEILING = Number.MAX_SAFE_INTEGER;

export const listGeoLocations: Operation = async (context, request) => {
  const { startcontinentcode: continent, startcountrycode: country, startsubdivisioncode: subdivision } = request.query;
  const maxItems = parseMaxItems(request.query.maxitems, DEFAULT_PAGE, NO_CEILING);
  const locations = context.geoLocations;
  const page = takePage(locations, startIndex(locations, continent, country, subdivision), maxItems);
  const next = page.next;
  const body = xmlDocument('ListGeoLocationsResponse', {
    GeoLocationDetailsList: listOf('GeoLocationDetails', page.items.map(detailsXml)),
    IsTruncated: next !== undefined,
    NextContinentCode: next?.continentCode,
    NextCountryCode: next?.countryCode,
    NextSubdivisionCode: next?.subdivisionCode,
    MaxItems: maxItems,
  });
  return { status: 200, body };
};

function startIndex(
  locations: readonly Route53Location[],
  continent: string | undefined,
  country: string | undefined,
  subdivision: string | undefined,
): number {
  if (continent !== undefined && (country !== undefined || subdivision !== undefined)) {
    throw invalidInput('startcontinentcode cannot be combined with startcountrycode or startsubdivisioncode');
  }
  if (subdivision !== undefined && country === undefined) {
    throw invalidInput('startsubdivisioncode requires startcountrycode');
  }
  if (continent === undefined && country === undefined) return 0;
  const index = locations.findIndex((location) =>
    continent !== undefined
      ? location.continentCode === continent
      : location.countryCode === country && location.subdivisionCode === subdivision,
  );
  if (index < 0) {
    const named = continent ?? [country, subdivision].filter((part) => part !== undefined).join('-');
    throw invalidInput(`The start location '${named}' is not a supported geolocation`);
  }
  return index;
}

function detailsXml(location: Route53Location) {
  const { continentCode, countryCode, subdivisionCode } = location;
  if (continentCode !== undefined) return { ContinentCode: continentCode, ContinentName: CONTINENTS[continentCode] };
  const countryName = countryCode === '*' ? 'Default' : (getCountry(countryCode ?? '')?.name ?? countryCode);
  return {
    CountryCode: countryCode,
    CountryName: countryName,
    SubdivisionCode: subdivisionCode,
    SubdivisionName:
      subdivisionCode === undefined ? undefined : SUBDIVISIONS.get(`${countryCode}-${subdivisionCode}`)?.name,
  };
}
