/**
 * DNS names as Route 53 stores and returns them: lower-case, with a trailing dot, and with every
 * character outside `a-z 0-9 - _ .` written as a three-digit octal escape (`*` becomes `\052`).
 * [Route 53 Developer Guide: "DNS domain name format"]
 */

const PLAIN = /^[a-z0-9\-_.]$/;

/** Reads `\ddd` octal escapes (and `\x` for any other escaped character) into plain text. */
export function decodeName(name: string): string {
  return name.replace(/\\([0-7]{3}|.)/g, (_, escaped: string) =>
    escaped.length === 3 ? String.fromCharCode(Number.parseInt(escaped, 8)) : escaped,
  );
}

function encodeName(plain: string): string {
  let out = '';
  for (const char of plain) {
    out += PLAIN.test(char) ? char : `\\${(char.codePointAt(0) ?? 0).toString(8).padStart(3, '0')}`;
  }
  return out;
}

/** The one spelling the mock stores and returns for a name, whatever the caller sent. */
export function canonicalName(name: string): string {
  const plain = decodeName(name.trim()).toLowerCase();
  return encodeName(plain.endsWith('.') ? plain : `${plain}.`);
}

export function labelsOf(canonical: string): string[] {
  return decodeName(canonical).replace(/\.$/, '').split('.');
}

/**
 * Route 53 lists names "with the labels reversed" (`com.example.www.`) and compares them as
 * ASCII on the unescaped text, so `*` (42) and `-` (45) sort before the dot.
 * [Route 53 API Reference: ListResourceRecordSets, "Sort order"]
 */
export function nameSortKey(canonical: string): string {
  return `${labelsOf(canonical).reverse().join('.')}.`;
}

export function compareAscii(left: string, right: string): number {
  if (left === right) return 0;
  return left < right ? -1 : 1;
}

export function isWithinZone(canonical: string, zoneName: string): boolean {
  return canonical === zoneName || canonical.endsWith(`.${zoneName}`);
}

/** The names of the enclosing wildcard sets to try for a query name, nearest first. */
export function wildcardCandidates(canonical: string, zoneName: string): string[] {
  const labels = canonical.replace(/\.$/, '').split('.');
  const candidates: string[] = [];
  for (let index = 1; index < labels.length; index++) {
    const parent = `${labels.slice(index).join('.')}.`;
    if (!isWithinZone(parent, zoneName)) break;
    candidates.push(`\\052.${parent}`);
  }
  return candidates;
}

/** Route 53's limits on a domain name: 255 octets in total, 63 per label. */
export function nameProblem(canonical: string): string | undefined {
  const plain = decodeName(canonical);
  if (plain === '.') return 'DomainNameEmpty (Domain name is empty)';
  if (plain.length > 255) return 'DomainNameTooLong (Domain name is too long)';
  const labels = plain.replace(/\.$/, '').split('.');
  if (labels.some((label) => label.length === 0)) return 'DomainLabelEmpty (Domain label is empty)';
  if (labels.some((label) => label.length > 63)) return 'DomainLabelTooLong (Domain label is too long)';
  return undefined;
}
