import { cleanup, render } from 'ink-testing-library';
import { createElement } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { barSegments, formatCountdown, GLYPHS } from '../../src/ui/ink/bars.js';
import { SplitsView } from '../../src/ui/ink/split-bars.js';
import { solveExample } from './fixtures.js';

afterEach(() => cleanup());

describe('barSegments', () => {
  it('fills the width exactly, within one cell of each exact size', () => {
    const segments = barSegments(
      [
        ['a', 33.4],
        ['b', 33.3],
        ['c', 33.3],
        ['d', 0],
      ],
      20,
    );
    expect(segments.map((s) => s.id)).toEqual(['a', 'b', 'c']);
    expect(segments.reduce((sum, s) => sum + s.cells, 0)).toBe(20);
    for (const s of segments) expect(Math.abs(s.cells - 20 / 3)).toBeLessThan(1);
  });

  it('draws nothing for an empty split', () => {
    expect(barSegments([['a', 0]], 10)).toEqual([]);
  });

  it('formats countdowns as seconds, then m:ss', () => {
    expect([formatCountdown(41_200), formatCountdown(125_000), formatCountdown(-5)]).toEqual(['42s', '2:05', '0s']);
  });
});

describe('<SplitsView>', () => {
  const splits = solveExample('eu-sovereignty.yaml');

  it('draws one bar per top geography, by demand, with the shares after it', () => {
    // ink-testing-library's terminal is 100 columns wide.
    const { lastFrame } = render(createElement(SplitsView, { splits, geos: [], limit: 3, color: true, columns: 100 }));
    const frame = lastFrame() ?? '';
    const lines = frame.split('\n');
    const rows = ['US United States', 'DE Germany', 'FR France'].map((name) =>
      lines.findIndex((l) => l.includes(name)),
    );
    expect(rows.every((i) => i > 0)).toBe(true);
    expect([...rows].sort((a, b) => a - b)).toEqual(rows);
    const us = lines[rows[0]!]!;
    // One precision for the table: other rows have tenths, so this one does too.
    expect(us).toMatch(/20%\s+\d+ ms █+ aws-use1 50.0% · az-eus 50.0%/);
    const cells = us.match(/█/g)?.length ?? 0;
    expect(cells).toBeGreaterThanOrEqual(10);
    expect(cells % 2).toBe(0);
    expect(frame).toContain('api.example.eu');
    expect(frame).toMatch(/clouds\s+█+ aws 47.2% · azure 52.8%/);
    expect(frame).toMatch(/aws-fra\s+aws eu-central-1\s+22.5%\s+4500 rps \(90%\)/);
    expect(frame).toContain('* default (everywhere');
    expect(frame).toMatch(/… \d+ more geographies/);
  });

  it('without color, each endpoint keeps one texture, which its line and every label name', () => {
    const { lastFrame } = render(
      createElement(SplitsView, { splits, geos: ['GB'], limit: 15, color: false, columns: 100 }),
    );
    const lines = (lastFrame() ?? '').split('\n');
    const textureOf = (id: string) => {
      const line = lines.find((l) => new RegExp(`^ {2}(.)\\1 ${id}\\s`).test(l));
      expect(line, id).toBeDefined();
      return line!.charAt(2);
    };
    const [dub, weu] = [textureOf('aws-dub'), textureOf('az-weu')];
    expect(dub).not.toBe(weu);
    expect([dub, weu].every((t) => GLYPHS.includes(t))).toBe(true);
    const gb = lines.find((l) => l.startsWith('GB United Kingdom'))!;
    const bar = new RegExp(`(${dub}+)(${weu}+) ${dub} aws-dub 50% · ${weu} az-weu 50%`).exec(gb);
    expect(bar?.[1]?.length).toBe(bar?.[2]?.length);
  });

  it('names what-if overrides and drained endpoints', () => {
    const drained = solveExample('maintenance-drain.yaml', '2026-12-06T02:30:00Z');
    const { lastFrame } = render(
      createElement(SplitsView, { splits: drained, geos: [], limit: 2, color: false, columns: 100 }),
    );
    expect(lastFrame()).toMatch(/az-weu\s+azure westeurope\s+0%\s+0 rps \(0%\) drained \[weu-patch\]/);
    expect(lastFrame()).toContain('next change 2026-12-06T04:00:00Z');
  });
});
