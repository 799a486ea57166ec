import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { estateYaml } from '../../bench/estate.mjs';
import { main } from '../../src/cli/main.js';
import type { CliIo } from '../../src/io/io.js';
import { WRITE_LIMIT } from '../../src/io/write-chunks.js';
import type { ServiceSplit } from '../../src/solve/types.js';

/**
 * Splits each element of the document's `services` array out of the text as it arrives, so a
 * document far larger than any string can be checked element by element. Tracks strings and
 * nesting only; each element is then parsed by JSON.parse, which checks the rest.
 */
function servicesSplitter(onService: (text: string) => void) {
  let depth = 0;
  let inString = false;
  let escaped = false;
  let inServices = false;
  let element = '';
  let start = -1;
  let head = '';
  return (chunk: string) => {
    start = depth >= 3 && inServices ? 0 : -1;
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk.charCodeAt(i);
      if (depth === 1) head = (head + chunk[i]).slice(-40);
      if (inString) {
        if (escaped) escaped = false;
        else if (c === 92) escaped = true;
        else if (c === 34) inString = false;
        continue;
      }
      if (c === 34) inString = true;
      else if (c === 123 || c === 91) {
        depth++;
        if (depth === 2 && c === 91 && /"services":\s*\[$/.test(head)) inServices = true;
        if (depth === 3 && inServices) start = i;
      } else if (c === 125 || c === 93) {
        if (depth === 3 && inServices) {
          onService(element + chunk.slice(start, i + 1));
          element = '';
          start = -1;
        }
        if (depth === 2) inServices = false;
        depth--;
      }
    }
    if (start >= 0) element += chunk.slice(start);
  };
}

// A hang guard, not a measure: about 20 s of CPU alone, and the run shares 2 cores with another
// test file (two workers) and whatever else loads the machine.
describe('output far larger than a string', { timeout: 600_000 }, () => {
  it('splits --json --pretty --rankings of 2,500 services writes valid JSON in bounded writes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'trafficport-large-'));
    writeFileSync(join(dir, 'estate.yaml'), estateYaml({ services: 2500, zones: 25 }));
    let services = 0;
    let characters = 0;
    let largestWrite = 0;
    const names = new Set<string>();
    const problems: string[] = [];
    const failures: string[] = [];
    const split = servicesSplitter((text) => {
      services++;
      // Every element is delimited above; one in 25 is parsed and checked in full (time, not memory).
      if (services % 25 !== 1) return;
      const service = JSON.parse(text) as ServiceSplit;
      names.add(service.service);
      for (const geo of service.geographies) {
        const total = Object.values(geo.shares).reduce((a, b) => a + b, 0);
        if (Math.abs(total - 100) > 1e-6) problems.push(`${service.service} ${geo.geo}: shares sum to ${total}`);
        if (!geo.reasons.some((r) => r.kind === 'nearest')) problems.push(`${service.service} ${geo.geo}: no ranking`);
      }
    });
    const io: CliIo = {
      stdout: {
        write: (text: string) => {
          largestWrite = Math.max(largestWrite, text.length);
          characters += text.length;
          try {
            split(text);
          } catch (error) {
            failures.push(String(error).slice(0, 300), text.slice(0, 300));
          }
          return true;
        },
        isTTY: false,
      },
      stderr: { write: () => true, isTTY: false },
      env: {},
      cwd: dir,
      now: () => Date.parse('2026-12-01T00:00:00Z'),
    };
    const code = await main(['splits', 'estate.yaml', '--json', '--pretty', '--rankings'], io);
    expect(problems.slice(0, 5)).toEqual([]);
    expect(failures).toEqual([]);
    expect(code).toBe(0);
    expect(services).toBe(2500);
    expect(names.size).toBe(100);
    // More than V8's longest string (2^29 - 24 characters): as one string this document could not exist.
    expect(characters).toBeGreaterThan(2 ** 29);
    expect(largestWrite).toBeLessThanOrEqual(WRITE_LIMIT);
  });
});
