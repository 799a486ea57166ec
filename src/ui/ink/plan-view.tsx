import { Box, Text } from 'ink';
import type { Change } from '../../plan/diff.js';
import type { PlanDocument, ProviderPlan } from '../../plan/types.js';
import type { Splits } from '../../solve/types.js';
import { counted } from '../../util/words.js';
import { describeChange } from '../text/changes.js';
import { fallbackLines, formatMove, geographyLine, quotaLine, rampLine, safetyLine } from '../text/plan.js';
import { changeTitle, changeValues } from '../text/resource-values.js';
import { describeShortfalls } from '../text/shortfalls.js';
import { paint, type Tone } from './paint.js';
import { groupChangesByService, type ServiceChanges } from './plan-groups.js';
import { ServiceBars, ShortfallLines } from './split-bars.js';

/** Change lines shown per service and moves per provider; --json and --markdown list them all. */
const MAX_CHANGES = 10;
const MAX_MOVES = 6;
/** Geographies per service in the plan view's split bars (splits --all shows every one). */
const PLAN_GEOGRAPHIES = 8;

export interface PlanViewProps {
  readonly plan: PlanDocument;
  readonly splits: Splits;
  readonly color: boolean;
  readonly columns: number;
  /** Where `plan --out` saved the plan, to say how to apply it. */
  readonly savedTo?: string;
  /** `plan --all`: every change with its values, and the drift since the last apply. */
  readonly all?: boolean;
}

/** The plan: the splits it publishes, then per provider a diff grouped by service, safety, totals. */
export function PlanView({ plan, splits, color, columns, savedTo, all = false }: PlanViewProps) {
  return (
    <Box flexDirection="column">
      <Text>
        <Text {...paint(color, 'strong')}>plan</Text> for {plan.policy.file} at {plan.at}
        {plan.nextChangeAt !== undefined && <Text {...paint(color, 'muted')}> next change {plan.nextChangeAt}</Text>}
      </Text>
      {splits.services.map((service) => (
        <ServiceBars
          key={service.service}
          service={service}
          geos={[]}
          limit={PLAN_GEOGRAPHIES}
          color={color}
          columns={columns}
          shortfalls={false}
        />
      ))}
      {plan.providers.map((provider) => (
        <ProviderDiff key={provider.provider} provider={provider} color={color} all={all} />
      ))}
      {all && <Drift plan={plan} color={color} />}
      {plan.shortfalls.length > 0 && (
        <Box flexDirection="column" marginTop={1}>
          <Text {...paint(color, 'strong')}>shortfalls</Text>
          <ShortfallLines lines={describeShortfalls(plan.shortfalls)} color={color} />
        </Box>
      )}
      <Safety plan={plan} color={color} />
      <Box marginTop={1}>
        <Totals plan={plan} color={color} />
      </Box>
      {savedTo !== undefined && (
        <Text>
          saved the plan to {savedTo}; apply it with: trafficport apply {savedTo}
        </Text>
      )}
    </Box>
  );
}

export function ProviderDiff({
  provider: p,
  color,
  all = false,
}: {
  provider: ProviderPlan;
  color: boolean;
  all?: boolean;
}) {
  const groups = groupChangesByService(
    p.changes,
    p.stats.map((s) => s.service),
    p.zone,
  );
  return (
    <Box
      flexDirection="column"
      marginTop={1}
      borderStyle="round"
      paddingX={1}
      {...(color ? { borderColor: 'gray' } : {})}
    >
      <Text>
        <Text {...paint(color, 'strong')}>{p.provider}</Text>
        <Text {...paint(color, 'muted')}>
          {' '}
          ({p.type}, zone {p.zone})
        </Text>{' '}
        <Counts counts={p.counts} color={color} /> · moves {p.trafficMovedPercent}% of traffic
      </Text>
      {p.changes.length === 0 && <Text {...paint(color, 'muted')}>no changes</Text>}
      {groups.map((group) => (
        <ServiceGroup key={group.service} group={group} color={color} all={all} groups={p.groups} />
      ))}
      {(all ? p.moves : p.moves.slice(0, MAX_MOVES)).map((move) => (
        <Text key={`${move.service} ${move.geo}`}>
          <Text {...paint(color, 'info')}>↝</Text> {formatMove(move)}
        </Text>
      ))}
      {!all && p.moves.length > MAX_MOVES && (
        <Text {...paint(color, 'muted')}>… {p.moves.length - MAX_MOVES} more geographies move</Text>
      )}
      {p.quota !== undefined && <Text {...paint(color, 'muted')}>{quotaLine(p)}</Text>}
      {fallbackLines(p).map((line) => (
        <Text key={line}>
          <Text {...paint(color, 'info')}>↳</Text> {line}
        </Text>
      ))}
      <Text {...paint(color, 'muted')}>{geographyLine(p)}</Text>
    </Box>
  );
}

