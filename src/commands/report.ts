import { resolve } from 'node:path';
import type { Topology } from 'topojson-specification';
import { TrafficportError } from '../errors.js';
import { loadSolveInputs, type SolveFlags } from '../inputs/solve-inputs.js';
import { ExitCode } from '../io/exit-codes.js';
import type { CliIo } from '../io/io.js';
import type { CommandResult } from '../io/result.js';
import { writeFileAtomic } from '../io/write-file.js';
import { providerHealthReader } from '../publish/provider-health.js';
import { projectWorld } from '../report/atlas.js';
import { renderReportHtml } from '../report/html.js';
import { buildReportModel } from '../report/model.js';
import { solve } from '../solve/solve.js';
import { styles } from '../ui/text/colors.js';
import { selectServices } from './select.js';

export interface ReportFlags extends SolveFlags {
  readonly html: string;
  readonly service?: string;
  readonly colorBy?: string;
}

/** Width of the map's coordinate space; the page scales it to the window. */
const MAP_WIDTH = 960;

/** `report POLICY --html FILE`: the splits at a moment as one self-contained HTML page. */
export async function runReport(file: string, flags: ReportFlags, io: CliIo): Promise<CommandResult> {
  const colorBy = flags.colorBy ?? 'cloud';
  if (colorBy !== 'cloud' && colorBy !== 'endpoint') {
    throw new TrafficportError('USAGE.BAD_CHOICE', `--color-by '${colorBy}' is not cloud or endpoint`, {
      hint: 'use --color-by cloud (default) or --color-by endpoint',
    });
  }
  const inputs = await loadSolveInputs(file, flags, io, providerHealthReader(io, {}));
  const splits = selectServices(solve(inputs.policy, inputs.at, inputs.options), flags.service);
  const world = projectWorld(await loadWorldAtlas(), MAP_WIDTH);
  const model = buildReportModel({
    policy: inputs.policy,
    policyFile: file,
    splits,
    at: inputs.at,
    mapCodes: world.countries.flatMap((c) => (c.code === undefined ? [] : [c.code])),
    colorBy,
  });
  const html = renderReportHtml(model, world);
  // A report is for sharing (it holds no addresses or credentials), so it is world-readable.
  await writeFileAtomic(resolve(io.cwd, flags.html), html, { overwrite: true, mode: 0o644, what: 'the report' });
  const summary = {
    version: 1,
    file: flags.html,
    at: splits.at,
    bytes: Buffer.byteLength(html),
    services: model.services.map((s) => ({ service: s.split.service, countries: s.countries.size })),
    zones: model.zones.map((z) => ({ rule: z.name, countries: z.geographies.length })),
    windows: model.windows.length,
  };
  return {
    exitCode: ExitCode.OK,
    json: () => summary,
    human: ({ color }) => {
      const s = styles(color);
      const kb = Math.round(summary.bytes / 1024);
      return `${s.green('✓')} wrote ${s.bold(flags.html)} (${kb} KiB): ${summary.services.length} service map(s), ${summary.zones.length} sovereignty zone(s), ${summary.windows} maintenance window(s) in the next ${model.windowDays} days\n`;
    },
  };
}

/**
 * Natural Earth 1:110m countries, as world-atlas ships them. Imported, so the bundle carries the
 * 105 KB this command uses in its own lazy chunk and the package needs no world-atlas (8 MB) at run time.
 */
async function loadWorldAtlas(): Promise<Topology> {
  const atlas = await import('world-atlas/countries-110m.json', { with: { type: 'json' } });
  return atlas.default as unknown as Topology;
}
