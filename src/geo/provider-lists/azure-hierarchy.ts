import { DEFAULT_CODE, type GeoCodes, type GeoList, type GeoListEntry, geoCodes, makeGeoList } from './geo-list.js';

/**
 * The country/region hierarchy Traffic Manager's Geographic routing uses, as Microsoft publishes
 * it today: "Country/Region hierarchy used by Azure Traffic Manager for geographic traffic
 * routing method" (learn.microsoft.com/azure/traffic-manager/traffic-manager-geographic-regions,
 * the revision authored by asudbring; the live list is GET
 * /providers/Microsoft.Network/trafficManagerGeographicHierarchies/default). It differs from the
 * 2017 revision (kumudd) in three ways, all followed here:
 *
 * - GB has no subdivisions any more (GB-ENG, GB-NIR, GB-SCT, GB-WLS are gone);
 * - CG (Republic of the Congo) is no longer listed under GEO-AF;
 * - UA has a child "Region of Crimea", published without a code. Its code is not known, so it
 *   is left out (the stricter reading: a geoMapping naming it is refused).
 *
 * Renamings (MK "North Macedonia", TR "Türkiye") change no code. WORLD is written `*` in plan
 * spelling. The mock backend serves this hierarchy; plans against Azure read the live one.
 */

export const WORLD = 'WORLD';

/** Regional group code → name and member countries (ISO 3166-1 alpha-2, plus XE XJ XK XS). */
export const AZURE_GROUPS: Readonly<Record<string, { readonly name: string; readonly countries: string }>> = {
  'GEO-EU': {
    name: 'Europe',
    countries:
      'AD AL AT AX BA BE BG BY CH CY CZ DE DK EE ES FI FO FR GB GG GI GR HR HU IE IM IS IT JE LI LT LU LV MC MD ME MK ' +
      'MT NL NO PL PT RO RS RU SE SI SJ SK SM UA VA XJ XK',
  },
  'GEO-ME': { name: 'Middle East', countries: 'AE BH IL IQ IR JO KW LB OM PS QA SY SA TR YE' },
  'GEO-NA': {
    name: 'North America / Central America / Caribbean',
    countries:
      'AG AI AW BB BL BM BQ BS BZ CA CR CU CW DM DO GD GL GP GT HN HT JM KN KY LC MF MQ MS MX NI PA PM PR SV SX TC TT ' +
      'UM US VC VG VI XE XS',
  },
  'GEO-AS': {
    name: 'Asia',
    countries:
      'AF AM AZ BD BN BT CC CN CX GE HK ID IN IO JP KG KH KP KR KZ LA LK MM MN MO MV MY NP PH PK SG TH TJ TL TM TW UZ VN',
  },
  'GEO-AF': {
    name: 'Africa',
    countries:
      'AO BF BI BJ BV BW CD CF CI CM CV DJ DZ EG ER ET GA GH GM GN GQ GW KE KM LR LS LY MA MG ML MR MU MW MZ NA NE NG ' +
      'RE RW SC SD SH SL SN SO SS ST SZ TD TF TG TN TZ UG YT ZA ZM ZW',
  },
  'GEO-AN': { name: 'Antarctica', countries: 'AQ' },
  'GEO-SA': { name: 'South America', countries: 'AR BO BR CL CO EC FK GF GS GY PE PY SR UY VE' },
  'GEO-AP': {
    name: 'Australia / Pacific',
    countries: 'AS AU CK FJ FM GU HM KI MH MP NC NF NR NU NZ PF PG PN PW SB TK TO TV VU WF WS',
  },
};

