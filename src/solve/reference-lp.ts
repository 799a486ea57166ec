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

/** What an LP solver reports about an optimum: reduced costs of columns and prices of rows. */
export interface LpDuals {
  readonly Columns: Readonly<
    Record<string, { readonly Dual: number; readonly Lower?: number | null; readonly Upper?: number | null }>
  >;
  readonly Rows: readonly { readonly Name: string; readonly Dual: number }[];
}

/** Reduced costs within this much of zero (per unit of traffic) count as zero, as in stable.ts. */
const FACE_TOLERANCE = 1e-7;

/**
 * The LP of the least traffic any optimal split moves from `previous` (geo-major fractions),
 * built from an exact solver's optimum of `splitProblemAsLp(input)`: its duals fix the optimal
 * face (a column with a positive reduced cost at its lower bound, a negative one at its upper; a
 * row with a nonzero price tight), and the objective is the flow beyond `previous`, pair by pair.
 * Its optimum divided by `scale` is that least movement, as a fraction of all traffic: the
 * exact reference the engine's stable re-plans are checked against.
 */
export function leastMovementLp(input: FlowInput, previous: Float64Array, lp: string, duals: LpDuals): string {
  const E = input.endpointCount;
  const fixed = new Map<string, number>();
  for (const [name, column] of Object.entries(duals.Columns)) {
    if (column.Dual > FACE_TOLERANCE) fixed.set(name, column.Lower ?? 0);
    else if (column.Dual < -FACE_TOLERANCE && column.Upper !== null && column.Upper !== undefined)
      fixed.set(name, column.Upper);
  }
  const tight = new Set(duals.Rows.filter((row) => Math.abs(row.Dual) > FACE_TOLERANCE).map((row) => row.Name));
  const byPair = new Map<string, string[]>();
  for (const [name, g, e] of lp.matchAll(/x(\d+)_(\d+)_\d+/g)) {
    const key = `${g}_${e}`;
    const list = byPair.get(key) ?? [];
    if (!list.includes(name)) list.push(name);
    byPair.set(key, list);
  }
  const moved = [...byPair].map(([key, vars]) => {
    const [g, e] = key.split('_').map(Number) as [number, number];
    const before = (previous[g * E + e] ?? 0) * input.demand[g]! * LP_SCALE;
    return ` mv${key}: m${key} - ${vars.join(' - ')} >= ${-before}`;
  });
  const [, rest = ''] = lp.split('\nSubject To\n');
  const [rows = '', boundsAndEnd = ''] = rest.split('\nBounds\n');
  const faceRows = rows.split('\n').map((line) => {
    const name = /^ (\S+):/.exec(line)?.[1];
    return name !== undefined && tight.has(name) ? line.replace(/ (<=|>=) /, ' = ') : line;
  });
  const bounds = boundsAndEnd
    .replace(/\nEnd\n$/, '')
    .split('\n')
    .map((line) => {
      const name = / <= (\S+) <= /.exec(line)?.[1];
      return name !== undefined && fixed.has(name) ? ` ${name} = ${fixed.get(name)}` : line;
    });
  for (const [name, value] of fixed) if (!/^x\d/.test(name)) bounds.push(` ${name} = ${value}`);
  const objective = [...byPair.keys()].map((key) => `m${key}`).join(' + ');
  return `Minimize\n moved: ${objective}\nSubject To\n${[...faceRows, ...moved].join('\n')}\nBounds\n${bounds.join('\n')}\nEnd\n`;
}
