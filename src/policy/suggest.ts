/**
 * The candidate closest to `value`, when it is close enough to be what the user meant:
 * a case-only difference, or an edit distance of at most a third of the length (minimum 1).
 * Swapped neighbours count as one edit, since that is the commonest typo (`az-wue`).
 */
export function closestMatch(value: string, candidates: Iterable<string>): string | undefined {
  const lower = value.toLowerCase();
  // Ties go to a candidate that is a prefix or an extension of the value (`EUR` → `EU`, not `ER`;
  // `DEU` → `DE`), then to the alphabetically first.
  const related = (candidate: string): boolean => {
    const c = candidate.toLowerCase();
    return lower.startsWith(c) || c.startsWith(lower);
  };
  const better = (candidate: string, best: string): boolean =>
    related(candidate) === related(best) ? candidate < best : related(candidate);
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  const limit = Math.max(1, Math.floor(value.length / 3));
  for (const candidate of candidates) {
    if (candidate.toLowerCase() === lower) return candidate;
    // The distance is at least the difference in length: a candidate that far off can never be
    // suggested, and skipping it keeps a megabyte-long value from costing minutes.
    if (Math.abs(candidate.length - value.length) > limit) continue;
    const d = editDistance(lower, candidate.toLowerCase());
    if (d < bestDistance || (d === bestDistance && best !== undefined && better(candidate, best))) {
      best = candidate;
      bestDistance = d;
    }
  }
  return bestDistance <= limit ? best : undefined;
}

export function didYouMean(value: string, candidates: Iterable<string>): string | undefined {
  const match = closestMatch(value, candidates);
  return match === undefined ? undefined : `did you mean '${match}'?`;
}

/** Optimal string alignment distance: insertions, deletions, substitutions, transpositions. */
export function editDistance(a: string, b: string): number {
  let previous2: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, previous2[j - 2]! + 1);
      current.push(d);
    }
    previous2 = previous;
    previous = current;
  }
  return previous[b.length]!;
}