/** States and provinces, as `<country>-<code>` → name. */
export const AZURE_SUBDIVISIONS: Readonly<Record<string, string>> = {
  'CA-AB': 'Alberta',
  'CA-BC': 'British Columbia',
  'CA-MB': 'Manitoba',
  'CA-NB': 'New Brunswick',
  'CA-NL': 'Newfoundland and Labrador',
  'CA-NS': 'Nova Scotia',
  'CA-NT': 'Northwest Territories',
  'CA-NU': 'Nunavut',
  'CA-ON': 'Ontario',
  'CA-PE': 'Prince Edward Island',
  'CA-QC': 'Québec',
  'CA-SK': 'Saskatchewan',
  'CA-YT': 'Yukon Territory',
  ...Object.fromEntries(
    (
      'AK AL AR AZ CA CO CT DC DE FL GA HI IA ID IL IN KS KY LA MA MD ME MI MN MO MS MT NC ND NE NH NJ NM NV NY OH ' +
      'OK OR PA RI SC SD TN TX UT VA VT WA WI WV WY'
    )
      .split(' ')
      .map((state) => [`US-${state}`, `US-${state}`]),
  ),
  'AU-ACT': 'Australian Capital Territory',
  'AU-NSW': 'New South Wales',
  'AU-NT': 'Northern Territory',
  'AU-QLD': 'Queensland',
  'AU-SA': 'South Australia',
  'AU-TAS': 'Tasmania',
  'AU-VIC': 'Victoria',
  'AU-WA': 'Western Australia',
};

/** A node of the hierarchy as the `trafficManagerGeographicHierarchies/default` resource returns it. */
export interface GeoRegionNode {
  readonly code: string;
  readonly name: string;
  readonly regions: readonly GeoRegionNode[];
}

/**
 * The published hierarchy as a tree. `nameOf` names countries and US states (the caller's
 * catalog); groups, Canadian and Australian subdivisions carry Microsoft's names.
 */
export function azureHierarchyTree(nameOf: (code: string) => string | undefined = () => undefined): GeoRegionNode {
  const subdivisionsOf = (country: string) =>
    Object.entries(AZURE_SUBDIVISIONS)
      .filter(([code]) => code.startsWith(`${country}-`))
      .map(([code, name]) => ({ code, name: nameOf(code) ?? name, regions: [] }));
  return {
    code: WORLD,
    name: 'World',
    regions: Object.entries(AZURE_GROUPS).map(([code, group]) => ({
      code,
      name: group.name,
      regions: group.countries.split(' ').map((country) => ({
        code: country,
        name: nameOf(country) ?? country,
        regions: subdivisionsOf(country),
      })),
    })),
  };
}

/** A hierarchy (as the API returns it) as a list: every node with its parent, WORLD as `*`. */
export function azureGeoList(source: string, root: GeoRegionNode): GeoList {
  const entries: GeoListEntry[] = [];
  const visit = (node: GeoRegionNode, parent: string | undefined) => {
    const code = node.code === WORLD ? DEFAULT_CODE : node.code;
    entries.push(parent === undefined ? { code, name: node.name } : { code, name: node.name, parent });
    for (const child of node.regions) visit(child, code);
  };
  visit(root, undefined);
  return makeGeoList('azure', source, entries);
}

/** The published hierarchy as a list, as the mock serves it. */
export const AZURE_DOCUMENTED_GEO_LIST: GeoList = azureGeoList('azure documented hierarchy', azureHierarchyTree());

const chains = new WeakMap<GeoList, Map<string, readonly string[]>>();

/**
 * The geoMapping codes that cover a user location under a hierarchy, most specific first, in
 * Traffic Manager spelling: `US-CA` → [US-CA, US, GEO-NA, WORLD]. A subdivision the hierarchy
 * does not list is covered from its country on; a country it does not list by WORLD only
 * (Traffic Manager cannot place it in a regional group).
 */
export function azureCoverage(list: GeoList, location: string): readonly string[] {
  let byLocation = chains.get(list);
  if (byLocation === undefined) {
    byLocation = new Map();
    chains.set(list, byLocation);
  }
  const code = location.toUpperCase();
  let chain = byLocation.get(code);
  if (chain === undefined) {
    chain = Object.freeze(coverageOf(geoCodes(list), code));
    byLocation.set(code, chain);
  }
  return chain;
}

function coverageOf(codes: GeoCodes, code: string): string[] {
  if (code === WORLD || code === DEFAULT_CODE) return [WORLD];
  const dash = code.indexOf('-');
  const start = codes.has(code) ? code : dash > 0 && !code.startsWith('GEO-') ? code.slice(0, dash) : code;
  const chain = codes.ancestry(start).map((entry) => (entry === DEFAULT_CODE ? WORLD : entry));
  return chain.includes(WORLD) ? chain : [...chain, WORLD];
}
