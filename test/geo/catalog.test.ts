import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CONTINENTS } from '../../src/geo/continents.js';
import { COUNTRY_ROWS } from '../../src/geo/countries.generated.js';
import { COUNTRIES, getCountry } from '../../src/geo/countries.js';
import {
  EFTA_MEMBERS,
  EU_EXCLUDED,
  EU_MEMBERS,
  EU_TERRITORIES,
  JURISDICTION_GROUPS,
  JURISDICTION_SOURCES,
} from '../../src/geo/jurisdictions.js';
import { ROUTE53_COUNTRY_CODES } from '../../src/geo/provider-lists/route53-locations.js';
import { type CatalogCloud, findRegion, REGION_CATALOGS, regionJurisdictions } from '../../src/geo/regions/index.js';
import { SUBDIVISIONS } from '../../src/geo/subdivisions.js';

const root = join(import.meta.dirname, '..', '..');
const clouds = Object.keys(REGION_CATALOGS) as CatalogCloud[];
const allRegions = clouds.flatMap((cloud) => REGION_CATALOGS[cloud].map((region) => ({ cloud, ...region })));
const KNOWN_PARTITIONS: Record<CatalogCloud, readonly string[]> = {
  aws: ['aws-cn', 'aws-us-gov', 'aws-eusc'],
  azure: ['azure-china', 'azure-us-gov'],
  gcp: [],
};

const inRange = (lat: number, lon: number) =>
  Number.isFinite(lat) && Number.isFinite(lon) && lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180;

function duplicates(values: readonly string[]): string[] {
  return values.filter((value, index) => values.indexOf(value) !== index);
}

describe('region catalogs', () => {
  it('has aws, azure and gcp, each with a plausible number of regions', () => {
    expect(clouds.sort()).toEqual(['aws', 'azure', 'gcp']);
    for (const cloud of clouds) expect(REGION_CATALOGS[cloud].length, cloud).toBeGreaterThanOrEqual(30);
  });

  it.each(clouds)('%s region codes are unique and spelled like API region codes', (cloud) => {
    const codes = REGION_CATALOGS[cloud].map((region) => region.code);
    expect(duplicates(codes)).toEqual([]);
    for (const code of codes) expect(code).toMatch(/^[a-z][a-z0-9-]*[a-z0-9]$/);
  });

  it('every region has a name, a city and coordinates in range', () => {
    const bad = allRegions.filter(
      (r) => r.name.trim() === '' || r.city.trim() === '' || !inRange(r.lat, r.lon) || (r.lat === 0 && r.lon === 0),
    );
    expect(bad.map((r) => `${r.cloud}/${r.code}`)).toEqual([]);
  });

  it("every region's country exists in the country catalog", () => {
    const missing = allRegions.filter((r) => !COUNTRIES.has(r.country));
    expect(missing.map((r) => `${r.cloud}/${r.code}: ${r.country}`)).toEqual([]);
  });

  it("every region's subdivision exists and belongs to the region's country", () => {
    const withSubdivision = allRegions.filter((r) => r.subdivision !== undefined);
    expect(withSubdivision.length).toBeGreaterThan(10);
    const bad = withSubdivision.filter((r) => SUBDIVISIONS.get(r.subdivision ?? '')?.country !== r.country);
    expect(bad.map((r) => `${r.cloud}/${r.code}: ${r.subdivision}`)).toEqual([]);
  });

  it('partitions are the sovereign clouds the catalog documents', () => {
    const bad = allRegions.filter((r) => r.partition !== undefined && !KNOWN_PARTITIONS[r.cloud].includes(r.partition));
    expect(bad.map((r) => `${r.cloud}/${r.code}: ${r.partition}`)).toEqual([]);
  });

  it('region jurisdictions are derived from the country: the country first, then its groups', () => {
    for (const region of allRegions) {
      expect(regionJurisdictions(region)).toEqual(getCountry(region.country)?.jurisdictions);
      expect(regionJurisdictions(region)[0]).toBe(region.country);
    }
  });

  it('spot checks: well-known regions are where they should be', () => {
    const frankfurt = findRegion('aws', 'eu-central-1');
    expect(frankfurt).toMatchObject({ city: 'Frankfurt', country: 'DE' });
    expect(frankfurt && regionJurisdictions(frankfurt)).toEqual(['DE', 'EU', 'EEA']);

    expect(findRegion('azure', 'westeurope')).toMatchObject({ country: 'NL' });
    expect(findRegion('aws', 'us-east-1')).toMatchObject({ country: 'US', subdivision: 'US-VA' });
    expect(findRegion('gcp', 'europe-west3')).toMatchObject({ city: 'Frankfurt', country: 'DE' });
    expect(findRegion('aws', 'eu-central-2')).toMatchObject({ country: 'CH' });
    const zurich = findRegion('aws', 'eu-central-2');
    expect(zurich && regionJurisdictions(zurich)).toEqual(['CH', 'EFTA']);
    // A code of one cloud is not a region of another.
    expect(findRegion('azure', 'eu-central-1')).toBeUndefined();
  });
});

