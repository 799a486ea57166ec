import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ChunkSink, WRITE_LIMIT, writeChunks } from '../../src/io/write-chunks.js';
import { jsonChunks } from '../../src/util/json-chunks.js';

/** Values as commands hand them over: JSON with undefined members, Dates and nested containers. */
const value = fc.letrec((tie) => ({
  any: fc.oneof(
    { depthSize: 'small' },
    fc.constantFrom(null, true, false, undefined, 0, -1.5, 1e21, '', 'a"\n\\é'),
    fc.double({ noNaN: false }),
    fc.string(),
    fc.date({ noInvalidDate: true }),
    fc.array(tie('any'), { maxLength: 5 }),
    fc.dictionary(fc.string({ maxLength: 4 }), tie('any'), { maxKeys: 5 }),
  ),
})).any;

describe('jsonChunks', () => {
  it('joins to exactly what JSON.stringify gives, compact and indented, at any depth', () => {
    fc.assert(
      fc.property(value, fc.integer({ min: 0, max: 6 }), (v, depth) => {
        expect([...jsonChunks(v, false, depth)].join('')).toBe(JSON.stringify(v) ?? '');
        expect([...jsonChunks(v, true, depth)].join('')).toBe(JSON.stringify(v, null, 2) ?? '');
      }),
      { numRuns: 500 },
    );
  });

  it('yields pieces of about the size asked for, exceeding it by at most one value below the depth', () => {
    const big = {
      services: Array.from({ length: 5000 }, (_, i) => ({ name: `s${i}`, geos: [{ id: 'x'.repeat(i % 50) }] })),
    };
    const pieces = [...jsonChunks(big, true, 3, 1000)];
    expect(pieces.join('')).toBe(JSON.stringify(big, null, 2));
    expect(pieces.length).toBeGreaterThan(100);
    expect(Math.max(...pieces.map((p) => p.length))).toBeLessThan(1000 + 200);
  });
});

describe('writeChunks', () => {
  it('writes everything in order, in writes of at most WRITE_LIMIT unless one piece is larger', async () => {
    const writes: string[] = [];
    const pieces = Array.from({ length: 5000 }, (_, i) => `${'x'.repeat(i % 97)}${i},`);
    await writeChunks({ write: (text) => writes.push(text) }, pieces);
    expect(writes.join('')).toBe(pieces.join(''));
    expect(Math.max(...writes.map((w) => w.length))).toBeLessThanOrEqual(WRITE_LIMIT);
  });

  it('waits for drain when the stream asks, and stops once it is closed', async () => {
    const listeners = new Map<string, () => void>();
    let written = '';
    let destroyed = false;
    const sink: ChunkSink = {
      write: (text) => {
        written += text;
        return false;
      },
      once: (event, listener) => listeners.set(event, listener),
      removeListener: (event) => listeners.delete(event),
      get destroyed() {
        return destroyed;
      },
    };
    const pieces = Array.from({ length: 3 }, () => 'y'.repeat(WRITE_LIMIT));
    const done = writeChunks(sink, pieces);
    await Promise.resolve();
    expect(written.length).toBe(WRITE_LIMIT);
    listeners.get('drain')?.();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(written.length).toBe(2 * WRITE_LIMIT);
    expect(listeners.size).toBe(3);
    destroyed = true;
    listeners.get('close')?.();
    await done;
    expect(written.length).toBe(2 * WRITE_LIMIT);
    expect(listeners.size).toBe(0);
  });
});
