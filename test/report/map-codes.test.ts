import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { COUNTRIES } from '../../src/geo/countries.js';
import { alpha2Of } from '../../src/report/atlas.js';

const ROOT = join(import.meta.dirname, '..', '..');

describe('world-atlas ids → alpha-2 codes', () => {
  it('src/report/map-codes.generated.ts is what scripts/generate-map-codes.mjs produces now', async () => {
    const script = pathToFileURL(join(ROOT, 'scripts', 'generate-map-codes.mjs')).href;
    const { generateMapCodesModule } = (await import(script)) as { generateMapCodesModule: () => string };
    const generated = generateMapCodesModule();
    const checkedIn = readFileSync(join(ROOT, 'src', 'report', 'map-codes.generated.ts'), 'utf8');
    const firstDifference = generated.split('\n').find((line, i) => line !== checkedIn.split('\n')[i]);
    expect(
      generated === checkedIn,
      `src/report/map-codes.generated.ts is out of date (first differing line: ${firstDifference}); run \`node scripts/generate-map-codes.mjs\``,
    ).toBe(true);
  });

  it('maps every country shape of the atlas to a country trafficport knows', () => {
    const atlas = createRequire(import.meta.url)('world-atlas/countries-110m.json') as {
      objects: { countries: { geometries: { id?: string; properties: { name: string } }[] } };
    };
    const unmapped = atlas.objects.countries.geometries
      .map((g) => [g.properties.name, alpha2Of(g.id, g.properties.name)] as const)
      .filter(([, code]) => code === undefined || !COUNTRIES.has(code));
    expect(unmapped).toEqual([]);
  });

  it('reads ids as ISO numeric codes and names only for the shapes without one', () => {
    expect([alpha2Of('276', 'Germany'), alpha2Of(36, 'Australia'), alpha2Of(undefined, 'Kosovo')]).toEqual([
      'DE',
      'AU',
      'XK',
    ]);
    expect(alpha2Of(undefined, 'Atlantis')).toBeUndefined();
  });
});