describe('country catalog', () => {
  const codes = COUNTRY_ROWS.map(([code]) => code);

  it('has every ISO 3166-1 country once, as two upper-case letters', () => {
    expect(codes.length).toBeGreaterThanOrEqual(245);
    expect(duplicates(codes)).toEqual([]);
    for (const code of codes) expect(code).toMatch(/^[A-Z]{2}$/);
    expect(COUNTRIES.size).toBe(codes.length);
  });

  it('every country has a name, a DNS continent code and coordinates in range', () => {
    const continents = Object.keys(CONTINENTS).sort();
    expect(continents).toEqual(['AF', 'AN', 'AS', 'EU', 'NA', 'OC', 'SA']);
    const bad = [...COUNTRIES.values()].filter(
      (c) => c.name.trim() === '' || !continents.includes(c.continent) || !inRange(c.lat, c.lon),
    );
    expect(bad.map((c) => c.code)).toEqual([]);
  });

  it('spot checks: names and continents', () => {
    expect(getCountry('DE')).toMatchObject({ name: 'Germany', continent: 'EU' });
    expect(getCountry('US')).toMatchObject({ name: 'United States', continent: 'NA' });
    expect(getCountry('NA')).toMatchObject({ name: 'Namibia', continent: 'AF' });
    expect(getCountry('AS')).toMatchObject({ name: 'American Samoa', continent: 'OC' });
    expect(getCountry('AU')?.continent).toBe('OC');
    expect(getCountry('BR')?.continent).toBe('SA');
    // Germany's centre is in Germany, roughly.
    const de = getCountry('DE');
    expect(de?.lat).toBeGreaterThan(47);
    expect(de?.lat).toBeLessThan(55);
    expect(de?.lon).toBeGreaterThan(6);
    expect(de?.lon).toBeLessThan(15);
  });

  it('subdivisions are the 50 US states plus DC, inside the US, with coordinates in range', () => {
    expect(SUBDIVISIONS.size).toBe(51);
    for (const [code, subdivision] of SUBDIVISIONS) {
      expect(code).toMatch(/^US-[A-Z]{2}$/);
      expect(subdivision.code).toBe(code);
      expect(subdivision.country).toBe('US');
      expect(inRange(subdivision.lat, subdivision.lon), code).toBe(true);
      // Every state lies west of 66°W and north of 18°N (Hawaii is the southernmost).
      expect(subdivision.lon, code).toBeLessThan(-66);
      expect(subdivision.lat, code).toBeGreaterThan(18);
    }
    expect(SUBDIVISIONS.get('US-VA')?.name).toBe('Virginia');
  });
});

