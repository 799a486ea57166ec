import type { Endpoint } from '../policy/types.js';
import { compareText } from '../render/route53-names.js';
import { endpointValues, type RecordType } from '../render/route53-type.js';
import { integerWeights, ROUTE53_WEIGHTS } from '../render/weights.js';
import type { ServiceSplit } from '../solve/types.js';
import type { Route53GeoAnswer } from './route53.js';

/**
 * Published answers against the plan. Weights are integers 0–255, so a published split can
 * differ from the plan by the rounding `integerWeights` cannot avoid; the tolerance for each
 * geography is exactly that error (recomputed from the plan's shares) plus 1e-9 for floating
 * point. A geography is also wrong, whatever the numbers, when it gets no answer, when an
 * endpoint with share 0 (drained, down, forbidden) answers, or when an answer matches no endpoint.
 */

/**
 * One constant bound for callers that need a single figure: weights at total 255 are always
 * among the candidates, and there each share is off by less than 1/255 (≈ 0.39 points).
 * Only vectors with several positive shares below 1/255 can exceed it (each must get weight 1).
 */
export const ROUTE53_TOLERANCE = 1 / 255;

export interface Route53Deviation {
  readonly type: string;
  readonly geo: string;
  /** Largest |published − planned| over endpoints, as a fraction. */
  readonly deviation: number;
  readonly tolerance: number;
  readonly problems: readonly string[];
  readonly ok: boolean;
}

export function compareRoute53WithPlan(
  answers: readonly Route53GeoAnswer[],
  split: ServiceSplit,
  endpoints: readonly Endpoint[],
): Route53Deviation[] {
  const byGeo = new Map(split.geographies.map((geography) => [geography.geo, geography.shares]));
  const result: Route53Deviation[] = [];
  for (const answer of answers) {
    const shares = byGeo.get(answer.geo);
    if (shares === undefined) continue;
    const vector = plannedShares(shares, answer.type, endpoints);
    // No endpoint of this type has a share here: rendering reported it as a degradation.
    if (vector === undefined) continue;
    result.push(deviationOf(answer, toFractions(vector), roundingTolerance(vector)));
  }
  return result;
}

/**
 * The plan's shares (percent) of the endpoints that can answer this type, in endpoint-id order:
 * exactly the vector the renderer rounds. Undefined when none of them has a share.
 */
export function plannedShares(
  shares: Readonly<Record<string, number>>,
  type: string,
  endpoints: readonly Endpoint[],
): Record<string, number> | undefined {
  const eligible = endpoints
    .filter((endpoint) => endpointValues(endpoint, type as RecordType).length > 0)
    .sort((a, b) => compareText(a.id, b.id));
  const vector = Object.fromEntries(eligible.map((endpoint) => [endpoint.id, shares[endpoint.id] ?? 0]));
  return Object.values(vector).some((share) => share > 0) ? vector : undefined;
}

/** The same shares as fractions of one (renormalized over the eligible endpoints). */
export function plannedFractions(
  shares: Readonly<Record<string, number>>,
  type: string,
  endpoints: readonly Endpoint[],
): Record<string, number> | undefined {
  const vector = plannedShares(shares, type, endpoints);
  return vector === undefined ? undefined : toFractions(vector);
}

function toFractions(vector: Readonly<Record<string, number>>): Record<string, number> {
  const total = Object.values(vector).reduce((sum, share) => sum + Math.max(0, share), 0);
  return Object.fromEntries(Object.entries(vector).map(([id, share]) => [id, Math.max(0, share) / total]));
}

/**
 * The error the renderer's integer weights leave for this share vector: `integerWeights` run on
 * the very vector the renderer rounds (same values, same order, so the same floating point).
 */
export function roundingTolerance(shares: Readonly<Record<string, number>>): number {
  const values = Object.values(shares);
  const fractions = Object.values(toFractions(shares));
  const weights = integerWeights(values, ROUTE53_WEIGHTS);
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  const error = Math.max(...weights.map((weight, i) => Math.abs(weight / total - fractions[i]!)));
  return error + 1e-9;
}

function deviationOf(
  answer: Route53GeoAnswer,
  expected: Readonly<Record<string, number>>,
  tolerance: number,
): Route53Deviation {
  const problems: string[] = [];
  const published = answer.distribution;
  if (Object.keys(published).length === 0) problems.push('no answer');
  const ids = new Set([...Object.keys(expected), ...Object.keys(published)]);
  let deviation = 0;
  for (const id of ids) {
    const got = published[id] ?? 0;
    const want = expected[id] ?? 0;
    deviation = Math.max(deviation, Math.abs(got - want));
    if (got > 0 && id.startsWith('?')) problems.push(`answers ${id.slice(1)}, which is no endpoint's`);
    else if (got > 0 && want === 0) problems.push(`${id} answers ${(got * 100).toFixed(2)}% but has share 0`);
  }
  if (deviation > tolerance) {
    problems.push(`off by ${(deviation * 100).toFixed(2)} points (tolerance ${(tolerance * 100).toFixed(2)})`);
  }
  return { type: answer.type, geo: answer.geo, deviation, tolerance, problems, ok: problems.length === 0 };
}
