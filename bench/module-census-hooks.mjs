// Loader hooks for module-census.mjs: report every ES module the process loads, with its size.
let port;

export function initialize(data) {
  port = data.port;
}

export async function load(url, context, nextLoad) {
  const result = await nextLoad(url, context);
  port.postMessage({ url, bytes: result.source?.length ?? 0 });
  return result;
}
