import { TrafficportError } from '../errors.js';
import { parseMoment } from '../inputs/moment.js';
import { loadSolveInputs, type SolveFlags } from '../inputs/solve-inputs.js';
import { ExitCode } from '../io/exit-codes.js';
import type { CliIo } from '../io/io.js';
import type { CommandResult } from '../io/result.js';
import { formatInstant } from '../policy/time.js';
import { providerHealthReader } from '../publish/provider-health.js';
import { solve } from '../solve/solve.js';
import { serviceEvents } from '../solve/timeline.js';
import { styles } from '../ui/text/colors.js';
import { selectServices } from './select.js';

export interface TimelineFlags extends SolveFlags {
  readonly from?: string;
  readonly to?: string;
  readonly service?: string;
}

export interface TimelineStep {
  readonly at: string;
  readonly events: readonly { window: string; phase: string; endpoints: readonly string[]; drained: number }[];
  /** Share of the service's traffic per endpoint from this moment on, percent. */
  readonly endpoints: Readonly<Record<string, number>>;
}

/** Longest interval one timeline covers, so a typo in --to cannot ask for years of steps. */
const MAX_SPAN_MS = 366 * 24 * 3600 * 1000;

export async function runTimeline(file: string, flags: TimelineFlags, io: CliIo): Promise<CommandResult> {
  const inputs = await loadSolveInputs(file, flags, io, providerHealthReader(io, {}));
  const from = parseMoment(flags.from ?? 'now', io.now(), '--from');
  const to = parseMoment(flags.to ?? '+7d', io.now(), '--to');
  if (to <= from)
    throw new TrafficportError('USAGE.BAD_INTERVAL', '--to must be later than --from', {
      hint: 'e.g. --from now --to +7d',
    });
  if (to - from > MAX_SPAN_MS)
    throw new TrafficportError('USAGE.BAD_INTERVAL', 'the interval is longer than 366 days', {
      hint: 'ask for a shorter interval',
    });
  const options = { ...inputs.options, skipNextChange: true };
  const services = selectServices(solve(inputs.policy, from, options), flags.service).services.map((service) => {
    const events = serviceEvents(inputs.policy, service.service, from, to);
    const moments = [from, ...new Set(events.map((e) => e.at).filter((t) => t > from))];
    const steps: TimelineStep[] = moments.map((moment) => {
      const split = solve(inputs.policy, moment, options).services.find((s) => s.service === service.service)!;
      return {
        at: formatInstant(moment),
        events: events
          .filter((e) => e.at === moment)
          .map((e) => ({ window: e.window, phase: e.phase, endpoints: e.endpoints, drained: e.fraction })),
        endpoints: Object.fromEntries(split.endpoints.map((e) => [e.id, e.share])),
      };
    });
    return { service: service.service, ttl: service.ttl, steps };
  });
  const json = { version: 1, from: formatInstant(from), to: formatInstant(to), services };
  return {
    exitCode: ExitCode.OK,
    json: () => json,
    human: ({ color }) => {
      const s = styles(color);
      const lines = [`${s.bold('timeline')} ${json.from} → ${json.to}`];
      for (const service of services) {
        lines.push('', `${s.bold(service.service)} ${s.dim(`(ttl ${service.ttl}s)`)}`);
        if (service.steps.length === 1) lines.push(s.dim('  no maintenance changes in this interval'));
        for (const step of service.steps) {
          const what =
            step.events.length === 0
              ? s.dim('current split')
              : step.events
                  .map(
                    (e) =>
                      `${e.window}: ${e.endpoints.join(', ')} ${e.phase} (${Math.round(e.drained * 100)}% drained)`,
                  )
                  .join('; ');
          const split = Object.entries(step.endpoints)
            .map(([id, share]) => `${id} ${share}%`)
            .join(' · ');
          lines.push(`  ${step.at}  ${what}`, `  ${' '.repeat(step.at.length)}  ${s.dim(split)}`);
        }
      }
      return `${lines.join('\n')}\n`;
    },
  };
}
