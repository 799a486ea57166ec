import { route53Name } from '../../render/route53-names.js';

/**
 * The order ListResourceRecordSets lists names in: "with the labels reversed" (`com.example.www.`),
 * compared as ASCII on the unescaped text, so `-` and `*` sort before the dot
 * [Route 53 API Reference: ListResourceRecordSets, "Sort order"]. The read walks services in
 * this order so that each page it fetches serves every service whose sets are on it.
 */
export function listingKey(name: string): string {
  const plain = route53Name(name).replace(/\\([0-7]{3})/g, (_, octal: string) =>
    String.fromCharCode(Number.parseInt(octal, 8)),
  );
  return `${plain.replace(/\.$/, '').split('.').reverse().join('.')}.`;
}

export function compareListing(a: string, b: string): number {
  const left = listingKey(a);
  const right = listingKey(b);
  return left < right ? -1 : left > right ? 1 : 0;
}

/** `name` is `root` or a name below it (both in route53Name form). */
export function isAtOrBelow(name: string, root: string): boolean {
  return name === root || name.endsWith(`.${root}`);
}

/**
 * The names whose subtrees cover every service, in listing order: each service once, and none
 * that lies under another (`eu.api.example.com` is read with `api.example.com`), so no set is
 * listed twice. A subtree is contiguous in listing order (its keys share a prefix), so a
 * service under a kept root always comes right after that root or after others under it.
 */
export function subtreeRoots(services: readonly string[]): string[] {
  const names = [...new Set(services.map(route53Name))].sort(compareListing);
  const roots: string[] = [];
  for (const name of names) {
    const last = roots.at(-1);
    if (last === undefined || !isAtOrBelow(name, last)) roots.push(name);
  }
  return roots;
}
