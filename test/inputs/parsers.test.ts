import { describe, expect, it } from 'vitest';
import { parseHealthFile } from '../../src/inputs/health-file.js';
import { parseLatencyCsv } from '../../src/inputs/latency-csv.js';
import { parseMoment } from '../../src/inputs/moment.js';

const NOW = Date.parse('2026-12-01T00:00:00Z');

describe('parseMoment', () => {
  it('reads ISO times, now, and offsets', () => {
    expect(parseMoment('2026-12-06T02:00Z', NOW, '--at')).toBe(Date.parse('2026-12-06T02:00:00Z'));
    expect(parseMoment('2026-12-06T03:00+01:00', NOW, '--at')).toBe(Date.parse('2026-12-06T02:00:00Z'));
    expect(parseMoment('now', NOW, '--at')).toBe(NOW);
    expect(parseMoment('+2h', NOW, '--at')).toBe(NOW + 7_200_000);
    expect(parseMoment('-30m', NOW, '--at')).toBe(NOW - 1_800_000);
  });

  it('refuses a time without a zone, naming the flag', () => {
    expect(() => parseMoment('2026-12-06T02:00', NOW, '--from')).toThrow("--from '2026-12-06T02:00' is not a time");
  });
});

describe('parseLatencyCsv', () => {
  it('reads rows, skipping the header and comments', () => {
    const result = parseLatencyCsv('geography,endpoint,ms\n# measured 2026-11\nDE,a,12.5\nUS-CA,b,30\n', 'l.csv', [
      'a',
      'b',
    ]);
    expect(result.ok && result.latency.get('DE')?.get('a')).toBe(12.5);
    expect(result.ok && result.latency.get('US-CA')?.get('b')).toBe(30);
  });

  it('reports every bad row with its line', () => {
    const result = parseLatencyCsv('DE,a,12\nXX,a,1\nDE,c,1\nDE,a,-4\nDE,a\n', 'l.csv', ['a', 'b']);
    expect(result.ok).toBe(false);
    const found = result.ok ? [] : result.diagnostics.map((d) => [d.location.line, d.message]);
    expect(found).toEqual([
      [2, "'XX' is not a country, US state or *"],
      [3, "unknown endpoint 'c'"],
      [4, "'-4' is not a latency in milliseconds"],
      [5, 'expected 3 columns (geography,endpoint,ms), got 2'],
    ]);
  });
});

describe('parseHealthFile', () => {
  it('returns the endpoints that are down', () => {
    const result = parseHealthFile('a: down\nb: up\nc: unhealthy\n', 'h.yaml', ['a', 'b', 'c']);
    expect(result).toEqual({ ok: true, down: ['a', 'c'] });
  });

  it('reads JSON too and refuses unknown statuses with their line', () => {
    const result = parseHealthFile('{\n  "a": "down",\n  "b": "maybe"\n}', 'h.json', ['a', 'b']);
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.diagnostics[0]).toMatchObject({ message: "'maybe' is not a health status", location: { line: 3 } });
  });
});
