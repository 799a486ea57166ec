import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ipv6Key } from '../../src/policy/checks/endpoints.js';
import { loadPolicy } from '../../src/policy/load.js';

/**
 * POLICY.DUPLICATE_ADDRESS compares IPv6 addresses as addresses: every spelling of one address
 * (upper or lower case, leading zeros, the longest zero run compressed or not) has one key, and
 * two different addresses never share one. The spellings are built from eight generated groups,
 * so every generated text is a valid address by construction.
 */
const groups = fc.array(fc.integer({ min: 0, max: 0xffff }), { minLength: 8, maxLength: 8 });

function spell(words: readonly number[], style: { upper: boolean; pad: boolean; compress: boolean }): string {
  const parts = words.map((word) => {
    const hex = style.pad ? word.toString(16).padStart(4, '0') : word.toString(16);
    return style.upper ? hex.toUpperCase() : hex;
  });
  if (!style.compress) return parts.join(':');
  let best = { at: -1, length: 0 };
  for (let i = 0; i < 8; i++) {
    let j = i;
    while (j < 8 && words[j] === 0) j++;
    if (j - i > best.length) best = { at: i, length: j - i };
  }
  if (best.length < 2) return parts.join(':');
  return `${parts.slice(0, best.at).join(':')}::${parts.slice(best.at + best.length).join(':')}`;
}

const style = fc.record({ upper: fc.boolean(), pad: fc.boolean(), compress: fc.boolean() });

describe('duplicate endpoint addresses', () => {
  it('every spelling of an IPv6 address has the key of its eight groups', () => {
    fc.assert(
      fc.property(groups, style, (words, how) => {
        expect(ipv6Key(spell(words, how))).toBe(words.map((word) => word.toString(16)).join(':'));
      }),
    );
  });

  it('an IPv6 address spelled twice is refused; two different ones are not', () => {
    fc.assert(
      fc.property(
        groups,
        fc.boolean(),
        fc.integer({ min: 0, max: 7 }),
        fc.integer({ min: 1, max: 0xffff }),
        style,
        style,
        (x, same, at, delta, first, second) => {
          // y is x, or x with one group changed: equal and different pairs are both drawn often.
          const y = same ? x : x.map((word, i) => (i === at ? (word + delta) % 0x10000 : word));
          // Quoted: unquoted in a YAML flow sequence, a spelling ending in `::` (before `]` or `,`)
          // reads as a mapping key, not as the address.
          const aaaa = `["${spell(x, first)}", "${spell(y, second)}"]`;
          const text = `version: 1
providers:
  r53: { type: route53, zone: example.com, backend: mock }
endpoints:
  e1: { cloud: aws, region: eu-central-1, aaaa: ${aaaa} }
services:
  - { name: www.example.com, endpoints: [e1], publish: [r53] }
`;
          const loaded = loadPolicy(text, 'p.yaml');
          const codes = loaded.ok ? [] : loaded.diagnostics.map((d) => d.code);
          expect(codes.includes('POLICY.DUPLICATE_ADDRESS')).toBe(same);
        },
      ),
      {
        numRuns: 60,
        // A spelling that ends in `::` (found by CI before the addresses were quoted).
        examples: [
          [
            [0, 1, 0, 1, 0, 0, 0, 0],
            true,
            0,
            1,
            { upper: false, pad: false, compress: false },
            { upper: false, pad: false, compress: true },
          ],
        ],
      },
    );
  });
});
