#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import module from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// Scripts and installers run `--version` to check the tool: answered from package.json before
// anything else loads, so it costs about what starting node does (docs/performance.md). The same
// answer as src/cli/main.ts gives for it, and commander for `--version` among other arguments.
const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  // A reader that has gone (`| head -0`) is no failure of ours, as below.
  process.stdout.on('error', () => {});
  process.stdout.write(`${version}\n`);
} else {
  await start();
}

async function start() {
  // The AWS SDK warns under Node 20 that its releases from January 2027 need Node 22, in a
  // multi-line warning about its own updates. Users should hear it, once, in terms of this tool:
  // what runs today and what to do.
  const emit = process.emitWarning;
  let nodeNoticeGiven = false;
  process.emitWarning = (warning, ...rest) => {
    const type = typeof rest[0] === 'string' ? rest[0] : rest[0]?.type;
    if (type !== 'NodeVersionSupportWarning' && !String(warning).includes('NodeVersionSupportWarning')) {
      emit.call(process, warning, ...rest);
      return;
    }
    if (nodeNoticeGiven) return;
    nodeNoticeGiven = true;
    process.stderr.write(
      `note: Node.js ${process.versions.node} reached end of life in April 2026, and the AWS SDK that trafficport ` +
        'uses for Route 53 needs Node 22 or later from January 2027. trafficport works on it today; ' +
        'upgrade to Node 22 or 24 to keep receiving fixes.\n',
    );
  };

  // `trafficport regions | head -1`: once the reader has gone, writes fail with EPIPE. Dropping the
  // rest of the output is what the user asked for; the command still ends with its own exit code.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error) => {
      if (error.code !== 'EPIPE' && error.code !== 'ERR_STREAM_DESTROYED') throw error;
    });
  }

  // The CLI as scripts/bundle.mjs ships it: dependencies included, one chunk per lazily loaded part,
  // CommonJS so that Node 20 can keep its compiled code too (bin/bundle-loader.cjs).
  // A clone has no bundle until `npm run build` (installing never builds: no install scripts).
  const require = module.createRequire(import.meta.url);
  const bundle = fileURLToPath(new URL('../dist/cli-bundle', import.meta.url));
  const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  let cli;
  try {
    cli = require('./bundle-loader.cjs').loadBundle(bundle, version);
  } catch (error) {
    if (error?.code !== 'MODULE_NOT_FOUND' || !String(error.message).includes(join('cli-bundle', 'main.js'))) {
      throw error;
    }
    process.stderr.write(
      'error: trafficport is not built here (dist/cli-bundle/ is missing)\n  hint: run `npm run build` in the clone\n',
    );
    process.exit(1);
  }
  process.exitCode = await cli.main(args);
}
