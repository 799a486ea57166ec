import { TrafficportError } from '../errors.js';
import { didYouMean } from '../policy/suggest.js';
import type { Splits } from '../solve/types.js';

/** Narrows the splits to one service when `--service` is given. */
export function selectServices(splits: Splits, service: string | undefined): Splits {
  if (service === undefined) return splits;
  const names = splits.services.map((s) => s.service);
  const wanted = service.toLowerCase().replace(/\.$/, '');
  if (!names.includes(wanted)) {
    throw new TrafficportError('USAGE.UNKNOWN_SERVICE', `--service: the policy has no service '${service}'`, {
      hint: didYouMean(wanted, names) ?? `services: ${names.join(', ')}`,
    });
  }
  return { ...splits, services: splits.services.filter((s) => s.service === wanted) };
}

/** Checks `--geo` values against the geographies of the splits, so a typo is refused rather than shown as nothing. */
export function checkGeographies(splits: Splits, geos: readonly string[]): void {
  const known = [...new Set(splits.services.flatMap((s) => s.geographies.map((g) => g.geo)))];
  for (const geo of geos) {
    if (!known.includes(geo)) {
      throw new TrafficportError('USAGE.UNKNOWN_GEOGRAPHY', `--geo: '${geo}' is not a geography of this policy`, {
        hint: didYouMean(geo, known) ?? 'give a country code (DE), a US state named in the policy (US-CA) or *',
      });
    }
  }
}
