import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import { serviceShortfalls } from '../../plan/shortfalls.js';
import type { Cloud } from '../../policy/types.js';
import { CLOUD_ORDER, cloudColor, endpointColors } from '../../report/palette.js';
import type { EndpointSummary, GeographySplit, ServiceSplit, Splits } from '../../solve/types.js';
import { compareText } from '../../util/compare.js';
import { percentFormat } from '../text/percent.js';
import { describeShortfalls } from '../text/shortfalls.js';
import { barSegments, formatPercent, GLYPHS } from './bars.js';
import { hue, paint } from './paint.js';

export interface SplitsViewProps {
  readonly splits: Splits;
  /** Geographies to show; empty means the top ones by demand. */
  readonly geos: readonly string[];
  readonly limit: number;
  readonly color: boolean;
  readonly columns: number;
}

/** Per service: endpoints in their cloud's color, then one split bar per geography, top demand first. */
export function SplitsView({ splits, geos, limit, color, columns }: SplitsViewProps) {
  const down = [...splits.overrides.downEndpoints, ...splits.overrides.downRegions, ...splits.overrides.downClouds];
  return (
    <Box flexDirection="column">
      <Text>
        <Text {...paint(color, 'strong')}>splits at</Text> {splits.at}
        {splits.nextChangeAt !== undefined && (
          <Text {...paint(color, 'muted')}> next change {splits.nextChangeAt}</Text>
        )}
      </Text>
      {down.length > 0 && <Text {...paint(color, 'warn')}>what-if: treating {down.join(', ')} as down</Text>}
      {splits.services.map((service) => (
        <ServiceBars
          key={service.service}
          service={service}
          geos={geos}
          limit={limit}
          color={color}
          columns={columns}
        />
      ))}
    </Box>
  );
}

export interface ServiceBarsProps extends Omit<SplitsViewProps, 'splits'> {
  readonly service: ServiceSplit;
  /** Show the service's shortfalls under its clouds (the plan view lists them in one place instead). */
  readonly shortfalls?: boolean;
}

export function ServiceBars({ service, geos, limit, color, columns, shortfalls = true }: ServiceBarsProps) {
  const hues = endpointColors(service.endpoints);
  // Without color each endpoint (and cloud) keeps one texture everywhere, shown on its own line.
  const textures = new Map(service.endpoints.map((e, i) => [e.id, GLYPHS[i % GLYPHS.length]!]));
  const cloudTextures = new Map(CLOUD_ORDER.map((c, i) => [c as string, GLYPHS[i % GLYPHS.length]!]));
  const shown = pickGeographies(service.geographies, geos, limit);
  const nameWidth = Math.min(24, Math.max(12, ...shown.map((g) => `${g.geo} ${g.name}`.length + 1)));
  // Room for the labels after the bar first; the bar takes what is left, within reason.
  const barWidth = Math.max(10, Math.min(32, columns - nameWidth - 18 - 36));
  const idWidth = Math.max(...service.endpoints.map((e) => e.id.length)) + 1;
  const hidden = service.geographies.length - shown.length;
  const clouds = CLOUD_ORDER.filter((c) => (service.clouds[c] ?? 0) > 0).map(
    (c) => [c, service.clouds[c] ?? 0] as const,
  );
  const row = { nameWidth, color };
  const demandPercent = percentFormat(shown.map((g) => g.demand));
  const sharePercent = percentFormat(shown.flatMap((g) => Object.values(g.shares).filter((v) => v > 0)));
  return (
    <Box flexDirection="column" marginTop={1}>
      <ServiceHeader service={service} color={color} />
      {service.endpoints.map((e) => (
        <EndpointLine
          key={e.id}
          endpoint={e}
          hue={hues.get(e.id)}
          texture={textures.get(e.id) ?? GLYPHS[0]!}
          idWidth={idWidth}
          color={color}
        />
      ))}
      <Row {...row} cells={['clouds', '', '']}>
        <Bar
          shares={clouds}
          width={barWidth}
          color={color}
          hueOf={(c) => cloudColor(c as Cloud)}
          textureOf={(c) => cloudTextures.get(c)}
        />
      </Row>
      {shortfalls && <ShortfallLines lines={describeShortfalls(serviceShortfalls(service))} color={color} />}
      <Row {...row} cells={['geography', 'demand', 'latency']} heading>
        <Text {...paint(color, 'muted')}>split</Text>
      </Row>
      {shown.map((geo) => (
        <Row
          key={geo.geo}
          {...row}
          cells={[`${geo.geo} ${geo.name}`, demandPercent(geo.demand), `${Math.round(geo.latencyMs)} ms`]}
        >
          <Bar
            shares={service.endpoints.map((e) => [e.id, geo.shares[e.id] ?? 0] as const)}
            width={barWidth}
            color={color}
            hueOf={(id) => hues.get(id)}
            textureOf={(id) => textures.get(id)}
            format={sharePercent}
          />
        </Row>
      ))}
      {hidden > 0 && (
        <Text {...paint(color, 'muted')}>… {hidden} more geographies (--all shows every one, --geo picks some)</Text>
      )}
    </Box>
  );
}

/** Shortfalls, one warning line each, wrapped rather than cut: they are what the reader must not miss. */
export function ShortfallLines({ lines, color }: { lines: readonly string[]; color: boolean }) {
  return (
    <>
      {lines.map((line) => (
        <Text key={line} {...paint(color, 'warn')}>
          ! {line}
        </Text>
      ))}
    </>
  );
}

