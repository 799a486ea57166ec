import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadPolicy } from '../../src/policy/load.js';

/**
 * An unquoted IPv6 address ending in `::` (`aaaa: [2001:db8::]`, or `- 2001:db8::` in a block
 * list) is a YAML mapping key with no value, not a string. validate says why, at the entry (file,
 * line, field), and how to fix it: quote the address. The addresses are built from one to six
 * non-zero groups followed by zeros, so each is valid and its compressed spelling ends in `::`.
 */
const prefix = fc.array(fc.integer({ min: 1, max: 0xffff }), { minLength: 1, maxLength: 6 });
const spell = (groups: readonly number[], upper: boolean) => {
  const text = `${groups.map((g) => g.toString(16)).join(':')}::`;
  return upper ? text.toUpperCase() : text;
};

const policy = (aaaa: string) => `version: 1
providers:
  r53: { type: route53, zone: example.com, backend: mock }
endpoints:
  e1:
    cloud: aws
    region: eu-central-1
    aaaa: ${aaaa}
services:
  - { name: www.example.com, endpoints: [e1], publish: [r53] }
`;

function errorsOf(text: string) {
  const loaded = loadPolicy(text, 'p.yaml');
  return loaded.ok ? [] : loaded.diagnostics.filter((d) => d.severity === 'error');
}

describe('an unquoted IPv6 address ending in ::', () => {
  it('in a flow list: names the entry and says to quote it', () => {
    const [error, ...rest] = errorsOf(policy('[2001:db8::1, 2001:db8::]'));
    expect(rest).toEqual([]);
    expect(error).toMatchObject({
      code: 'POLICY.INVALID',
      path: 'endpoints.e1.aaaa[1]',
      location: { file: 'p.yaml', line: 8 },
      hint: 'quote the address: "2001:db8::"',
    });
    expect(error!.message).toMatch(/YAML reads the unquoted 2001:db8:: as a key, because it ends in ':'/);
  });

  it('in either list form, for any such address: the hint quotes exactly what was written; quoted, it loads', () => {
    fc.assert(
      fc.property(prefix, fc.boolean(), fc.boolean(), fc.integer({ min: 0, max: 2 }), (groups, upper, flow, at) => {
        const address = spell(groups, upper);
        const entries = ['2001:db8::10', '2001:db8::11', '2001:db8::12'];
        entries[at] = address;
        const list = flow ? `[${entries.join(', ')}]` : `\n${entries.map((e) => `      - ${e}`).join('\n')}`;
        const errors = errorsOf(policy(list));
        expect(errors).toHaveLength(1);
        expect(errors[0]).toMatchObject({
          path: `endpoints.e1.aaaa[${at}]`,
          location: { line: flow ? 8 : 9 + at },
          hint: `quote the address: "${address}"`,
        });
        const quoted = flow ? `[${entries.map((e) => `"${e}"`).join(', ')}]` : `["${entries.join('", "')}"]`;
        expect(errorsOf(policy(quoted))).toEqual([]);
      }),
      { numRuns: 80 },
    );
  });

  it('any other mapping where an address belongs keeps the plain message', () => {
    const [error] = errorsOf(policy('[{ ip: 2001:db8::1 }]'));
    expect(error?.message).toBe('expected a string, got a mapping');
    expect(error?.hint).toBeUndefined();
  });
});
