/** The continent codes DNS geolocation uses (Route 53 `ContinentCode`). */
export const CONTINENTS: Readonly<Record<string, string>> = {
  AF: 'Africa',
  AN: 'Antarctica',
  AS: 'Asia',
  EU: 'Europe',
  NA: 'North America',
  OC: 'Oceania',
  SA: 'South America',
};

export function isContinent(code: string): boolean {
  return Object.hasOwn(CONTINENTS, code);
}
