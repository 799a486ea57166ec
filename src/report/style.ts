/** The report's whole stylesheet: inline, so the file needs nothing else to render. */
export const REPORT_CSS = `
:root { color-scheme: light; --ink: #1d2433; --muted: #5f6b7a; --line: #dfe3ea; }
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); margin: 0 auto; max-width: 1280px; padding: 24px; }
h1 { font-size: 24px; margin: 0 0 4px; }
h2 { font-size: 19px; margin: 28px 0 4px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
h3 { font-size: 14px; margin: 12px 0 6px; color: var(--muted); text-transform: uppercase; letter-spacing: .04em; }
.facts { color: var(--muted); margin: 0 0 8px; }
code, time { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 12.5px; }
figure { margin: 8px 0; }
svg.map { width: 100%; height: auto; display: block; }
.sphere { fill: #eef4f9; stroke: #c5d3e0; }
.graticule { fill: none; stroke: #dde7f0; stroke-width: .5; }
.country { stroke: #ffffff; stroke-width: .5; }
.country:hover { stroke: var(--ink); stroke-width: 1; }
.zone path { stroke-linejoin: round; pointer-events: none; }
.endpoint text { font-size: 10px; fill: var(--ink); paint-order: stroke; stroke: #fff; stroke-width: 3px; stroke-linejoin: round; }
.endpoint .ring { stroke-width: 2.5; }
.endpoint .ring.moving { stroke-dasharray: 4 2; }
.endpoint .leader { stroke: var(--muted); stroke-width: .6; }
figcaption { display: flex; flex-wrap: wrap; gap: 6px 14px; align-items: center; font-size: 12.5px; color: var(--muted); margin-top: 6px; }
.legend-title { font-weight: 600; color: var(--ink); }
.legend-item { display: inline-flex; align-items: center; gap: 5px; }
.swatch { display: inline-block; width: 14px; height: 14px; border-radius: 3px; vertical-align: -2px; margin-right: 5px; border: 1px solid rgba(0,0,0,.12); }
.swatch.hatch { background: repeating-linear-gradient(45deg, currentColor 0 2px, transparent 2px 5px); border-color: currentColor; }
.marker { display: inline-block; width: 10px; height: 10px; border-radius: 50%; background: #777; border: 2px solid #fff; box-shadow: 0 0 0 1px #999; }
.marker.ringed { box-shadow: 0 0 0 2px #d00000; }
.tables { display: grid; grid-template-columns: minmax(0, 1fr); gap: 8px; }
table { border-collapse: collapse; width: 100%; font-size: 13px; }
th { text-align: left; color: var(--muted); font-weight: 600; border-bottom: 2px solid var(--line); padding: 4px 6px; }
td { border-bottom: 1px solid var(--line); padding: 4px 6px; vertical-align: middle; }
td:first-child { white-space: nowrap; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.status-draining, .status-restoring { color: #a86400; }
.status-drained, .status-down { color: #c00000; font-weight: 600; }
.bar { display: flex; height: 10px; width: 100%; min-width: 120px; border-radius: 3px; overflow: hidden; background: #eee; }
.bar span { display: block; height: 100%; }
.split-text { font-size: 11.5px; color: var(--muted); }
.badge { display: inline-block; padding: 0 7px; border-radius: 9px; font-size: 12px; font-weight: 600; }
.badge.active { background: #ffe1e1; color: #a00000; }
.badge.upcoming { background: #e6effa; color: #1f4f8a; }
.more, .empty { color: var(--muted); font-size: 12.5px; }
footer { margin-top: 32px; color: var(--muted); font-size: 12px; border-top: 1px solid var(--line); padding-top: 8px; }
@media print { body { padding: 0; } .service { break-inside: avoid; } }
`;
