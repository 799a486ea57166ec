import type { ResourceRecordSet } from '@aws-sdk/client-route-53';
import { route53Name } from '../../render/route53-names.js';
import { compareListing, isAtOrBelow, subtreeRoots } from './listing-order.js';
import type { CallMeter } from './meter.js';
import { type ListedSet, listPage, type Page, pagingError, type Start, setIdentity } from './paging.js';
import type { Route53Sender } from './zone.js';

/** 300 pages of 300 is 90,000 sets, nine times the default zone quota: past it, paging is broken. */
const MAX_PAGES = 300;

/**
 * Every record set at or below each service, handed to `visit` a subtree at a time, reading each
 * page of the zone at most once.
 *
 * The names at or under www.example.com are exactly those whose listing key starts with
 * `com.example.www.`, and keys sharing a prefix are contiguous, with the prefix itself first;
 * so walking the services in listing order, each subtree starts at or after the previous one
 * ended. A service whose subtree starts inside the current page takes its sets from that page;
 * a subtree that runs past the page end continues with the next-page token; a subtree that
 * starts beyond the page is reached with StartRecordName = the service (one call either way,
 * and the jump skips whatever lies between). Services under another service are read with it.
 *
 * Paging is defensive: a set listed twice, a truncated page that does not advance, or an
 * endless listing ends in PROVIDER.PAGING rather than a loop or duplicates.
 */
export async function listSubtrees(
  client: Route53Sender,
  meter: CallMeter,
  zoneId: string,
  services: readonly string[],
  visit: (sets: readonly ResourceRecordSet[]) => void,
): Promise<void> {
  const roots = subtreeRoots(services);
  const walk = new PageWalk((start, root) => listPage(client, meter, zoneId, start, root));
  // Handed over one subtree at a time: the caller keeps what it needs, and the SDK's objects for
  // a whole zone (thousands of sets) are never held at once.
  for (const root of roots) visit(await walk.subtree(root));
}

type Fetch = (start: Start, reading: string) => Promise<Page>;

/** The current page of one walk through a zone, and what the walk has seen so far. */
class PageWalk {
  private page: Page | undefined;
  private readonly seen = new Set<string>();

  constructor(private readonly fetch: Fetch) {}

  async subtree(root: string): Promise<ResourceRecordSet[]> {
    let page = this.page;
    if (page === undefined || startsBeyond(page, root)) page = await this.fetch({ StartRecordName: root }, root);
    const sets = this.take(page, root);
    for (let pages = 1; page.next !== undefined && isAtOrBelow(tokenName(page.next), root); pages++) {
      if (pages >= MAX_PAGES) throw pagingError(root, `the listing did not end after ${MAX_PAGES} pages`);
      page = await this.fetch(page.next, root);
      sets.push(...this.take(page, root));
    }
    this.page = page;
    return sets;
  }

  /** The page's sets in `root`'s subtree; a set seen before means the listing went back. */
  private take(page: Page, root: string): ResourceRecordSet[] {
    const inside: ResourceRecordSet[] = [];
    for (const listed of page.items) {
      if (!isAtOrBelow(listed.name, root)) continue;
      this.remember(listed, root);
      inside.push(listed.set);
    }
    return inside;
  }

  private remember(listed: ListedSet, root: string): void {
    const identity = setIdentity(listed);
    if (this.seen.has(identity)) throw pagingError(root, `the listing returned ${identity} twice`);
    this.seen.add(identity);
  }
}

/** The page ends before the first name that could be in `root`'s subtree. */
function startsBeyond(page: Page, root: string): boolean {
  return page.next !== undefined && compareListing(tokenName(page.next), root) < 0;
}

/** The first name of the next page, in route53Name form. */
function tokenName(next: Start): string {
  return route53Name(next.StartRecordName ?? '');
}
