/**
 * Jurisdiction groups a sovereignty rule can name. Membership is checked in by hand because no
 * maintained data package tracks it; each list cites its source.
 *
 * - EU: the 27 member states. Source: https://european-union.europa.eu/principles-countries-history/eu-countries_en
 *   (checked 2026-11; unchanged since the UK left on 2020-01-31).
 * - EEA: the EU plus Iceland, Liechtenstein and Norway (the area where the GDPR applies).
 *   Source: https://www.efta.int/eea/eea-agreement
 * - EFTA: Iceland, Liechtenstein, Norway and Switzerland. Source: https://www.efta.int/about-efta/the-efta-states
 */
export const EU_MEMBERS = [
  'AT',
  'BE',
  'BG',
  'CY',
  'CZ',
  'DE',
  'DK',
  'EE',
  'ES',
  'FI',
  'FR',
  'GR',
  'HR',
  'HU',
  'IE',
  'IT',
  'LT',
  'LU',
  'LV',
  'MT',
  'NL',
  'PL',
  'PT',
  'RO',
  'SE',
  'SI',
  'SK',
] as const;

export const EFTA_MEMBERS = ['CH', 'IS', 'LI', 'NO'] as const;

export const JURISDICTION_GROUPS: Readonly<Record<string, readonly string[]>> = {
  EU: EU_MEMBERS,
  EEA: [...EU_MEMBERS, 'IS', 'LI', 'NO'],
  EFTA: EFTA_MEMBERS,
};

export function isJurisdictionGroup(name: string): boolean {
  return Object.hasOwn(JURISDICTION_GROUPS, name);
}
