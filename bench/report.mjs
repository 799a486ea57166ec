// Tables for the terminal. Every figure stands next to the baseline measured in the same run.
import { table } from './stats.mjs';

export function formatStartup(rows, anatomy, bundled) {
  const lines = [
    'Start-up: wall time of the whole process, alternating runs with `node -e 0` (ms; delta and ratio are medians of the per-pair values)',
    table(rows, ['command', 'runs', 'baselineMs', 'medianMs', 'deltaMs', 'ratio', 'goal', 'meets']),
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
      `The shipped bundle (${bundled.bundler}, ${bundled.files} chunks in dist/cli-bundle/) against the unbundled tsc output (dist/cli/main.js) as baseline`,
      table(bundled.rows, ['command', 'runs', 'baselineMs', 'medianMs', 'deltaMs', 'ratio']),
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
