import { distance } from 'fastest-levenshtein';

/**
 * The candidate closest to `value`, when it is close enough to be what the user meant:
 * a case-only difference, or an edit distance of at most a third of the length (minimum 1).
 * Ties go to a candidate that is a prefix or an extension of the value (`EUR` → `EU`, not `ER`;
 * `DEU` → `DE`), then to the alphabetically first.
 */
export function closestMatch(value: string, candidates: Iterable<string>): string | undefined {
  const lower = value.toLowerCase();
  const related = (candidate: string): boolean => {
    const c = candidate.toLowerCase();
    return lower.startsWith(c) || c.startsWith(lower);
  };
  const better = (candidate: string, best: string): boolean =>
    related(candidate) === related(best) ? candidate < best : related(candidate);
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    if (candidate.toLowerCase() === lower) return candidate;
    const d = distance(lower, candidate.toLowerCase());
    if (d < bestDistance || (d === bestDistance && best !== undefined && better(candidate, best))) {
      best = candidate;
      bestDistance = d;
    }
  }
  return bestDistance <= Math.max(1, Math.floor(value.length / 3)) ? best : undefined;
}

export function didYouMean(value: string, candidates: Iterable<string>): string | undefined {
  const match = closestMatch(value, candidates);
  return match === undefined ? undefined : `did you mean '${match}'?`;
}
