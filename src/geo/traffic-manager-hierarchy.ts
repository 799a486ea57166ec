/**
 * The country/region hierarchy Traffic Manager's Geographic routing uses: WORLD → regional
 * groupings (GEO-xx) → ISO 3166-1 countries → some states/provinces. Source: Azure docs "Country/
 * Region hierarchy used by Azure Traffic Manager for geographic traffic routing method"
 * (traffic-manager-geographic-regions); the live list is also served by
 * GET /providers/Microsoft.Network/trafficManagerGeographicHierarchies/default. Note the groupings
 * differ from continents: GEO-ME (Middle East) and GEO-AP (Australia / Pacific) exist, and e.g.
 * TR and RU sit in GEO-ME and GEO-EU.
 */

export const WORLD = 'WORLD';

const GROUPS: Readonly<Record<string, { readonly name: string; readonly countries: string }>> = {
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
      'AO BF BI BJ BV BW CD CF CG CI CM CV DJ DZ EG ER ET GA GH GM GN GQ GW KE KM LR LS LY MA MG ML MR MU MW MZ NA NE ' +
      'NG RE RW SC SD SH SL SN SO SS ST SZ TD TF TG TN TZ UG YT ZA ZM ZW',
  },
  'GEO-AN': { name: 'Antarctica', countries: 'AQ' },
  'GEO-SA': { name: 'South America', countries: 'AR BO BR CL CO EC FK GF GS GY PE PY SR UY VE' },
  'GEO-AP': {
    name: 'Australia / Pacific',
    countries: 'AS AU CK FJ FM GU HM KI MH MP NC NF NR NU NZ PF PG PN PW SB TK TO TV VU WF WS',
  },
};

/** States/provinces Traffic Manager can target, as `<country>-<code>`. */
const SUBDIVISIONS: Readonly<Record<string, string>> = {
  GB: 'ENG NIR SCT WLS',
  CA: 'AB BC MB NB NL NS NT NU ON PE QC SK YT',
  US:
    'AK AL AR AZ CA CO CT DC DE FL GA HI IA ID IL IN KS KY LA MA MD ME MI MN MO MS MT NC ND NE NH NJ NM NV NY OH OK OR ' +
    'PA RI SC SD TN TX UT VA VT WA WI WV WY',
  AU: 'ACT NSW NT QLD SA TAS VIC WA',
};

const GROUP_OF_COUNTRY: ReadonlyMap<string, string> = new Map(
  Object.entries(GROUPS).flatMap(([group, { countries }]) => countries.split(' ').map((code) => [code, group])),
);

const SUBDIVISION_CODES: ReadonlySet<string> = new Set(
  Object.entries(SUBDIVISIONS).flatMap(([country, codes]) => codes.split(' ').map((code) => `${country}-${code}`)),
);

export const GEO_REGION_GROUPS: readonly string[] = Object.keys(GROUPS);

/** Whether `code` is a value Traffic Manager accepts in `geoMapping`. */
export function isGeoMappingCode(code: string): boolean {
  return code === WORLD || code in GROUPS || GROUP_OF_COUNTRY.has(code) || SUBDIVISION_CODES.has(code);
}

/**
 * The codes that cover a user location, most specific first: `US-CA` → [US-CA, US, GEO-NA, WORLD].
 * A location outside the hierarchy is covered by WORLD only.
 */
export function geoCoverageChain(location: string): readonly string[] {
  const code = location.toUpperCase();
  if (code === WORLD) return [WORLD];
  if (code in GROUPS) return [code, WORLD];
  const dash = code.indexOf('-');
  const country = dash > 0 ? code.slice(0, dash) : code;
  const group = GROUP_OF_COUNTRY.get(country);
  const chain: string[] = [];
  if (dash > 0 && SUBDIVISION_CODES.has(code)) chain.push(code);
  if (group !== undefined) chain.push(country, group);
  chain.push(WORLD);
  return chain;
}

export interface GeoRegionNode {
  readonly code: string;
  readonly name: string;
  readonly regions: readonly GeoRegionNode[];
}

/** The hierarchy as the `trafficManagerGeographicHierarchies/default` resource returns it (names = codes below group level). */
export function geographicHierarchy(): GeoRegionNode {
  return {
    code: WORLD,
    name: 'World',
    regions: Object.entries(GROUPS).map(([code, group]) => ({
      code,
      name: group.name,
      regions: group.countries.split(' ').map((country) => ({
        code: country,
        name: country,
        regions: (SUBDIVISIONS[country]?.split(' ') ?? []).map((sub) => ({
          code: `${country}-${sub}`,
          name: `${country}-${sub}`,
          regions: [],
        })),
      })),
    })),
  };
}
