import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { redactSecrets } from '../../src/cli/redact.js';

const secret = fc.stringMatching(/^[A-Za-z0-9+/]{8,48}$/);
const text = fc.string({ maxLength: 200 });

describe('redactSecrets', () => {
  it('removes every credential value from the environment, plain and URL-encoded', () => {
    fc.assert(
      fc.property(secret, text, text, (value, before, after) => {
        const env = { AWS_SECRET_ACCESS_KEY: value, PATH: '/usr/bin' };
        const out = redactSecrets(`${before}${value}${after} ${encodeURIComponent(value)}`, env);
        expect(out).not.toContain(value);
        expect(out).not.toContain(encodeURIComponent(value));
        expect(out).toContain('[redacted]');
      }),
    );
  });

  it('cuts echoed session tokens and leaves ordinary text alone', () => {
    const env = { AZURE_CLIENT_SECRET: 'canary-azure-secret-1234', TRAFFICPORT_DEBUG: '1', HOME: '/home/someone' };
    const stack = 'Error: x-amz-security-token:FQoGZXIvYXdzE123 at /home/someone/app.js:1:1 (canary-azure-secret-1234)';
    expect(redactSecrets(stack, env)).toBe(
      'Error: x-amz-security-token:[redacted] at /home/someone/app.js:1:1 ([redacted])',
    );
  });

  it('does not treat short flag values as secrets', () => {
    expect(redactSecrets('retry 1 of 3: true', { GITHUB_TOKEN: '1', AWS_SESSION_TOKEN: 'true' })).toBe(
      'retry 1 of 3: true',
    );
  });
});
