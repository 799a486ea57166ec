import { TrafficportError } from '../errors.js';
import { getCountry } from '../geo/countries.js';
import { type CatalogCloud, REGION_CATALOGS, regionJurisdictions } from '../geo/regions/index.js';
import { ExitCode } from '../io/exit-codes.js';
import type { CommandResult } from '../io/result.js';
import { didYouMean } from '../policy/suggest.js';

export interface RegionRow {
  readonly cloud: CatalogCloud;
  readonly code: string;
  readonly name: string;
  readonly city: string;
  readonly country: string;
  readonly jurisdictions: readonly string[];
  readonly lat: number;
  readonly lon: number;
  readonly partition?: string;
}

/** Lists the region catalog, optionally for one cloud, so users can find the code to write. */
export function runRegions(cloud: string | undefined): CommandResult {
  const clouds = Object.keys(REGION_CATALOGS) as CatalogCloud[];
  if (cloud !== undefined && !clouds.includes(cloud as CatalogCloud)) {
    throw new TrafficportError('USAGE.UNKNOWN_CLOUD', `unknown cloud '${cloud}'`, {
      hint: didYouMean(cloud, clouds) ?? `clouds with a region catalog: ${clouds.join(', ')}`,
    });
  }
  const rows: RegionRow[] = (cloud === undefined ? clouds : [cloud as CatalogCloud]).flatMap((c) =>
    REGION_CATALOGS[c].map((region) => ({ cloud: c, ...region, jurisdictions: regionJurisdictions(region) })),
  );
  return {
    exitCode: ExitCode.OK,
    json: () => ({ version: 1, regions: rows }),
    human: () => {
      const width = Math.max(...rows.map((row) => row.code.length));
      return `${rows
        .map((row) => {
          const country = getCountry(row.country)?.name ?? row.country;
          const partition = row.partition === undefined ? '' : ` [${row.partition}]`;
          return `${row.cloud.padEnd(6)} ${row.code.padEnd(width)}  ${row.city}, ${country} (${row.jurisdictions.join(', ')})${partition}`;
        })
        .join('\n')}\n`;
    },
  };
}
