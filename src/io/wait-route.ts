/**
 * Where the provider waits reported outside an apply's own events go (reads, the lease's
 * renewal): a line on stderr, except while a live view holds the terminal, when such a line
 * would tear its frame (ink redraws over what it last drew). The view takes them then, as it
 * takes the waits of the writes. Keyed by the stderr stream, the one the view draws on.
 */
const routes = new WeakMap<object, (event: never) => void>();

/** Sends the waits reported to `stream` to `sink` until the returned function is called. */
export function routeWaits<Event>(stream: object, sink: (event: Event) => void): () => void {
  routes.set(stream, sink);
  return () => {
    if (routes.get(stream) === sink) routes.delete(stream);
  };
}

/** The sink that takes the waits reported to `stream` now, if a view holds it. */
export function routedWaits<Event>(stream: object): ((event: Event) => void) | undefined {
  return routes.get(stream) as ((event: Event) => void) | undefined;
}
