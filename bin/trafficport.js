#!/usr/bin/env node
// The AWS SDK warns on every start under Node 20 that it will stop supporting it; trafficport
// supports Node >= 20.19 and says so in its own docs, so that one warning is not the user's noise.
const emit = process.emitWarning;
process.emitWarning = (warning, ...rest) => {
  const type = typeof rest[0] === 'string' ? rest[0] : rest[0]?.type;
  if (type === 'NodeVersionSupportWarning' || String(warning).includes('NodeVersionSupportWarning')) return;
  emit.call(process, warning, ...rest);
};

const { main } = await import('../dist/cli/main.js');
process.exitCode = await main(process.argv.slice(2));
