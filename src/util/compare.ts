/**
 * Orders strings by UTF-16 code units: the same on every machine, unlike localeCompare, which
 * depends on the ICU data Node was built with. Plans must be byte-identical everywhere.
 */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
