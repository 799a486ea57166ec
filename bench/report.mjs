// Tables for the terminal. Every figure stands next to the baseline measured in the same run.
import { table } from './stats.mjs';

/** One row per command: CPU figures with their spread, then wall time, against bare node. */
function startupRows(rows) {
  return rows.map((r) => ({
    command: r.command,
    runs: r.runs,
    nodeCpu: r.cpu.baselineMs,
    cpu: r.cpu.medianMs,
    deltaCpu: r.cpu.deltaMs,
    'q1..q3': `${r.cpu.deltaQ1}..${r.cpu.deltaQ3}`,
    deltaMain: r.mainThreadCpu?.deltaMs ?? '-',
    nodeWall: r.wall.baselineMs,
    wall: r.wall.medianMs,
    deltaWall: r.wall.deltaMs,
    ...(r.goal === undefined ? {} : { goal: r.goal, meets: r.meets }),
  }));
}

const STARTUP_COLUMNS = [
  'command',
  'runs',
  'nodeCpu',
  'cpu',
  'deltaCpu',
  'q1..q3',
  'deltaMain',
  'nodeWall',
  'wall',
  'deltaWall',
];

export function formatStartupTable(rows) {
  return [
    'Start-up: CPU (user + system) and wall time of whole processes in ms, alternating runs with bare `node -e 0` (nodeCpu, nodeWall);',
    'deltas are medians of the per-pair differences, q1..q3 their quartiles; deltaMain: CPU of the main thread alone (Linux)',
    table(startupRows(rows), [...STARTUP_COLUMNS, 'goal', 'meets']),
  ].join('\n');
}

export function formatStartup(rows, anatomy, bundled) {
  const lines = [
    formatStartupTable(rows),
    '',
    'Where `plan` spends it (unbundled dist/): each layer imported on top of the previous ones, then the plan itself (median ms)',
    table(anatomy.layers, ['step', 'medianMs']),
    '',
    'Modules loaded (count / KB), largest packages first',
    table(
      anatomy.census.map((c) => ({
        command: c.command,
        modules: c.modules,
        kb: c.kb,
        largest: c.top
          .slice(0, 5)
          .map((g) => `${g.group} ${g.modules}/${g.kb}`)
          .join(', '),
      })),
      ['command', 'modules', 'kb', 'largest'],
    ),
  ];
  if (bundled.skipped) {
    lines.push('', `Bundle against unbundled: skipped (${bundled.skipped})`);
  } else {
    lines.push(
      '',
      `The shipped bundle (${bundled.bundler}, ${bundled.files} chunks in dist/cli-bundle/) against the unbundled tsc output (dist/cli/main.js) as the baseline (nodeCpu, nodeWall columns)`,
      table(startupRows(bundled.rows), STARTUP_COLUMNS),
    );
  }
  return lines.join('\n');
}

export function formatPublish({ estate, route53, azure, phases }) {
  return [
    `Publishing: ${estate.services} services over ${estate.zones} zones (policy loaded and solved in ${estate.loadAndSolveS} s)`,
    `  Route 53: ${route53.records} records (largest zone ${route53.largestZone}), rate limit ${route53.rateLimit.ratePerSecond}/s burst ${route53.rateLimit.burst}; render ${route53.renderS} s, diff ${route53.diffS} s`,
    `  Azure: ${azure.resources} resources (${azure.recordSets} record sets, ${azure.profiles} profiles), documented per-zone budgets; render ${azure.renderS} s, diff ${azure.diffS} s`,
    '  calls = calls served (throttled attempts apart); minimum = fewest calls for the change set; bound = time the rate limit needs for `calls`; ideal = for `minimum`',
    table(
      phases.map((p) => ({ ...p, wallRatio: p.wallRatio ?? '-', idealS: p.idealS ?? '-' })),
      [
        'provider',
        'phase',
        'outcome',
        'calls',
        'minimum',
        'callRatio',
        'throttled',
        'wallS',
        'mockS',
        'boundS',
        'wallRatio',
        'idealS',
      ],
    ),
    `  second plan: Route 53 only listing calls: ${route53.replanOnlyListing}, changes left: ${route53.replanChanges}; Azure only reads: ${azure.replanReadsOnly}, changes left: ${azure.replanChanges}`,
    `  the mocks' stock memory store would cost ${route53.stockStoreMsPerCall} ms per Route 53 call at this size (the benchmark shares state instead; see docs/performance.md)`,
    ...phases.filter((p) => p.error).map((p) => `  ${p.provider} ${p.phase}: ${p.error}`),
  ].join('\n');
}

export function formatMemory(rows) {
  return [
    'Memory: peak RSS of `trafficport plan --json` in its own process (Route 53 providers, mock on loopback); ratio against the one-service plan',
    table(
      rows.map((r) => ({ ...r, mockS: r.mockS ?? '-' })),
      ['plan', 'peakRssMb', 'ratio', 'wallS', 'mockS', 'goal', 'meets'],
    ),
  ].join('\n');
}
