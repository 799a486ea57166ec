import type { ProjectedWorld } from './atlas.js';
import { escapeHtml, percent } from './escape.js';
import type { ReportModel, ServiceReport } from './model.js';
import { cloudColor, endpointColors } from './palette.js';

/** Approximate label box at the map's 10px label font, for placing labels apart. */
const CHAR_WIDTH = 5.6;
const LINE_HEIGHT = 11;

interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
}

/**
 * Endpoint locations as dots with their ids. Endpoints cluster (Frankfurt, Amsterdam, Dublin), so
 * each label moves down until it clears the labels already placed, with a leader line to its dot.
 * Rings mark endpoints that are draining, drained or down at this moment.
 */
export function endpointMarkers(world: ProjectedWorld, model: ReportModel, service: ServiceReport): string {
  const colors = endpointColors(service.split.endpoints);
  const byId = new Map(model.endpoints.map((e) => [e.id, e]));
  const positioned = service.split.endpoints.flatMap((summary) => {
    const endpoint = byId.get(summary.id);
    const point = endpoint === undefined ? undefined : world.project(endpoint.lon, endpoint.lat);
    return point === undefined ? [] : [{ summary, x: point[0], y: point[1] }];
  });
  spreadColocated(positioned);
  // Top to bottom, then left to right: labels pushed down stay in reading order.
  positioned.sort((a, b) => a.y - b.y || a.x - b.x);
  // Dots are obstacles too: a label must not cover another endpoint.
  const placed: Box[] = positioned.map(({ x, y }) => ({ x: x - 5, y: y + 3, width: 10 }));
  const markers = positioned.map(({ summary, x, y }) => {
    const label = labelBox(summary.id, x, y, placed);
    placed.push(label);
    const anchor = label.x > x ? label.x - 1 : label.x + label.width + 1;
    const leader =
      label.y !== y + 3
        ? `<line class="leader" x1="${x}" y1="${y}" x2="${round(anchor)}" y2="${round(label.y - 3)}"/>`
        : '';
    // A white halo under the red ring keeps it visible on red, dark and busy map areas alike;
    // dashed while traffic is still leaving or coming back, solid once drained or down.
    const moving = summary.status === 'draining' || summary.status === 'restoring';
    const ring =
      summary.status === 'active'
        ? ''
        : `<circle class="halo" cx="${x}" cy="${y}" r="9" fill="none" stroke="#fff" stroke-width="5"/><circle class="ring${moving ? ' moving' : ''}" cx="${x}" cy="${y}" r="9" fill="none" stroke="#d00000"/>`;
    const title = `${summary.id} (${summary.cloud}${summary.region === undefined ? '' : ` ${summary.region}`}): ${summary.status}, ${percent(summary.share)} of traffic`;
    const fill = colors.get(summary.id) ?? cloudColor(summary.cloud);
    return `<g class="endpoint" data-endpoint="${escapeHtml(summary.id)}" data-status="${summary.status}"><title>${escapeHtml(title)}</title>${leader}${ring}<circle cx="${x}" cy="${y}" r="4.5" fill="${fill}" stroke="#fff" stroke-width="1.5"/><text x="${label.x}" y="${round(label.y)}">${escapeHtml(summary.id)}</text></g>`;
  });
  return `<g class="endpoints">${markers.join('')}</g>`;
}

/** Distance (px) of co-located dots from their shared point. */
const SPREAD = 6;

/**
 * Endpoints in one city project to one point, and their dots would hide each other: they are
 * spread evenly around it (in id order, so the layout is stable), each still within a dot's
 * width of the city. Mutates the positions in place.
 */
function spreadColocated(points: { summary: { id: string }; x: number; y: number }[]): void {
  const groups = new Map<string, typeof points>();
  for (const point of points) {
    const key = `${round(point.x)},${round(point.y)}`;
    groups.set(key, [...(groups.get(key) ?? []), point]);
  }
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    group.sort((a, b) => (a.summary.id < b.summary.id ? -1 : 1));
    for (const [k, point] of group.entries()) {
      const angle = -Math.PI / 2 + (2 * Math.PI * k) / group.length;
      point.x = round(point.x + SPREAD * Math.cos(angle));
      point.y = round(point.y + SPREAD * Math.sin(angle));
    }
  }
}

/** The first free spot: right of the dot, else left of it, one line lower each round. */
function labelBox(text: string, x: number, y: number, placed: readonly Box[]): Box {
  const width = text.length * CHAR_WIDTH;
  for (let line = 0; ; line++) {
    for (const left of [round(x + 7), round(x - 7 - width)]) {
      const box: Box = { x: left, y: y + 3 + line * LINE_HEIGHT, width };
      if (!placed.some((other) => overlaps(box, other))) return box;
    }
  }
}

function overlaps(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && Math.abs(a.y - b.y) < LINE_HEIGHT;
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
