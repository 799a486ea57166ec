import { Box, Static, Text } from 'ink';
import type { ApplyProgressState, LogLine, ProviderProgress, WaitReason } from './apply-state.js';
import { formatCountdown } from './bars.js';
import { paint, type Tone } from './paint.js';

export interface ApplyProgressProps {
  readonly state: ApplyProgressState;
  /** The time the frame is drawn at, for countdowns (the view never reads the clock). */
  readonly now: number;
  readonly color: boolean;
}

const BAR_WIDTH = 16;

/** Finished lines are printed once, in order, above one live line per provider. */
export function ApplyProgress({ state, now, color }: ApplyProgressProps) {
  const live = state.providers.filter((p) => p.phase !== 'done' && p.phase !== 'failed');
  return (
    <>
      <Static items={[...state.log]}>{(line) => <FinishedLine key={line.id} line={line} color={color} />}</Static>
      <Box flexDirection="column">
        {live.map((provider) => (
          <ProviderLine key={provider.id} provider={provider} now={now} color={color} />
        ))}
      </Box>
    </>
  );
}

const MARK: Readonly<Record<LogLine['kind'], { symbol: string; tone: Tone }>> = {
  batch: { symbol: '✓', tone: 'ok' },
  step: { symbol: '⏸', tone: 'info' },
  done: { symbol: '✔', tone: 'ok' },
  failed: { symbol: '✗', tone: 'remove' },
};

function FinishedLine({ line, color }: { line: LogLine; color: boolean }) {
  const mark = MARK[line.kind];
  return (
    <Text>
      <Text {...paint(color, mark.tone)}>{mark.symbol}</Text> {line.text}
    </Text>
  );
}

const WAITING: Readonly<Record<WaitReason, string>> = {
  pacing: 'pacing to the API rate limit, sending in',
  throttled: 'rate limited, retrying in',
  propagation: 'propagating, checking again in',
  retry: 'failed call, retrying in',
  ttl: 'next ramp step (one TTL) in',
};

export function ProviderLine({ provider: p, now, color }: { provider: ProviderProgress; now: number; color: boolean }) {
  const filled = p.batchesTotal === 0 ? 0 : Math.round((p.batchesDone / p.batchesTotal) * BAR_WIDTH);
  const step = p.steps > 1 ? `step ${p.step}/${p.steps}  ` : '';
  return (
    <Text>
      <Text {...paint(color, 'info')}>{p.phase === 'waiting' ? '⏳' : '…'}</Text>{' '}
      <Text {...paint(color, 'strong')}>{p.id.padEnd(8)}</Text> {step}
      <Text {...paint(color, 'ok')}>{'█'.repeat(filled)}</Text>
      <Text {...paint(color, 'muted')}>{'░'.repeat(BAR_WIDTH - filled)}</Text>{' '}
      {p.phase === 'pending' ? 'reading live records' : `batch ${p.batchesDone}/${p.batchesTotal || '?'}`}
      {p.wait !== undefined && (
        <Text {...paint(color, p.wait.reason === 'ttl' ? 'info' : 'warn')}>
          {'  '}
          {WAITING[p.wait.reason]} {formatCountdown(p.wait.until - now)}
        </Text>
      )}
    </Text>
  );
}