function ServiceGroup({
  group,
  color,
  all,
  groups,
}: {
  group: ServiceChanges;
  color: boolean;
  all: boolean;
  groups: ProviderPlan['groups'];
}) {
  const shown = all ? group.changes : group.changes.slice(0, MAX_CHANGES);
  return (
    <Box flexDirection="column">
      <Text>
        <Text {...paint(color, 'strong')}>{group.service}</Text> <Counts counts={group.counts} color={color} />
      </Text>
      {shown.map((change) => (
        <Box key={change.key} flexDirection="column">
          <ChangeLine change={change} color={color} all={all} />
          {all && <ValueLines lines={changeValues(change, groups)} color={color} />}
        </Box>
      ))}
      {group.changes.length > shown.length && (
        <Text {...paint(color, 'muted')}>
          {' '}
          … {group.changes.length - shown.length} more (--all lists every one with its values)
        </Text>
      )}
    </Box>
  );
}

/** A change's values under it (`+` new, `-` old), wrapped rather than cut: they are the review. */
function ValueLines({ lines, color }: { lines: readonly string[]; color: boolean }) {
  return (
    <>
      {lines.map((line, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: lines of one change, in a fixed order
        <Text key={i} {...paint(color, line.startsWith('+') ? 'add' : line.startsWith('-') ? 'remove' : 'muted')}>
          {'      '}
          {line}
        </Text>
      ))}
    </>
  );
}

/** Changes made at each provider since the last apply, outside trafficport: apart from the plan. */
function Drift({ plan, color }: { plan: PlanDocument; color: boolean }) {
  const drifted = plan.providers.filter((p) => p.drift !== undefined);
  return (
    <Box flexDirection="column" marginTop={1}>
      <Text {...paint(color, 'strong')}>drift since the last apply</Text>
      {drifted.length === 0 && <Text {...paint(color, 'muted')}>no apply on record</Text>}
      {drifted.map((p) => (
        <Box key={p.provider} flexDirection="column">
          <Text>
            {p.provider}:{' '}
            {p.drift!.length === 0 ? 'none' : `${counted(p.drift!.length, 'record')} changed outside trafficport`}
          </Text>
          {p.drift!.map((change) => (
            <Box key={change.key} flexDirection="column">
              <Text {...paint(color, 'warn')}>! {changeTitle(change)}</Text>
              <ValueLines lines={changeValues(change, p.groups)} color={color} />
            </Box>
          ))}
        </Box>
      ))}
    </Box>
  );
}

const SYMBOL_TONE: Readonly<Record<'+' | '~' | '-', Tone>> = { '+': 'add', '~': 'change', '-': 'remove' };

function ChangeLine({ change, color, all }: { change: Change; color: boolean; all: boolean }) {
  const { symbol, text } = describeChange(change);
  return (
    <Text wrap="truncate-end">
      {'  '}
      <Text {...paint(color, SYMBOL_TONE[symbol])}>
        {symbol} {all ? changeTitle(change) : text}
      </Text>
    </Text>
  );
}

function Counts({ counts, color }: { counts: ProviderPlan['counts']; color: boolean }) {
  return (
    <Text>
      <Text {...paint(color, 'add')}>+{counts.create}</Text> <Text {...paint(color, 'change')}>~{counts.update}</Text>{' '}
      <Text {...paint(color, 'remove')}>-{counts.delete}</Text>
    </Text>
  );
}

function Safety({ plan, color }: { plan: PlanDocument; color: boolean }) {
  const { safety } = plan;
  const ramp = rampLine(plan);
  return (
    <Box flexDirection="column" marginTop={1}>
      {ramp === undefined ? null : <Text {...paint(color, 'info')}>{ramp}</Text>}
      <Text {...paint(color, safety.exceeded.length === 0 ? 'muted' : 'warn')}>{safetyLine(plan)}</Text>
      {safety.exceeded.map((e) => (
        <Text key={e} {...paint(color, 'warn')}>
          ! {e}: apply refuses without --force
        </Text>
      ))}
    </Box>
  );
}

export function Totals({ plan, color }: { plan: PlanDocument; color: boolean }) {
  const sum = (key: 'create' | 'update' | 'delete') => plan.providers.reduce((n, p) => n + p.counts[key], 0);
  if (sum('create') + sum('update') + sum('delete') === 0) {
    return <Text {...paint(color, 'ok')}>No changes. The published records match the plan.</Text>;
  }
  return (
    <Text {...paint(color, 'strong')}>
      Plan: {sum('create')} to create, {sum('update')} to update, {sum('delete')} to delete.
    </Text>
  );
}
