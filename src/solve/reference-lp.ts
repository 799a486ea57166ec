import { type FlowInput, geoArcSpecs, PENALTY } from './flow-model.js';

const LP_SCALE = 1e6;

/**
 * The split problem of `solveFlow` written as a plain linear program (CPLEX LP format), with
 * capacity and balance as rows and slack columns rather than as a network. An exact LP solver's
 * optimum of this text must equal the engine's objective: tests and the benchmark check that
 * against HiGHS. `offset` converts between the two objectives (the network rewards meeting a
 * cloud minimum instead of penalizing the shortfall). With `hardCapacity`, capacities are
 * constraints: the LP is feasible exactly when some split respects every capacity.
 */
export function splitProblemAsLp(
  input: FlowInput,
  options: { hardCapacity?: boolean } = {},
): { lp: string; offset: number; scale: number } {
  const E = input.endpointCount;
  // Flows are written in millionths of all traffic: tiny countries' demand (1e-10) would sit
  // below an LP solver's feasibility tolerance otherwise. Divide the optimum by `scale`.
  const S = LP_SCALE;
  const objective: string[] = [];
  const rows: string[] = [];
  const bounds: string[] = [];
  const byEndpoint: string[][] = Array.from({ length: E }, () => []);
  for (let g = 0; g < input.geoCount; g++) {
    const d = input.demand[g]!;
    if (d <= 0) continue;
    const terms: string[] = [];
    for (const spec of geoArcSpecs(input, g)) {
      spec.segments.forEach((segment, i) => {
        const x = `x${g}_${spec.e}_${i}`;
        objective.push(`${signed(segment.cost)} ${x}`);
        bounds.push(` 0 <= ${x} <= ${segment.capacity * d * S}`);
        terms.push(x);
        byEndpoint[spec.e]!.push(x);
      });
    }
    rows.push(` demand${g}: ${terms.join(' + ')} = ${d * S}`);
  }
  for (let e = 0; e < E; e++) {
    const capacity = input.capacity[e]!;
    if (capacity === Number.POSITIVE_INFINITY || byEndpoint[e]!.length === 0) continue;
    if (options.hardCapacity) {
      rows.push(` cap${e}: ${byEndpoint[e]!.join(' + ')} <= ${capacity * S}`);
      continue;
    }
    objective.push(`+ ${PENALTY.CAPACITY} over${e}`);
    rows.push(` cap${e}: ${byEndpoint[e]!.join(' + ')} - over${e} <= ${capacity * S}`);
  }
  let offset = 0;
  for (const [cloud, { min, max }] of input.cloudBounds) {
    const members = input.clouds.flatMap((c, e) => (c === cloud ? byEndpoint[e]! : []));
    const lo = Math.max(0, Math.min(min, 1));
    const hi = Math.max(lo, Math.min(max, 1));
    if (lo > 0) {
      objective.push(`+ ${PENALTY.BALANCE} short_${cloud}`);
      rows.push(` min_${cloud}: ${[...members, `short_${cloud}`].join(' + ')} >= ${lo * S}`);
      offset += PENALTY.BALANCE * lo;
    }
    if (hi < 1 && members.length > 0) {
      objective.push(`+ ${PENALTY.BALANCE} excess_${cloud}`);
      rows.push(` max_${cloud}: ${members.join(' + ')} - excess_${cloud} <= ${hi * S}`);
    }
  }
  const lp = `Minimize\n obj: ${objective.join(' ')}\nSubject To\n${rows.join('\n')}\nBounds\n${bounds.join('\n')}\nEnd\n`;
  return { lp, offset, scale: S };
}

function signed(value: number): string {
  return value < 0 ? `- ${-value}` : `+ ${value}`;
}