function ServiceHeader({ service, color }: { service: ServiceSplit; color: boolean }) {
  const demand = service.demandTotal === undefined ? 'demand total not set' : `${service.demandTotal} rps`;
  return (
    <Text>
      <Text {...paint(color, 'strong')}>{service.service}</Text>
      <Text {...paint(color, 'muted')}>
        {' '}
        ttl {service.ttl}s · {demand} · mean latency {service.meanLatencyMs} ms
      </Text>
    </Text>
  );
}

interface RowProps {
  /** Name, demand and latency columns. */
  readonly cells: readonly [string, string, string];
  readonly nameWidth: number;
  readonly color: boolean;
  readonly heading?: boolean;
  readonly children: ReactNode;
}

/** One table row: fixed columns that never shrink, then the bar and its labels, cut at the edge. */
function Row({ cells: [name, demand, latency], nameWidth, color, heading, children }: RowProps) {
  const tone = heading === true ? paint(color, 'muted') : {};
  return (
    <Box>
      <Box width={nameWidth} flexShrink={0}>
        <Text wrap="truncate-end" {...tone}>
          {name}
        </Text>
      </Box>
      <Box width={8} flexShrink={0} justifyContent="flex-end">
        <Text {...tone}>{demand}</Text>
      </Box>
      <Box width={10} flexShrink={0} justifyContent="flex-end" paddingRight={1}>
        <Text {...paint(color, 'muted')}>{latency}</Text>
      </Box>
      {children}
    </Box>
  );
}

interface EndpointLineProps {
  readonly endpoint: EndpointSummary;
  readonly hue: string | undefined;
  /** Its bars' texture without color: the line is the legend. */
  readonly texture: string;
  readonly idWidth: number;
  readonly color: boolean;
}

function EndpointLine({ endpoint: e, hue: shade, texture, idWidth, color }: EndpointLineProps) {
  const tone = e.status === 'active' ? undefined : e.status === 'down' || e.status === 'drained' ? 'remove' : 'warn';
  const load =
    e.load === undefined ? '' : `${Math.round(e.load)} rps${e.capacity === undefined ? '' : ` (${e.utilization}%)`}`;
  return (
    <Box>
      <Box width={idWidth + 5} flexShrink={0}>
        <Text>
          {'  '}
          <Text {...hue(color, shade)}>{color ? '██' : texture.repeat(2)}</Text> {e.id}
        </Text>
      </Box>
      <Box width={26} flexShrink={0}>
        <Text wrap="truncate-end" {...paint(color, 'muted')}>
          {e.cloud}
          {e.region === undefined ? '' : ` ${e.region}`}
        </Text>
      </Box>
      <Box width={8} flexShrink={0} justifyContent="flex-end" paddingRight={1}>
        <Text>{formatPercent(e.share)}</Text>
      </Box>
      <Text wrap="truncate-end">
        {load}
        {tone !== undefined && <Text {...paint(color, tone)}> {e.status}</Text>}
        {e.windows.length > 0 && <Text {...paint(color, 'muted')}> [{e.windows.join(', ')}]</Text>}
      </Text>
    </Box>
  );
}

interface BarProps {
  readonly shares: readonly (readonly [string, number])[];
  readonly width: number;
  readonly color: boolean;
  readonly hueOf: (id: string) => string | undefined;
  /** Without color: each id's texture (default: alternating, so the borders show). */
  readonly textureOf?: (id: string) => string | undefined;
  /** The table's precision for the labels (default: this bar's own). */
  readonly format?: (value: number) => string;
}

/**
 * A bar of `width` cells, then its labels in the same left-to-right order. With color, segments
 * take their endpoint's color; without, their texture, which each label names (the legend). The
 * labels wrap rather than lose a value at the terminal's edge, all at one precision.
 */
export function Bar({ shares, width, color, hueOf, textureOf, format: tableFormat }: BarProps) {
  const segments = barSegments(shares, width);
  const used = segments.reduce((sum, s) => sum + s.cells, 0);
  const texture = (id: string, i: number) => textureOf?.(id) ?? GLYPHS[i % GLYPHS.length]!;
  const shown = shares.filter(([, share]) => share > 0);
  const format = tableFormat ?? percentFormat(shown.map(([, share]) => share));
  const labels = shown
    .map(([id, share], i) => `${color ? '' : `${texture(id, i)} `}${id} ${format(share)}`)
    .join(' · ');
  return (
    <>
      <Box flexShrink={0}>
        <Text>
          {segments.map((segment, i) => (
            <Text key={segment.id} {...hue(color, hueOf(segment.id))}>
              {(color ? GLYPHS[0]! : texture(segment.id, i)).repeat(segment.cells)}
            </Text>
          ))}
          {' '.repeat(Math.max(0, width - used))}
        </Text>
      </Box>
      <Text wrap="wrap"> {labels}</Text>
    </>
  );
}

export function pickGeographies(geos: readonly GeographySplit[], wanted: readonly string[], limit: number) {
  if (wanted.length > 0) return geos.filter((g) => wanted.includes(g.geo));
  const ranked = geos.filter((g) => g.geo !== '*').sort((a, b) => b.demand - a.demand || compareText(a.geo, b.geo));
  return [...ranked.slice(0, limit), ...geos.filter((g) => g.geo === '*')];
}
