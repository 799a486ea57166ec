import { ListGeoLocationsCommand, type ResourceRecordSet } from '@aws-sdk/client-route-53';
import { describe, expect, it } from 'vitest';
import { COUNTRIES } from '../../src/geo/countries.js';
import { geoCodes } from '../../src/geo/provider-lists/geo-list.js';
import {
  ROUTE53_DOCUMENTED_GEO_LIST,
  ROUTE53_DOCUMENTED_LOCATIONS,
} from '../../src/geo/provider-lists/route53-locations.js';
import { SUBDIVISIONS } from '../../src/geo/subdivisions.js';
import { Route53Adapter } from '../../src/providers/route53/adapter.js';
import { createRoute53Backend } from '../../src/providers/route53/mock/index.js';
import {
  create,
  expectFailure,
  inProcessClient,
  mockProvider,
  send,
  simple,
  zoneFixture,
} from './route53-mock-helpers.js';

/**
 * Route 53's geolocation list, as the mock serves it through ListGeoLocations and the adapter
 * reads it [API Reference: ListGeoLocations, GeoLocation; Developer Guide: Geolocation routing].
 */

const geo = (id: string, location: NonNullable<ResourceRecordSet['GeoLocation']>): ResourceRecordSet => ({
  ...simple('g.example.com', '192.0.2.9'),
  SetIdentifier: id,
  GeoLocation: location,
});

describe('ListGeoLocations on the mock (through the SDK)', () => {
  it('lists countries first, each US state right after US, continents last, 100 to a page', async () => {
    const client = inProcessClient(createRoute53Backend());
    const items: string[] = [];
    const pages: number[] = [];
    let start: Record<string, string> = {};
    for (;;) {
      const page = await client.send(new ListGeoLocationsCommand(start));
      const details = page.GeoLocationDetailsList ?? [];
      pages.push(details.length);
      for (const d of details) {
        items.push(
          d.ContinentCode !== undefined
            ? `continent:${d.ContinentCode}`
            : d.SubdivisionCode !== undefined
              ? `${d.CountryCode}-${d.SubdivisionCode}`
              : (d.CountryCode ?? '?'),
        );
      }
      if (!page.IsTruncated) break;
      start = {
        ...(page.NextContinentCode ? { StartContinentCode: page.NextContinentCode } : {}),
        ...(page.NextCountryCode ? { StartCountryCode: page.NextCountryCode } : {}),
        ...(page.NextSubdivisionCode ? { StartSubdivisionCode: page.NextSubdivisionCode } : {}),
      };
    }
    // 1 default + 246 countries + 51 US subdivisions + 7 continents.
    expect(items).toHaveLength(305);
    expect(pages).toEqual([100, 100, 100, 5]);
    expect(items[0]).toBe('*');
    expect(items.slice(-7)).toEqual(['AF', 'AN', 'AS', 'EU', 'NA', 'OC', 'SA'].map((c) => `continent:${c}`));
    const us = items.indexOf('US');
    expect(items.slice(us + 1, us + 52).every((code) => code.startsWith('US-'))).toBe(true);
    expect(items[us + 52]).toBe('UY');
    // The catalog's countries, minus the four the Developer Guide names as unsupported.
    const catalog = [...COUNTRIES.keys()];
    expect(catalog.filter((code) => !items.includes(code)).sort()).toEqual(['BV', 'CX', 'EH', 'HM']);
    expect([...SUBDIVISIONS.keys()].every((code) => items.includes(code))).toBe(true);
  });

  it('names what it lists and starts a page where asked', async () => {
    const client = inProcessClient(createRoute53Backend());
    const page = await client.send(
      new ListGeoLocationsCommand({ StartCountryCode: 'US', StartSubdivisionCode: 'WY', MaxItems: 3 }),
    );
    expect(page.GeoLocationDetailsList).toEqual([
      { CountryCode: 'US', CountryName: 'United States', SubdivisionCode: 'WY', SubdivisionName: 'Wyoming' },
      { CountryCode: 'UY', CountryName: 'Uruguay' },
      { CountryCode: 'UZ', CountryName: 'Uzbekistan' },
    ]);
    expect(page).toMatchObject({ IsTruncated: true, NextCountryCode: 'VA', MaxItems: 3 });
    const continents = await client.send(new ListGeoLocationsCommand({ StartContinentCode: 'OC' }));
    expect(continents.GeoLocationDetailsList).toEqual([
      { ContinentCode: 'OC', ContinentName: 'Oceania' },
      { ContinentCode: 'SA', ContinentName: 'South America' },
    ]);
    expect(continents.IsTruncated).toBe(false);
  });

  it('refuses a continent start with a country, and a subdivision without its country (InvalidInput)', async () => {
    const client = inProcessClient(createRoute53Backend());
    await expectFailure(
      client.send(new ListGeoLocationsCommand({ StartContinentCode: 'EU', StartCountryCode: 'DE' })),
      'InvalidInput',
    );
    await expectFailure(client.send(new ListGeoLocationsCommand({ StartSubdivisionCode: 'CA' })), 'InvalidInput');
    await expectFailure(client.send(new ListGeoLocationsCommand({ StartCountryCode: 'ZZ' })), 'InvalidInput');
  });

  it('accepts exactly the locations it lists: a backend whose list lacks XK refuses an XK record', async () => {
    const withoutXk = ROUTE53_DOCUMENTED_LOCATIONS.filter((location) => location.countryCode !== 'XK');
    const fixture = await zoneFixture({ geoLocations: withoutXk });
    await expectFailure(
      send(fixture, [create(geo('xk', { CountryCode: 'XK' }))]),
      'InvalidChangeBatch',
      "[Cannot find location: 'country = XK'.  No changes made.]",
    );
    const listed = await fixture.client.send(new ListGeoLocationsCommand({ StartCountryCode: 'WS', MaxItems: 2 }));
    expect(listed.GeoLocationDetailsList?.map((d) => d.CountryCode)).toEqual(['WS', 'YE']);
    const documented = await zoneFixture();
    await send(documented, [create(geo('xk', { CountryCode: 'XK' }))]);
  });
});

