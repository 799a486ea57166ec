import type { ReactElement } from 'react';
import type { CliIo } from '../../io/io.js';
import type { ViewOptions } from '../../io/result.js';
import { routeWaits } from '../../io/wait-route.js';
import type { PlanDocument } from '../../plan/types.js';
import type { Splits } from '../../solve/types.js';
import { shouldColor } from '../text/colors.js';
import type { LiveProgress } from './apply-live.js';

/*
 * The one place that chooses between the terminal UI and plain text, and the only door to ink and
 * React: everything behind it is imported dynamically, so `--json` runs and pipes never load them
 * (a test pins this). Nothing here may import 'ink', 'react' or a .tsx module statically.
 */

type Stream = CliIo['stdout'];

/** The terminal UI is for a person at a terminal: stdout is a TTY and no machine format was asked. */
export function isInteractive(out: Stream, flags: { readonly json?: boolean | undefined }): boolean {
  return flags.json !== true && out.isTTY === true;
}

export function viewOptions(
  out: Stream,
  env: CliIo['env'],
  flags: { readonly color?: boolean | undefined },
): ViewOptions {
  return { color: shouldColor(out.isTTY, env, flags.color !== false), columns: columnsOf(out) };
}

function columnsOf(out: Stream): number {
  const columns = (out as { readonly columns?: unknown }).columns;
  // A pseudo-terminal nobody sized reports 0 columns.
  return typeof columns === 'number' && columns > 0 ? columns : 80;
}

/** Renders a view once, as text: for output that is complete when printed (plan, splits). */
export async function printView(
  out: Stream,
  view: (options: ViewOptions) => Promise<ReactElement>,
  options: ViewOptions,
): Promise<void> {
  const [{ renderToString }, element] = await Promise.all([import('ink'), view(options)]);
  out.write(`${renderToString(element, { columns: options.columns })}\n`);
}

export function splitsView(splits: Splits, view: { readonly geos: readonly string[]; readonly limit: number }) {
  return async (options: ViewOptions) => (await import('./views.js')).splitsElement(splits, view, options);
}

export function planView(plan: PlanDocument, splits: Splits, savedTo?: string, all = false) {
  return async (options: ViewOptions) => (await import('./views.js')).planElement(plan, splits, options, savedTo, all);
}

/** Apply's live progress on stderr, or undefined where the plain progress lines are right. */
export async function liveProgress(
  io: CliIo,
  flags: { readonly json?: boolean | undefined; readonly color?: boolean | undefined },
  providers: readonly string[],
): Promise<LiveProgress | undefined> {
  const stream = io.stderr as Partial<NodeJS.WriteStream>;
  if (!isInteractive(io.stdout, flags) || stream.isTTY !== true || typeof stream.on !== 'function') return undefined;
  const { startLiveProgress } = await import('./apply-live.js');
  const live = startLiveProgress(stream as NodeJS.WriteStream, providers, {
    color: viewOptions(io.stderr, io.env, flags).color,
    now: () => io.now(),
  });
  // Waits reported outside the writes (the journal's reads, the lease's renewal) join the view
  // rather than tear its frame with a line of their own.
  const unroute = routeWaits(io.stderr, (event: Parameters<NonNullable<typeof live.events.onWait>>[0]) =>
    live.events.onWait?.(event),
  );
  return {
    events: live.events,
    close: async (failed) => {
      unroute();
      await live.close(failed);
    },
  };
}

/**
 * Gives the process's own io a confirmation prompt when a person can answer it: stdin is the
 * terminal. The question goes to stdout when that is the terminal too, else to stderr, so
 * `apply | tee apply.log` still asks. Injected io (tests, embedding) keeps what it was given.
 */
export function withTerminalConfirm(io: CliIo, color: boolean): CliIo {
  if (io.confirm !== undefined || io.stdout !== process.stdout) return io;
  if (process.stdin.isTTY !== true) return io;
  const out = process.stdout.isTTY === true ? process.stdout : process.stderr;
  return {
    ...io,
    confirm: async (question) =>
      (await import('./confirm.js')).askInTerminal(question, color && out.isTTY === true, out),
  };
}
