import { describe, expect, it } from 'vitest';
import { compressGeographies } from '../../src/render/compress.js';

const continent = (geo: string) =>
  ({
    DE: 'continent:EU',
    FR: 'continent:EU',
    CH: 'continent:EU',
    IT: 'continent:EU',
    US: 'continent:NA',
    CA: 'continent:NA',
    RU: 'continent:EU',
  })[geo];

describe('geography compression', () => {
  it('replaces a continent of identical splits with one record and keeps the exceptions', () => {
    const splits = new Map([
      ['*', 'world'],
      ['DE', 'eu'],
      ['FR', 'eu'],
      ['IT', 'eu'],
      ['CH', 'swiss'],
      ['US', 'us'],
      ['CA', 'us'],
      ['US-CA', 'cal'],
    ]);
    expect([...compressGeographies(splits, continent)]).toEqual([
      ['*', 'world'],
      ['CH', 'swiss'],
      ['US-CA', 'cal'],
      ['continent:EU', 'eu'],
      ['continent:NA', 'us'],
    ]);
  });

  it('needs no continent record when its common split is the default', () => {
    const splits = new Map([
      ['*', 'world'],
      ['US', 'world'],
      ['CA', 'north'],
    ]);
    expect([...compressGeographies(splits, continent)]).toEqual([
      ['*', 'world'],
      ['CA', 'north'],
    ]);
  });

  it('always keeps a record for a country whose continent is ambiguous', () => {
    const splits = new Map([
      ['*', 'world'],
      ['DE', 'eu'],
      ['FR', 'eu'],
      ['RU', 'eu'],
    ]);
    expect(compressGeographies(splits, continent).get('RU')).toBe('eu');
  });

  it('resolves every geography to its own split (most specific match)', () => {
    const splits = new Map([
      ['*', 'a'],
      ['DE', 'b'],
      ['FR', 'b'],
      ['CH', 'c'],
      ['IT', 'a'],
      ['US', 'a'],
      ['CA', 'c'],
    ]);
    const records = compressGeographies(splits, continent);
    for (const [geo, split] of splits) {
      const answer = records.get(geo) ?? (continent(geo) && records.get(continent(geo)!)) ?? records.get('*');
      expect(answer, geo).toBe(split);
    }
  });
});