describe('Route53Adapter.geoList', () => {
  it('reads every page once per adapter and once per run for adapters that share it', async () => {
    const backend = createRoute53Backend();
    const run = {};
    const share = { run, key: 'mock' };
    const first = new Route53Adapter(mockProvider, inProcessClient(backend), { geoListShare: share });
    const second = new Route53Adapter({ ...mockProvider, id: 'r53b' }, inProcessClient(backend), {
      geoListShare: share,
      geoListSource: 'route53 ListGeoLocations (mock)',
    });
    const list = await first.geoList();
    expect(backend.counters().calls.ListGeoLocations).toBe(4);
    expect(await first.geoList()).toBe(list);
    expect(await second.geoList()).toBe(list);
    expect(backend.counters().calls.ListGeoLocations).toBe(4);
    expect(list.source).toBe('route53 ListGeoLocations');
    expect(list.fingerprint).toBe(ROUTE53_DOCUMENTED_GEO_LIST.fingerprint);
    expect(list.entries.map((e) => e.code)).toEqual(ROUTE53_DOCUMENTED_GEO_LIST.entries.map((e) => e.code));
    expect(geoCodes(list).parentOf('US-CA')).toBe('US');
    // Another run reads again.
    await new Route53Adapter(mockProvider, inProcessClient(backend), {
      geoListShare: { run: {}, key: 'mock' },
    }).geoList();
    expect(backend.counters().calls.ListGeoLocations).toBe(8);
  });

  it('fingerprints the list it read: a list without XK has another fingerprint', async () => {
    const backend = createRoute53Backend({
      geoLocations: ROUTE53_DOCUMENTED_LOCATIONS.filter((location) => location.countryCode !== 'XK'),
    });
    const list = await new Route53Adapter(mockProvider, inProcessClient(backend)).geoList();
    expect(list.entries).toHaveLength(304);
    expect(geoCodes(list).has('XK')).toBe(false);
    expect(list.fingerprint).not.toBe(ROUTE53_DOCUMENTED_GEO_LIST.fingerprint);
  });
});
