// Preload (`node --import ./bench/module-census.mjs`) that writes every module the process
// loaded, ES and CommonJS, to the JSON file named by TRAFFICPORT_BENCH_CENSUS at exit.
import { statSync, writeFileSync } from 'node:fs';
import Module, { register } from 'node:module';
import { pathToFileURL } from 'node:url';
import { MessageChannel } from 'node:worker_threads';

const loaded = [];
const { port1, port2 } = new MessageChannel();
port1.on('message', (entry) => loaded.push(entry));
port1.unref();
register('./module-census-hooks.mjs', { parentURL: import.meta.url, data: { port: port2 }, transferList: [port2] });

// CommonJS packages (commander, yaml, the AWS SDK) load through require, which the hooks above
// do not see on Node 20.
for (const extension of ['.js', '.json', '.cjs']) {
  const original = Module._extensions[extension];
  if (original === undefined) continue;
  Module._extensions[extension] = function (module, filename) {
    loaded.push({ url: pathToFileURL(filename).href, bytes: statSync(filename).size });
    return original.call(this, module, filename);
  };
}

process.on('exit', () => {
  const seen = new Map(loaded.filter((entry) => entry.url.startsWith('file:')).map((entry) => [entry.url, entry]));
  writeFileSync(process.env.TRAFFICPORT_BENCH_CENSUS, JSON.stringify([...seen.values()]));
});
