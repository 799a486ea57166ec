import { ListGeoLocationsCommand, type ListGeoLocationsCommandInput } from '@aws-sdk/client-route-53';
import type { GeoList } from '../../geo/provider-lists/geo-list.js';
import { type Route53Location, route53GeoList } from '../../geo/provider-lists/route53-locations.js';
import type { CallMeter } from './meter.js';
import { pagingError } from './paging.js';
import type { Route53Sender } from './zone.js';

/** Far more pages than the ~305 locations take at the default 100 per page. */
const MAX_PAGES = 50;

type Start = Pick<ListGeoLocationsCommandInput, 'StartContinentCode' | 'StartCountryCode' | 'StartSubdivisionCode'>;

/**
 * Every location Route 53 accepts, from ListGeoLocations, page by page (countries with their
 * subdivisions first, then continents). Paging is defensive as in paging.ts: a truncated empty
 * page, a token that does not advance or too many pages end in PROVIDER.PAGING.
 */
export async function readGeoLocations(client: Route53Sender, meter: CallMeter, source: string): Promise<GeoList> {
  const locations: Route53Location[] = [];
  const seen = new Set<string>();
  let start: Start = {};
  for (let page = 0; page < MAX_PAGES; page++) {
    const response = await meter.call('ListGeoLocations', () => client.send(new ListGeoLocationsCommand({ ...start })));
    const items = response.GeoLocationDetailsList ?? [];
    for (const item of items) {
      const location: Route53Location = {
        ...(item.ContinentCode === undefined ? {} : { continentCode: item.ContinentCode }),
        ...(item.CountryCode === undefined ? {} : { countryCode: item.CountryCode }),
        ...(item.SubdivisionCode === undefined ? {} : { subdivisionCode: item.SubdivisionCode }),
      };
      const key = `${location.continentCode ?? ''}/${location.countryCode ?? ''}/${location.subdivisionCode ?? ''}`;
      if (seen.has(key)) throw pagingError('the geolocation list', `location ${key} was listed twice`);
      seen.add(key);
      locations.push(location);
    }
    if (response.IsTruncated !== true) return route53GeoList(source, locations);
    if (items.length === 0) throw pagingError('the geolocation list', 'a truncated page held no locations');
    const next: Start = {
      ...(response.NextContinentCode === undefined ? {} : { StartContinentCode: response.NextContinentCode }),
      ...(response.NextCountryCode === undefined ? {} : { StartCountryCode: response.NextCountryCode }),
      ...(response.NextSubdivisionCode === undefined ? {} : { StartSubdivisionCode: response.NextSubdivisionCode }),
    };
    if (JSON.stringify(next) === JSON.stringify(start) || Object.keys(next).length === 0) {
      throw pagingError('the geolocation list', 'the next-page token did not advance');
    }
    start = next;
  }
  throw pagingError('the geolocation list', `more than ${MAX_PAGES} pages`);
}
