import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cloudColor } from '../../src/report/palette.js';
import { runCli } from '../support/run-cli.js';
import { missing } from '../support/skip.js';

/**
 * Opens the report in a real browser (Debian's `chromium`, headless) and checks what it rendered:
 * the DOM after load, and a screenshot. CI installs chromium (.ci/run); without it, skip loudly.
 */
const CHROMIUM = ['chromium', 'chromium-browser'].find((name) => {
  try {
    execFileSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
});
if (CHROMIUM === undefined) {
  console.warn('SKIPPED: the headless browser test of the HTML report needs `chromium` (apt-get install chromium)');
}

const ROOT = join(import.meta.dirname, '..', '..');
let dir: string;
let file: string;

/** Runs chromium once; each run gets its own profile, as two cannot share one. */
function chromium(profile: string, args: readonly string[]): Promise<string> {
  const flags = [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    // No name resolves: the report must render with no network at all.
    '--host-resolver-rules=MAP * ~NOTFOUND',
    `--user-data-dir=${join(dir, profile)}`,
  ];
  return new Promise((resolve, reject) => {
    execFile(CHROMIUM!, [...flags, ...args], { timeout: 30_000, maxBuffer: 16 * 1024 * 1024 }, (error, stdout) =>
      error === null ? resolve(stdout) : reject(error),
    );
  });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'trafficport-chromium-'));
  file = join(dir, 'report.html');
  const run = await runCli(['report', 'examples/eu-sovereignty.yaml', '--html', file, '--at', '2026-12-01T00:00Z'], {
    cwd: ROOT,
  });
  expect(run.code, run.stderr).toBe(0);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.skipIf(missing(CHROMIUM !== undefined, 'the HTML report in headless Chromium', 'apt-get install chromium'))(
  'the HTML report in headless Chromium',
  () => {
    it('renders the map with every country colored per cloud, the legend and the tables', async () => {
      const [dom] = await Promise.all([
        chromium('dom', ['--dump-dom', pathToFileURL(file).href]),
        chromium('shot', [
          '--hide-scrollbars',
          '--window-size=1280,900',
          `--screenshot=${join(dir, 'shot.png')}`,
          pathToFileURL(file).href,
        ]),
      ]);
      const paths = [...dom.matchAll(/<path id="m0-c\d+" class="country"[^>]*fill="([^"]+)"/g)].map((m) => m[1]);
      const count = (fill: string) => paths.filter((f) => f === fill).length;
      expect(count(cloudColor('aws'))).toBeGreaterThan(40);
      expect(count(cloudColor('azure'))).toBeGreaterThan(10);
      expect(count('url(#m0-mix-aws-azure)')).toBeGreaterThan(40);
      expect(paths.length).toBeGreaterThanOrEqual(175);
      expect(dom).toMatch(/<svg[^>]+class="map"/);
      expect(dom.match(/<g class="zone" /g)).toHaveLength(2);
      expect(dom).toContain('<span class="legend-title">Sovereignty zones</span>');
      expect(dom.match(/<tr data-endpoint=/g)).toHaveLength(8);
      expect(dom.match(/<tr data-geo=/g)).toHaveLength(21);
      // A screenshot of a blank page is a few KB; the map alone makes it far larger.
      expect(existsSync(join(dir, 'shot.png'))).toBe(true);
      expect(statSync(join(dir, 'shot.png')).size).toBeGreaterThan(100_000);
    });
  },
);