describe('jurisdiction groups', () => {
  const EU_27 = [
    ...['AT', 'BE', 'BG', 'CY', 'CZ', 'DE', 'DK', 'EE', 'ES', 'FI', 'FR', 'GR', 'HR', 'HU'],
    ...['IE', 'IT', 'LT', 'LU', 'LV', 'MT', 'NL', 'PL', 'PT', 'RO', 'SE', 'SI', 'SK'],
  ];
  // Outermost regions with ISO codes of their own (TFEU Art. 349) and the Åland Islands (Art. 355(4)).
  const EU_LAW_TERRITORIES = ['AX', 'GF', 'GP', 'MF', 'MQ', 'RE', 'YT'];
  // Where EU law does not apply although a member state or the EEA is near: OCTs (Annex II),
  // the Faroes, Gibraltar and the UK since Brexit, Svalbard and Bouvet (outside the EEA).
  const OUTSIDE = [
    ...['FO', 'GL', 'NC', 'PF', 'WF', 'PM', 'TF', 'BL', 'AW', 'CW', 'SX', 'BQ'],
    ...['GI', 'GB', 'IM', 'JE', 'GG', 'AD', 'MC', 'SM', 'VA', 'CH', 'SJ', 'BV'],
  ];

  it('the 27 member states are pinned', () => {
    expect(EU_27).toHaveLength(27);
    expect([...EU_MEMBERS].sort()).toEqual([...EU_27].sort());
  });

  it('EU is every territory where EU law applies: the 27 states, the outermost regions and Åland', () => {
    expect([...(JURISDICTION_GROUPS.EU ?? [])].sort()).toEqual([...EU_27, ...EU_LAW_TERRITORIES].sort());
    expect(EU_TERRITORIES.map((t) => t.code).sort()).toEqual(EU_LAW_TERRITORIES);
  });

  it('every EU member and territory exists and is in the EU and EEA groups', () => {
    for (const code of [...EU_27, ...EU_LAW_TERRITORIES]) {
      const country = getCountry(code);
      expect(country, code).toBeDefined();
      expect(country?.jurisdictions, code).toEqual([code, 'EU', 'EEA']);
    }
  });

  it('the EEA is the EU territory plus Iceland, Liechtenstein and Norway', () => {
    expect([...(JURISDICTION_GROUPS.EEA ?? [])].sort()).toEqual(
      [...EU_27, ...EU_LAW_TERRITORIES, 'IS', 'LI', 'NO'].sort(),
    );
    expect(getCountry('NO')?.jurisdictions).toEqual(['NO', 'EEA', 'EFTA']);
  });

  it('territories where EU law does not apply are in neither group, and each exclusion is documented', () => {
    for (const code of OUTSIDE) {
      expect(getCountry(code), code).toBeDefined();
      expect(JURISDICTION_GROUPS.EU, code).not.toContain(code);
      expect(JURISDICTION_GROUPS.EEA, code).not.toContain(code);
    }
    expect(EU_EXCLUDED.map((t) => t.code).sort()).toEqual([...OUTSIDE].sort());
  });

  it('every territory entry cites its legal basis and a source', () => {
    for (const t of [...EU_TERRITORIES, ...EU_EXCLUDED]) {
      expect(t.basis.length, t.code).toBeGreaterThan(20);
      expect(t.source, t.code).toMatch(/^https:\/\//);
    }
    for (const group of Object.keys(JURISDICTION_GROUPS)) {
      expect(JURISDICTION_SOURCES[group]?.length, group).toBeGreaterThan(0);
    }
  });

  it('EFTA is Iceland, Liechtenstein, Norway and Switzerland; the UK is in none', () => {
    expect([...EFTA_MEMBERS].sort()).toEqual(['CH', 'IS', 'LI', 'NO']);
    expect(getCountry('CH')?.jurisdictions).toEqual(['CH', 'EFTA']);
    expect(getCountry('GB')?.jurisdictions).toEqual(['GB']);
  });

  it('every group member exists in the country catalog and Route 53 can target it', () => {
    for (const [group, members] of Object.entries(JURISDICTION_GROUPS)) {
      expect(
        members.filter((code) => !COUNTRIES.has(code) || !ROUTE53_COUNTRY_CODES.includes(code)),
        group,
      ).toEqual([]);
      expect(duplicates(members), group).toEqual([]);
    }
  });
});

describe('generated country data', () => {
  it('src/geo/countries.generated.ts is what scripts/generate-country-data.mjs produces now', async () => {
    const script = pathToFileURL(join(root, 'scripts', 'generate-country-data.mjs')).href;
    const { generateCountryModule } = (await import(script)) as { generateCountryModule: () => string };
    const generated = generateCountryModule();
    const checkedIn = readFileSync(join(root, 'src', 'geo', 'countries.generated.ts'), 'utf8');
    const firstDifference = generated.split('\n').find((line, i) => line !== checkedIn.split('\n')[i]);
    expect(
      generated === checkedIn,
      `src/geo/countries.generated.ts is out of date (first differing line: ${firstDifference}); ` +
        'run `node scripts/generate-country-data.mjs`',
    ).toBe(true);
    expect(generated).toContain("['DE', ");
  });
});
