/**
 * Jurisdiction groups a sovereignty rule can name: every ISO 3166-1 territory where the group's
 * law applies, and none where it does not. A group is the territory its law covers, not a list of
 * member states: the GDPR protects a user in Réunion or Åland exactly as one in Paris or Helsinki.
 * Membership is checked in by hand because no maintained data package tracks it; every entry (and
 * every territory deliberately left out) cites its legal basis. `test/geo/catalog.test.ts` pins
 * the lists.
 */
export interface Territory {
  /** ISO 3166-1 alpha-2 code. */
  readonly code: string;
  /** Why the group's law applies (or, in the exclusions, does not). */
  readonly basis: string;
  readonly source: string;
}

const EU_STATES_SOURCE = 'https://european-union.europa.eu/principles-countries-history/eu-countries_en';
const TFEU_349 = 'https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:12016E349';
const TFEU_355 = 'https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:12016E355';
const TFEU_ANNEX_II = 'https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:12016E/ANX';
const EEA_126 =
  'https://www.efta.int/sites/default/files/documents/legal-texts/eea/the-eea-agreement/Main%20Text%20of%20the%20Agreement/EEAagreement.pdf';
const EEA_ALAND = 'https://verdragen.nl/en/Treaty/Details/004981_p.html';
const EEA_PROTOCOL_40 =
  'https://www.efta.int/sites/default/files/documents/legal-texts/eea/the-eea-agreement/Protocols%20to%20the%20Agreement/protocol40.pdf';
const EFTA_STATES_SOURCE = 'https://www.efta.int/about-efta/the-efta-states';

/** The 27 member states (unchanged since the UK left on 2020-01-31; checked 2026-11). */
export const EU_MEMBERS = [
  ...['AT', 'BE', 'BG', 'CY', 'CZ', 'DE', 'DK', 'EE', 'ES', 'FI', 'FR', 'GR', 'HR', 'HU'],
  ...['IE', 'IT', 'LT', 'LU', 'LV', 'MT', 'NL', 'PL', 'PT', 'RO', 'SE', 'SI', 'SK'],
] as const;

/**
 * Territories of member states with ISO codes of their own where the Treaties apply. The other
 * outermost regions (Azores, Madeira, Canary Islands) and Ceuta and Melilla have no ISO 3166-1
 * code of their own (only IC and EA, exceptionally reserved and not targetable by DNS): their
 * users are inside PT and ES.
 */
export const EU_TERRITORIES: readonly Territory[] = [
  { code: 'GF', basis: 'French Guiana, outermost region (TFEU Art. 349, 355(1))', source: TFEU_349 },
  { code: 'GP', basis: 'Guadeloupe, outermost region (TFEU Art. 349, 355(1))', source: TFEU_349 },
  { code: 'MQ', basis: 'Martinique, outermost region (TFEU Art. 349, 355(1))', source: TFEU_349 },
  { code: 'RE', basis: 'Réunion, outermost region (TFEU Art. 349, 355(1))', source: TFEU_349 },
  { code: 'YT', basis: 'Mayotte, outermost region since 2014 (TFEU Art. 349, 355(1))', source: TFEU_349 },
  { code: 'MF', basis: 'Saint-Martin, outermost region (TFEU Art. 349, 355(1))', source: TFEU_349 },
  {
    code: 'AX',
    basis:
      'Åland Islands, part of Finland; the Treaties apply under Protocol 2 of the 1994 Act of Accession (TFEU Art. 355(4))',
    source: TFEU_355,
  },
];

/** Territories of member states, or near them, where EU law does not apply: kept out of EU and EEA. */
export const EU_EXCLUDED: readonly Territory[] = [
  { code: 'FO', basis: 'Faroe Islands: the Treaties do not apply (TFEU Art. 355(5)(a))', source: TFEU_355 },
  ...['GL', 'NC', 'PF', 'WF', 'PM', 'TF', 'BL', 'AW', 'CW', 'SX', 'BQ'].map((code) => ({
    code,
    basis: 'overseas country or territory (TFEU Annex II): association arrangements only (Art. 355(2))',
    source: TFEU_ANNEX_II,
  })),
  { code: 'GI', basis: 'Gibraltar: EU law ceased to apply when the UK left on 2020-01-31', source: TFEU_355 },
  ...['GB', 'IM', 'JE', 'GG'].map((code) => ({
    code,
    basis: 'United Kingdom and Crown Dependencies: outside the EU since 2020-01-31',
    source: EU_STATES_SOURCE,
  })),
  ...['AD', 'MC', 'SM', 'VA', 'CH'].map((code) => ({
    code,
    basis: 'not a member state and not in the EEA (bilateral agreements only)',
    source: EU_STATES_SOURCE,
  })),
  {
    code: 'SJ',
    basis: 'Svalbard and Jan Mayen: the EEA Agreement does not apply to Svalbard (EEA Protocol 40)',
    source: EEA_PROTOCOL_40,
  },
  {
    code: 'BV',
    basis:
      'Bouvet Island: a Norwegian dependency, not part of the Kingdom of Norway the EEA Agreement covers (Art. 126)',
    source: EEA_126,
  },
];

/** The EEA states outside the EU (EEA Agreement Art. 126(1)). */
export const EEA_EFTA_STATES = ['IS', 'LI', 'NO'] as const;

export const EFTA_MEMBERS = ['CH', 'IS', 'LI', 'NO'] as const;

const EU_TERRITORY_CODES = EU_TERRITORIES.map((t) => t.code);

/**
 * Every group with its territories. EU: the member states and the territories above. EEA: the EU
 * territory (Art. 126(1) applies the Agreement wherever the EC Treaty applies; Finland extended it
 * to Åland from 1994-01-01) plus Iceland, Liechtenstein and Norway. EFTA: the four EFTA states
 * (a trade association; it has no common law of its own for dependencies).
 */
export const JURISDICTION_GROUPS: Readonly<Record<string, readonly string[]>> = {
  EU: [...EU_MEMBERS, ...EU_TERRITORY_CODES],
  EEA: [...EU_MEMBERS, ...EU_TERRITORY_CODES, ...EEA_EFTA_STATES],
  EFTA: EFTA_MEMBERS,
};

/** The source for each group's list, for `regions` and the docs. */
export const JURISDICTION_SOURCES: Readonly<Record<string, readonly string[]>> = {
  EU: [EU_STATES_SOURCE, TFEU_349, TFEU_355],
  EEA: [EEA_126, EEA_ALAND, TFEU_355],
  EFTA: [EFTA_STATES_SOURCE],
};

export function isJurisdictionGroup(name: string): boolean {
  return Object.hasOwn(JURISDICTION_GROUPS, name);
}
