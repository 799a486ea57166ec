import { TrafficportError } from '../../errors.js';

/**
 * Collects every item of an SDK list, page by page, refusing to loop forever. The SDK follows
 * `nextLink` blindly; a service (or proxy) that hands back the same link, or pages that repeat
 * items, would otherwise spin the reader until it runs out of memory or rate budget.
 */

export interface PagingGuard<T> {
  /** The page's continuation token (`nextLink`), from the SDK's `getContinuationToken`. */
  readonly continuationToken: (page: unknown) => string | undefined;
  /** An identity per item (the ARM id) to spot repeated pages. */
  readonly idOf: (item: T) => string | undefined;
  /** What is being listed, for the error message. */
  readonly what: string;
  /** Hard stop even for well-formed paging (a zone holds at most 10,000 record sets). */
  readonly maxPages?: number;
}

export async function collectPages<T>(pages: AsyncIterable<T[]>, guard: PagingGuard<T>): Promise<T[]> {
  const items: T[] = [];
  const seenIds = new Set<string>();
  const seenLinks = new Set<string>();
  const maxPages = guard.maxPages ?? 1_000;
  let count = 0;
  for await (const page of pages) {
    count++;
    for (const item of page) {
      const id = guard.idOf(item)?.toLowerCase();
      if (id !== undefined && seenIds.has(id)) throw pagingError(guard.what, `item '${id}' came back on a later page`);
      if (id !== undefined) seenIds.add(id);
      items.push(item);
    }
    const link = guard.continuationToken(page);
    if (link === undefined) continue;
    if (seenLinks.has(link)) throw pagingError(guard.what, 'the service returned a nextLink it had already returned');
    seenLinks.add(link);
    if (count >= maxPages) throw pagingError(guard.what, `more than ${maxPages} pages`);
  }
  return items;
}

function pagingError(what: string, why: string): TrafficportError {
  return new TrafficportError('PROVIDER.PAGING', `listing ${what} did not terminate: ${why}`, {
    hint: 'the provider returned inconsistent paging; try again, and report it if it persists',
  });
}
